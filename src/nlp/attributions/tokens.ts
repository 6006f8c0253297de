import {
  BASIC_CLASSES,
  LETTER,
  NUMBER,
  SPACE,
  classOf,
  codePointAt,
  runEnd,
  widthOf,
} from '../../text/char-class.js'

/** A token of the attribution tagger: a word or one punctuation mark, with where it stands. */
export interface TagToken {
  text: string
  lower: string
  start: number
  end: number
  /** Index of its sentence in the text. */
  sentence: number
  /** Index of its paragraph (a run of text between line breaks). */
  paragraph: number
  /** Inside double quotation marks (the marks themselves are not). */
  inQuote: boolean
  /** 'open' or 'close' for a double quotation mark, else null. */
  mark: 'open' | 'close' | null
}

/** What a word is made of, and the marks that join two words into one token. */
const WORD = LETTER | NUMBER

/**
 * Where the token that starts at `start` (no white space) ends: a word with inner apostrophes, dots, hyphens
 * and ampersands kept whole (don’t, U.S, Kim’s, Rolls-Royce, AT&T), or any other one character. The tokens of
 * `/[\p{L}\p{N}]+(?:['’.\-&][\p{L}\p{N}]+)*|\S/gu`, read by character codes (tokens.test.ts checks the two
 * agree): an `exec` per token built a match object and searched Unicode ranges per character (issue 16).
 */
export function tokenEnd(text: string, start: number): number {
  const code = text.charCodeAt(start)
  const first = code < 0xd800 ? code : codePointAt(text, start)
  if (((BASIC_CLASSES[first] || classOf(first)) & WORD) === 0) return start + widthOf(first)
  let end = runEnd(text, start, WORD)
  while (end + 1 < text.length && isJoiner(text.charCodeAt(end))) {
    const after = runEnd(text, end + 1, WORD)
    if (after === end + 1) break
    end = after
  }
  return end
}

/** ' ’ . - & */
const isJoiner = (code: number): boolean =>
  code === 39 || code === 0x2019 || code === 46 || code === 45 || code === 38

/** Where the next token starts at or after `at` (the text's length when none does): past white space. */
export function tokenStart(text: string, at: number): number {
  return runEnd(text, at, SPACE)
}

const OPENING = new Set(['“', '„', '«'])
const CLOSING = new Set(['”', '»'])
const STRAIGHT = '"'

/**
 * Tokens of a text with their sentence, paragraph and quotation state. Quotation state follows the marks:
 * curly marks open and close, a straight mark toggles, and a paragraph break ends any open quotation (news
 * style reopens a quotation that runs on into the next paragraph).
 */
export function tagTokens(text: string): TagToken[] {
  const tokens: TagToken[] = []
  let sentence = 0
  let paragraph = 0
  let quoted = false
  // The last token that is no closing mark: where endsSentence looks for the terminal (kept here, since
  // walking back over a run of closers per token made a text of n quotation marks cost n²).
  let solid = -1
  // The next line break after the previous token, found once and kept until passed (linear in the text).
  let nextBreak = text.indexOf('\n')
  for (let start = tokenStart(text, 0); start < text.length;) {
    const end = tokenEnd(text, start)
    const lineBreak = nextBreak >= 0 && nextBreak < start
    if (lineBreak) nextBreak = text.indexOf('\n', start)
    if (tokens.length > 0 && lineBreak) {
      paragraph++
      quoted = false
    }
    const word = text.slice(start, end)
    if (lineBreak || endsSentence(tokens, solid, word)) sentence++
    let mark: TagToken['mark'] = null
    if (OPENING.has(word) || (word === STRAIGHT && !quoted)) mark = 'open'
    else if (CLOSING.has(word) || word === STRAIGHT) mark = 'close'
    if (mark === 'close') quoted = false
    const lower = word.toLowerCase()
    tokens.push({
      text: word,
      lower: lower.includes('’') ? lower.replace(/’/g, "'") : lower,
      start,
      end,
      sentence,
      paragraph,
      inQuote: quoted && mark === null,
      mark,
    })
    if (mark === 'open') quoted = true
    if (!CLOSERS.has(word)) solid = tokens.length - 1
    start = tokenStart(text, end)
  }
  return tokens
}

// Words that end in a dot without ending a sentence (English news usage).
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen col lt sgt rep sen gov st jr sr inc corp co ltd vs no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e a.m p.m'.split(
    ' ',
  ),
)
const TERMINAL = new Set(['.', '!', '?'])
const CLOSERS = new Set(['”', '"', '’', "'", ')', '»'])

/**
 * Whether a sentence ends before `next`: after ".", "!" or "?" (and any closing marks), when the next word
 * starts with a capital, a digit or an opening mark, and the word before the dot is no abbreviation or
 * initial. Token-wise, so that splitting stays linear in the text: `solid` is the index of the last token
 * that is no closing mark (-1: none).
 */
function endsSentence(tokens: TagToken[], solid: number, next: string): boolean {
  const previous = tokens.at(-1)?.text ?? ''
  if (!TERMINAL.has(previous) && !CLOSERS.has(previous)) return false
  if (!/^[\p{Lu}\p{N}“"‘'(«]/u.test(next)) return false
  const terminal = tokens[solid]
  if (terminal === undefined || !TERMINAL.has(terminal.text)) return false
  if (terminal.text !== '.') return true
  const before = tokens[solid - 1]
  if (before === undefined || before.end !== terminal.start) return true
  return !(ABBREVIATIONS.has(before.lower) || before.text.length === 1)
}

/** Runs of tokens of one paragraph: the unit the tagger labels at once. */
export function paragraphs(tokens: TagToken[]): TagToken[][] {
  const runs: TagToken[][] = []
  for (const token of tokens) {
    const run = runs.at(-1)
    if (run !== undefined && run[0]?.paragraph === token.paragraph) run.push(token)
    else runs.push([token])
  }
  return runs
}

/** How many of the first `length` items are `before` (binary search: a prefix of the items is). */
export function countBefore(length: number, before: (index: number) => boolean): number {
  let low = 0
  let high = length
  while (low < high) {
    const middle = (low + high) >> 1
    if (before(middle)) low = middle + 1
    else high = middle
  }
  return low
}
