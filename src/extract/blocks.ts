import {
  CAPTION_CREDIT,
  READER_ADDRESS_WORDS,
  matchBoilerplate,
} from '../data/boilerplate-phrases.js'

/** Features of one line or block of text, shared by the plain-text and HTML extractors. */
export interface BlockFeatures {
  text: string
  words: number
  /** Sentence-shaped: enough words, ends like a sentence, mostly lower-case words. */
  prose: boolean
  /** Boilerplate kind from the phrase lexicon, if any. */
  lexiconKind: string | null
  caption: boolean
  contact: boolean
  contributors: boolean
  listItem: boolean
}

const SENTENCE_END = /[.!?…:;。！？]["'\u201d\u2019)\]」』]*$|["\u201d」』]$/
/** Scripts written without spaces between words: their words are counted from characters. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu
/** Characters per word in those scripts (Japanese and Chinese words average about two). */
const CHARS_PER_UNSPACED_WORD = 2
const CONTACT =
  /\b(can be reached at|write to .{2,80}\bat\b|e-?mail (him|her|them|the author)|follow (him|her) on)\b|@[\w-]+\.\w+/i
const CONTRIBUTORS =
  /\b(contributed (reporting|to this (article|report|story))|contributed\.$|additional reporting by)\b/i

export function blockFeatures(text: string): BlockFeatures {
  const trimmed = text.trim()
  const { tokens, unspaced, words } = countWords(trimmed)
  const capitalised = tokens.filter((token) => /^["'“‘(]?\p{Lu}/u.test(token)).length
  const prose =
    words >= 8 &&
    SENTENCE_END.test(trimmed) &&
    capitalised / tokens.length < 0.6 &&
    (/\p{Ll}/u.test(trimmed) || unspaced >= 8)
  return {
    text: trimmed,
    words,
    prose,
    lexiconKind: matchBoilerplate(trimmed)?.kind ?? null,
    caption: isCaption(trimmed, tokens.length),
    contact: isContact(trimmed, tokens.length),
    contributors: tokens.length <= 40 && CONTRIBUTORS.test(trimmed),
    listItem: /^[-•*·▪–]\s/.test(trimmed),
  }
}

/** A trimmed text's tokens that hold a letter or digit, and its words (unspaced scripts counted from characters). */
export function countWords(trimmed: string): { tokens: string[]; unspaced: number; words: number } {
  const tokens = trimmed.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token))
  const unspaced = trimmed.match(UNSPACED_SCRIPT)?.length ?? 0
  return { tokens, unspaced, words: tokens.length + Math.floor(unspaced / CHARS_PER_UNSPACED_WORD) }
}

/** A photo caption: a short text ending in a credit ("(AP Photo)"). */
export function isCaption(trimmed: string, tokens: number): boolean {
  return tokens <= 60 && CAPTION_CREDIT.test(trimmed)
}

/** A short line telling how to reach the author. */
export function isContact(trimmed: string, tokens: number): boolean {
  return tokens <= 40 && CONTACT.test(trimmed)
}

/** Counts words that address the reader ("we", "your"), ignoring quotations where a speaker may say them. */
export function readerAddressCount(text: string): number {
  const outsideQuotes = text.replace(/[“"][^”"]*[”"]/g, ' ')
  return outsideQuotes.match(READER_ADDRESS_WORDS)?.length ?? 0
}

/** Whether a block is an appeal continuing a reader-revenue box (see markAppeals). */
export function hasQuotation(text: string): boolean {
  return /[“"][^”"]{10,}[”"]/.test(text)
}
