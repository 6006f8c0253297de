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
  for (const match of text.matchAll(WORD)) {
    const raw = match[0]
    const start = match.index
    tokens.push({
      norm: raw.toLowerCase().replace(/\u2019/g, "'"),
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
