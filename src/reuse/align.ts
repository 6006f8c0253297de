import { type Token, textTokensOf } from '../text/tokens.js'

/** A pair of aligned passages: token ranges and character offsets in both texts. */
export interface AlignedPassage {
  a: { start: number; end: number }
  b: { start: number; end: number }
  /** Shared seed tokens over the longer side's tokens, 0..1. */
  similarity: number
  sharedTokens: number
}

// Calibrated on the seed pair (AP copy vs The Independent) and on mutated pairs in the tests: 3-word seeds
// find lightly rewritten passages; gaps of up to 12 words bridge inserted or changed words.
const SEED_WORDS = 3
const MAX_GAP = 12
const MIN_PASSAGE_TOKENS = 8
const MIN_SIMILARITY = 0.3
const STOPWORDS = new Set(
  'the a an of to in and or for on at by with from as is was are were be that this it its his her their he she they'.split(
    ' ',
  ),
)

/** A text tokenised once for many alignments: its tokens, seed keys, and where each key occurs. */
export interface AlignableText {
  tokens: readonly Token[]
  grams: (string | null)[]
  positions: Map<string, number[]>
}

export function prepareAlignment(text: string): AlignableText {
  const tokens = textTokensOf(text)
  const grams: (string | null)[] = []
  const positions = new Map<string, number[]>()
  for (let index = 0; index + SEED_WORDS <= tokens.length; index++) {
    const key = gramKey(tokens, index)
    grams.push(key)
    if (key === null) continue
    const list = positions.get(key)
    if (list === undefined) positions.set(key, [index])
    else list.push(index)
  }
  return { tokens, grams, positions }
}

/**
 * Aligns the passages two texts share, in the spirit of passim: seeds are word n-grams found in both texts
 * (not made only of stopwords); seeds close to each other in both texts are chained into passages; a passage
 * is kept when long and dense enough.
 */
export function alignPassages(
  textA: string | AlignableText,
  textB: string | AlignableText,
): AlignedPassage[] {
  const a = typeof textA === 'string' ? prepareAlignment(textA) : textA
  const b = typeof textB === 'string' ? prepareAlignment(textB) : textB
  const seeds: [number, number][] = []
  a.grams.forEach((key, index) => {
    const matches = key === null ? undefined : b.positions.get(key)
    // Seeds that occur many times are not evidence of reuse (boilerplate phrases).
    if (matches !== undefined && matches.length <= 3)
      for (const position of matches) seeds.push([index, position])
  })
  return chainSeeds(seeds, a.tokens, b.tokens)
}

function gramKey(tokens: readonly Token[], index: number): string | null {
  const gram = tokens.slice(index, index + SEED_WORDS).map((token) => token.norm)
  return gram.every((word) => STOPWORDS.has(word)) ? null : gram.join(' ')
}

interface Chain {
  aStart: number
  aEnd: number
  bStart: number
  bEnd: number
  shared: number
}

function chainSeeds(
  seeds: [number, number][],
  tokensA: readonly Token[],
  tokensB: readonly Token[],
): AlignedPassage[] {
  seeds.sort((x, y) => x[0] - y[0] || x[1] - y[1])
  const chains: Chain[] = []
  for (const [a, b] of seeds) {
    const chain = chains.find(
      (candidate) =>
        a >= candidate.aStart &&
        a - candidate.aEnd <= MAX_GAP &&
        b >= candidate.bStart &&
        b - candidate.bEnd <= MAX_GAP &&
        b + SEED_WORDS > candidate.bEnd - MAX_GAP,
    )
    if (chain === undefined) {
      chains.push({
        aStart: a,
        aEnd: a + SEED_WORDS,
        bStart: b,
        bEnd: b + SEED_WORDS,
        shared: SEED_WORDS,
      })
      continue
    }
    chain.shared += Math.max(0, Math.min(SEED_WORDS, a + SEED_WORDS - chain.aEnd))
    chain.aEnd = Math.max(chain.aEnd, a + SEED_WORDS)
    chain.bEnd = Math.max(chain.bEnd, b + SEED_WORDS)
  }
  return chains
    .map((chain) => {
      const length = Math.max(chain.aEnd - chain.aStart, chain.bEnd - chain.bStart)
      return { chain, similarity: Math.min(1, chain.shared / length) }
    })
    .filter(
      ({ chain, similarity }) => chain.shared >= MIN_PASSAGE_TOKENS && similarity >= MIN_SIMILARITY,
    )
    .map(({ chain, similarity }) => ({
      a: {
        start: (tokensA[chain.aStart] as Token).start,
        end: (tokensA[chain.aEnd - 1] as Token).end,
      },
      b: {
        start: (tokensB[chain.bStart] as Token).start,
        end: (tokensB[chain.bEnd - 1] as Token).end,
      },
      similarity: Math.round(similarity * 1000) / 1000,
      sharedTokens: chain.shared,
    }))
}
