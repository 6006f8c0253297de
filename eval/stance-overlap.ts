/**
 * Leakage checks between the two stance sets, which were built from the same Emergent material (FNC-1's
 * headlines are Emergent's outlet headlines, its bodies their articles). Emergent's cleaned table dropped symbols
 * that FNC-1 keeps ("$15" → "15", quotes and apostrophes gone: "Guns N' Roses" → "Guns N Roses"), so texts are
 * compared by their letters and digits alone: an exact lower-cased comparison found 154 of the 339 FV-test
 * headlines among FNC-1's training headlines where the words find 221.
 */
export const overlapKey = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/**
 * A headline of at least this many words found inside a body is one of the body's sentences (the short-text
 * model trains on body sentences), not a chance phrase ("Stolen Member" is in many texts).
 */
export const MIN_WORDS_IN_TEXT = 5

/** Texts to look headlines up in: whole (exact, by key) and as running text (a headline inside one). */
export class OverlapIndex {
  private readonly whole: Set<string>
  private readonly running: string
  /** The indexed texts long enough to be found inside another. */
  private readonly long: string[]

  constructor(texts: Iterable<string>) {
    const keys = [...texts].map(overlapKey).filter((key) => key !== '')
    this.whole = new Set(keys)
    this.running = keys.map((key) => ` ${key} `).join('\n')
    this.long = [...this.whole].filter((key) => key.split(' ').length >= MIN_WORDS_IN_TEXT)
  }

  /** The text is one of the indexed texts, word for word. */
  has(text: string): boolean {
    return this.whole.has(overlapKey(text))
  }

  /** The text is one of the indexed texts or, when it has MIN_WORDS_IN_TEXT words or more, inside one. */
  contains(text: string): boolean {
    const key = overlapKey(text)
    if (key === '') return false
    if (this.whole.has(key)) return true
    return key.split(' ').length >= MIN_WORDS_IN_TEXT && this.running.includes(` ${key} `)
  }

  /** One of the indexed texts is this text or, when it has MIN_WORDS_IN_TEXT words or more, inside it. */
  containedIn(text: string): boolean {
    const key = overlapKey(text)
    if (this.whole.has(key)) return true
    const padded = ` ${key} `
    return this.long.some((indexed) => padded.includes(` ${indexed} `))
  }
}
