/** A sentence with its offsets in the original text. */
export interface Sentence {
  text: string
  start: number
  end: number
}

// Abbreviations that end in a dot without ending a sentence (English news usage).
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen col lt sgt rep sen gov st jr sr inc corp co ltd vs no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e a.m p.m'.split(
    ' ',
  ),
)

/**
 * Splits text into sentences. Paragraph breaks always end a sentence; a dot, "?" or "!" ends one when the
 * next word starts with a capital, a digit or a quote, and the word before is not a known abbreviation.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = []
  const boundary = /([.!?]["'\u201d\u2019)]*)\s+(?=["'\u201c\u2018(]?[\p{Lu}\p{N}])|\n\s*\n/gu
  let start = 0
  for (const match of text.matchAll(boundary)) {
    const punct = match[1]
    if (punct !== undefined) {
      const lastWord = wordBefore(text, start, match.index)?.toLowerCase().replace(/\.$/, '')
      if (lastWord !== undefined && (ABBREVIATIONS.has(lastWord) || /^\p{Lu}$/u.test(lastWord)))
        continue
      if (lastWord !== undefined && lastWord.length === 1) continue
    }
    const end = match.index + (punct?.length ?? 0)
    pushTrimmed(sentences, text, start, end)
    start = match.index + match[0].length
  }
  pushTrimmed(sentences, text, start, text.length)
  return sentences
}

const LETTER_OR_DOT = /^[\p{L}.]$/u

/**
 * The run of letters and dots that ends at `end` and starts at or after `start` (what `/([\p{L}.]+)$/u`
 * finds in `text.slice(start, end)`), or undefined when the character before `end` is neither. Read back
 * from `end`, so that a sentence with many dots before its end (initials, abbreviations) costs its length
 * once, where the expression, tried at every position of the slice, cost its length at every dot.
 */
function wordBefore(text: string, start: number, end: number): string | undefined {
  let first = end
  while (first > start) {
    const code = text.charCodeAt(first - 1)
    // ASCII first (the hot path), then a whole code point: a letter outside the BMP is a surrogate pair.
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 46) first--
    else if (code < 128) break
    else {
      const pair =
        code >= 0xdc00 && code <= 0xdfff && first - 2 >= start
          ? text.charCodeAt(first - 2) >= 0xd800 && text.charCodeAt(first - 2) <= 0xdbff
          : false
      const width = pair ? 2 : 1
      if (!LETTER_OR_DOT.test(text.slice(first - width, first))) break
      first -= width
    }
  }
  return first < end ? text.slice(first, end) : undefined
}

function pushTrimmed(into: Sentence[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start] ?? '')) start++
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--
  if (end > start) into.push({ text: text.slice(start, end), start, end })
}
