import {
  BASIC_CLASSES,
  LETTER,
  LOWER,
  MARK,
  NUMBER,
  SPACE,
  UPPER,
  classAt,
  classOf,
  codePointAt,
  runEnd,
  widthOf,
} from '../../text/char-class.js'

/** A word or punctuation token with its offsets in the text: `text.slice(start, end) === text`. */
export interface Token {
  text: string
  start: number
  end: number
  /** Sentence index within the text. */
  sentence: number
}

/** What a word is made of. */
const WORD = LETTER | MARK | NUMBER
const DOT = 46
/** - and ‐ join a word to a run of one letter or more ("Jong-un"). */
const isHyphen = (code: number): boolean => code === 45 || code === 0x2010
/** ' ’ & join a word to a run of two letters or more ("O'Brien", "AT&T"), so that "'s" stays apart. */
const isJoiner = (code: number): boolean => code === 39 || code === 0x2019 || code === 38

/**
 * Where the token that starts at `start` (no white space) ends. Initialisms keep their dots ("U.S.", "U.N."),
 * and so does a middle initial ("Raj K. Chohan"); words keep inner hyphens, and apostrophes and ampersands
 * followed by two or more letters ("Jong-un", "O'Brien"), so that the possessive "'s" is a token of its own;
 * any other character is a token. The tokens of
 * `/\p{Lu}(?:\.\p{Lu})+\.?|\p{Lu}\.(?=\s+\p{Lu}\p{Ll})|[\p{L}\p{M}\p{N}]+(?:(?:[-‐'’&][\p{L}\p{M}\p{N}]{2,}|[-‐](?!\p{Lu}\.\p{Lu})[\p{L}\p{M}\p{N}]+))*|['’]s\b|\S/gu`,
 * its alternatives in order, read by character codes (tokenizers.test.ts checks the two agree): an `exec` per
 * token built a match object and searched Unicode ranges per character (issue 16).
 */
export function tokenEnd(text: string, start: number): number {
  const code = text.charCodeAt(start)
  const first = code < 0xd800 ? code : codePointAt(text, start)
  const kind = BASIC_CLASSES[first] || classOf(first)
  const afterFirst = start + widthOf(first)
  if ((kind & UPPER) !== 0 && text.charCodeAt(afterFirst) === DOT) {
    const initialism = initialismEnd(text, afterFirst)
    if (initialism > afterFirst) return initialism
    if (beforeCapitalisedWord(text, afterFirst + 1)) return afterFirst + 1
  }
  if ((kind & WORD) !== 0) return wordEnd(text, afterFirst)
  if (
    (code === 39 || code === 0x2019) &&
    text.charCodeAt(start + 1) === 115 &&
    !isAsciiWordChar(text, start + 2)
  )
    return start + 2
  return afterFirst
}

/** After a capital: the end of `(?:\.\p{Lu})+\.?` from `at` (`at` itself when there is no ".X"). */
function initialismEnd(text: string, at: number): number {
  let end = at
  while (text.charCodeAt(end) === DOT && end + 1 < text.length) {
    const next = codePointAt(text, end + 1)
    if ((classOf(next) & UPPER) === 0) break
    end += 1 + widthOf(next)
  }
  if (end === at) return at
  return text.charCodeAt(end) === DOT ? end + 1 : end
}

/** `(?=\s+\p{Lu}\p{Ll})` at `at`: white space, then a capital and a lower-case letter. */
function beforeCapitalisedWord(text: string, at: number): boolean {
  const capital = runEnd(text, at, SPACE)
  if (capital === at || (classAt(text, capital) & UPPER) === 0) return false
  return (classAt(text, capital + widthOf(codePointAt(text, capital))) & LOWER) !== 0
}

/**
 * The rest of a word from `at`:
 * `[\p{L}\p{M}\p{N}]*(?:(?:[-‐'’&][\p{L}\p{M}\p{N}]{2,}|[-‐](?!\p{Lu}\.\p{Lu})[\p{L}\p{M}\p{N}]+))*`.
 * A hyphen before an initialism ends the word ("then-U.S. President" is then, -, U.S., President): read as one
 * word, "then-U" took the initialism's first letter, its dot ended a sentence, and the role read "S. President".
 */
function wordEnd(text: string, at: number): number {
  let end = runEnd(text, at, WORD)
  while (end + 1 < text.length) {
    const mark = text.charCodeAt(end)
    const hyphen = isHyphen(mark)
    if (!hyphen && !isJoiner(mark)) break
    const after = runEnd(text, end + 1, WORD, letters)
    const count = letters[0] as number
    if (!(count >= 2 || (count >= 1 && hyphen && !initialismAt(text, end + 1)))) break
    end = after
  }
  return end
}

/** `\p{Lu}\.\p{Lu}` at `at`: a capital, a dot and a capital, the start of an initialism ("U.S."). */
function initialismAt(text: string, at: number): boolean {
  if ((classAt(text, at) & UPPER) === 0) return false
  const dot = at + widthOf(codePointAt(text, at))
  return text.charCodeAt(dot) === DOT && (classAt(text, dot + 1) & UPPER) !== 0
}

/** How many code points the last run after a joiner had (runEnd writes it; kept, not made per word). */
const letters = new Int32Array(1)

/** `\w` as a `u` expression without `i` reads it: an ASCII letter, digit or underscore (false past the end). */
function isAsciiWordChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95
  )
}

// A sentence ends after . ! ? (and closing quotes) when the next token starts with a capital or a quote, and
// at every line break; short capitalised words before a dot ("Mr.", "Gen.", "St.") are abbreviations.
const ABBREVIATION =
  /^(?:\p{Lu}|Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Rep|Sen|Gov|St|Jr|Sr|No|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Gov|Rev|Capt|Maj|Adm|Cmdr)$/u

/** Closing marks and brackets: a sentence that ended before them still ends after them. */
const CLOSERS = '"”’\')]'

/** Tokens of a text, with sentence indices (a new sentence after a line break or a sentence-final stop). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let sentence = 0
  let endsSentence = false
  // The first line break after the previous token, found again only once passed (linear in the text).
  let nextBreak = text.indexOf('\n')
  for (let start = runEnd(text, 0, SPACE); start < text.length;) {
    const end = tokenEnd(text, start)
    const word = text.slice(start, end)
    if (tokens.length > 0) {
      const lineBreak = nextBreak >= 0 && nextBreak < start
      if (lineBreak || (endsSentence && /^[\p{Lu}\p{N}"“‘'(]/u.test(word))) sentence++
    }
    const previous = tokens.at(-1)
    if (word === '.' || word === '!' || word === '?')
      endsSentence = !(word === '.' && previous !== undefined && ABBREVIATION.test(previous.text))
    else if (!(word.length === 1 && CLOSERS.includes(word))) endsSentence = false
    tokens.push({ text: word, start, end, sentence })
    if (nextBreak >= 0 && nextBreak < end) nextBreak = text.indexOf('\n', end)
    start = runEnd(text, end, SPACE)
  }
  return tokens
}
