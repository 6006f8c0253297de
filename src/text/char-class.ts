/**
 * The Unicode classes the two annotation tokenisers read, by code point, for scanners that walk a text by
 * character codes instead of running a regular expression with `\p{…}` classes (issue 16: each `exec` built a
 * match object per token, and the classes were range searches per character). A code point's class is worked
 * out once, by the very expressions the tokenisers used (`/\p{L}/u`, …), and kept: a table for the Basic
 * Multilingual Plane, a map for the rest; so a scanner and the expression it replaces agree by construction.
 */

/** `\p{L}` */
export const LETTER = 1
/** `\p{M}` */
export const MARK = 2
/** `\p{N}` */
export const NUMBER = 4
/** `\p{Lu}` */
export const UPPER = 8
/** `\p{Ll}` */
export const LOWER = 16
/** `\s` */
export const SPACE = 32
/** The entry has been worked out (0 in the table means not yet). */
const KNOWN = 128

/**
 * The class bits of each code unit of the Basic Multilingual Plane, 0 until worked out: a scanner's hot loop
 * reads `BASIC_CLASSES[code] || classOf(code)` inline (a call per character cost as much as the expression did).
 */
export const BASIC_CLASSES = new Uint8Array(0x10000)
const basic = BASIC_CLASSES
const astral = new Map<number, number>()

function classify(char: string): number {
  let bits = KNOWN
  if (/^\p{L}$/u.test(char)) bits |= LETTER
  if (/^\p{M}$/u.test(char)) bits |= MARK
  if (/^\p{N}$/u.test(char)) bits |= NUMBER
  if (/^\p{Lu}$/u.test(char)) bits |= UPPER
  if (/^\p{Ll}$/u.test(char)) bits |= LOWER
  if (/^\s$/u.test(char)) bits |= SPACE
  return bits
}

/** The class bits of a code point (a lone surrogate is a code point of no class, as in a `u` expression). */
export function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    let bits = basic[codePoint] as number
    if (bits === 0) basic[codePoint] = bits = classify(String.fromCharCode(codePoint))
    return bits
  }
  let bits = astral.get(codePoint)
  if (bits === undefined) astral.set(codePoint, (bits = classify(String.fromCodePoint(codePoint))))
  return bits
}

/**
 * The code point at `at` as a `u` expression reads it: a surrogate pair is one code point, a lone surrogate
 * one of its own (`at` must be below the text's length).
 */
export function codePointAt(text: string, at: number): number {
  const code = text.charCodeAt(at)
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
    const next = text.charCodeAt(at + 1)
    if (next >= 0xdc00 && next <= 0xdfff) return (code - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000
  }
  return code
}

/** How many code units a code point takes. */
export const widthOf = (codePoint: number): number => (codePoint >= 0x10000 ? 2 : 1)

/** The class bits of the code point at `at` (0 at or past the text's end). */
export function classAt(text: string, at: number): number {
  return at < text.length ? classOf(codePointAt(text, at)) : 0
}

/**
 * Where a run of code points whose class has one of `bits` ends, from `at`, and how many code points it has
 * (written to `count[0]` when given: the tokenisers' `{2,}` counts code points). Code units below the
 * surrogates are read from the table inline (the hot path: every character of every annotated text).
 */
export function runEnd(text: string, at: number, bits: number, count?: Int32Array): number {
  let end = at
  let points = 0
  const length = text.length
  while (end < length) {
    const code = text.charCodeAt(end)
    if (code < 0xd800) {
      if (((basic[code] || classOf(code)) & bits) === 0) break
      end++
    } else {
      const codePoint = codePointAt(text, end)
      if ((classOf(codePoint) & bits) === 0) break
      end += widthOf(codePoint)
    }
    points++
  }
  if (count !== undefined) count[0] = points
  return end
}

/** Whether a text's first code point has one of `bits` (`/^\p{Ll}/u` is `startsWithClass(text, LOWER)`). */
export function startsWithClass(text: string, bits: number): boolean {
  return (classAt(text, 0) & bits) !== 0
}

/** Whether any code point of a text has one of `bits` (`/[\p{L}\p{N}]/u` is `hasClass(text, LETTER | NUMBER)`). */
export function hasClass(text: string, bits: number): boolean {
  for (let at = 0; at < text.length;) {
    const codePoint = codePointAt(text, at)
    if ((classOf(codePoint) & bits) !== 0) return true
    at += widthOf(codePoint)
  }
  return false
}
