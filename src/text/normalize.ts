/**
 * The one place where text is normalised. Offsets always refer to the un-normalised text; these helpers
 * produce comparison keys only.
 */

const QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u201d]/g
const DASHES = /[\u2010-\u2015\u2212]/g

/** Straight quotes, ASCII dashes, single spaces; keeps case. */
export function normalizePunctuation(text: string): string {
  return text
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\u00a0/g, ' ')
}

/**
 * One ASCII space for every run of white space, Unicode's too (no-break, thin, ideographic spaces, line
 * breaks): a name written "North\u00a0Korea" on one page and "North Korea" on another is shown as one. Display
 * and grouping only; a span's offsets still slice the text as written.
 */
export function singleSpaced(text: string): string {
  return text.replace(/\s+/gu, ' ')
}

/**
 * A comparison key: lower case, letters and digits only, single spaces. (Punctuation needs no normalising
 * first: quotes, dashes and no-break spaces, whatever their form, become the one space here.)
 */
export function comparisonKey(text: string): string {
  const lower = text.toLowerCase()
  // The same key: in ASCII the letters and digits are [a-z0-9] once lower-cased, and the plain class costs
  // less to compile and to match than Unicode's properties (this runs on every block of every page).
  return (
    NON_ASCII.test(lower)
      ? lower.replace(NOT_LETTER_OR_DIGIT, ' ')
      : lower.replace(NOT_ASCII_ALNUM, ' ')
  ).trim()
}

/**
 * Whether `comparisonKey(text)` may start with `opening` (a key's start), told without building the key when
 * the text's first letter or digit is ASCII: that character, lower-cased, is the key's first, and what comes
 * before it (ASCII punctuation, spaces) is dropped. False only when the key certainly starts otherwise; true
 * whenever a non-ASCII character comes first (letters beyond ASCII are left to the key itself). A pass over a
 * page's paragraphs, most of which start otherwise, then builds few keys.
 */
export function mayStartKey(text: string, opening: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code >= 0x80) return true
    if (isAsciiLetterOrDigit(code)) return (code | LOWER_CASE_BIT) === opening.charCodeAt(0)
  }
  return true
}

/** Setting this bit lower-cases an ASCII letter and leaves a digit as it is. */
const LOWER_CASE_BIT = 0x20

function isAsciiLetterOrDigit(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  )
}

const NON_ASCII = /[\u0080-\uffff]/
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu
const NOT_ASCII_ALNUM = /[^a-z0-9]+/g
