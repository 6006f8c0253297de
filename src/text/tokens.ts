/** Word tokens with their offsets in the original string. */
export interface Token {
  /** Lower-cased, punctuation-normalised form used for comparison. */
  norm: string
  /** The token as written. */
  raw: string
  start: number
  end: number
}

// Letters and digits, with inner apostrophes, dots and hyphens kept (U.N., Kim's, S600, Mercedes-Benz).
const WORD = /[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*/gu

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  // exec over one shared pattern, not matchAll (which clones it and builds an iterator per call): every stage
  // tokenises, and this is the hottest loop of a story's report. Nothing runs between lastIndex's reset and
  // the loop's end, so the shared state is safe.
  WORD.lastIndex = 0
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const raw = match[0]
    const start = match.index
    const lower = raw.toLowerCase()
    tokens.push({
      norm: lower.includes('\u2019') ? lower.replace(/\u2019/g, "'") : lower,
      raw,
      start,
      end: start + raw.length,
    })
  }
  return tokens
}

/** Lower-cased word forms only, for counting. */
export function words(text: string): string[] {
  return tokenize(text).map((token) => token.norm)
}
