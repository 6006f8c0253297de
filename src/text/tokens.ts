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

/** Whole texts the story stages tokenised last: enough for the members of a large story. */
const TEXTS_KEPT = 512
const textTokens = new Map<string, { tokens: readonly Token[]; words?: readonly string[] }>()

function tokenizedText(text: string): { tokens: readonly Token[]; words?: readonly string[] } {
  let found = textTokens.get(text)
  if (found === undefined) {
    if (textTokens.size >= TEXTS_KEPT) textTokens.delete(textTokens.keys().next().value as string)
    textTokens.set(text, (found = { tokens: tokenize(text) }))
  }
  return found
}

/**
 * An article's whole text tokenised once for the story stages that each read all of it — the placement's term
 * counts, the split test's and reuse's shingles, passage alignment, shared misspellings — instead of once by
 * each (a story's members were tokenised five times). Shared: callers must not change the result.
 */
export function textTokensOf(text: string): readonly Token[] {
  return tokenizedText(text).tokens
}

/** `words` of an article's whole text, shared as `textTokensOf` is. */
export function textWordsOf(text: string): readonly string[] {
  const found = tokenizedText(text)
  return (found.words ??= found.tokens.map((token) => token.norm))
}
