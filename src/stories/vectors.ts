import { textWordsOf, words } from '../text/tokens.js'
import { stopwordsFor } from '../data/stopwords.js'

export type TermVector = Map<string, number>

/** Title words count this many times: a headline names the event more densely than the body. */
const TITLE_WEIGHT = 3

export interface DocumentTerms {
  id: string
  counts: Map<string, number>
}

export function documentTerms(
  id: string,
  title: string | null,
  text: string,
  language: string | null = null,
): DocumentTerms {
  const counts = new Map<string, number>()
  const stopwords = stopwordsFor(language)
  const add = (word: string, weight: number): void => {
    if (word.length < 3 || stopwords.has(word) || /^\d+$/.test(word)) return
    counts.set(word, (counts.get(word) ?? 0) + weight)
  }
  for (const word of words(title ?? '')) add(word, TITLE_WEIGHT)
  for (const word of textWordsOf(text)) add(word, 1)
  return { id, counts }
}

/** Inverse document frequencies of a batch of documents. */
export function inverseDocumentFrequencies(documents: DocumentTerms[]): (term: string) => number {
  const { documents: count, frequency } = batchFrequencies(documents)
  return smoothedIdf(count, frequency)
}

/** How many of a batch's documents hold each term. */
export function batchFrequencies(documents: DocumentTerms[]): {
  documents: number
  frequency: (term: string) => number
} {
  const frequency = new Map<string, number>()
  for (const document of documents)
    for (const term of document.counts.keys()) frequency.set(term, (frequency.get(term) ?? 0) + 1)
  return { documents: documents.length, frequency: (term) => frequency.get(term) ?? 0 }
}

/** Smoothed inverse document frequency: log((N + 1) / (df + 1)) + 1. */
export function smoothedIdf(
  documents: number,
  frequency: (term: string) => number,
): (term: string) => number {
  return (term) => Math.log((documents + 1) / (frequency(term) + 1)) + 1
}

/** Sublinear TF × IDF, L2-normalised. */
export function tfidfVector(document: DocumentTerms, idf: (term: string) => number): TermVector {
  const vector: TermVector = new Map()
  let norm = 0
  for (const [term, count] of document.counts) {
    const weight = (1 + Math.log(count)) * idf(term)
    vector.set(term, weight)
    norm += weight * weight
  }
  norm = Math.sqrt(norm) || 1
  for (const [term, weight] of vector) vector.set(term, weight / norm)
  return vector
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let dot = 0
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0)
  return dot
}

/**
 * `cosine` of every ordered pair of vectors. The cosine runs over the smaller vector of a pair, so for vectors of
 * different sizes (b, a) sums the same products in the same order as (a, b) and is copied; vectors of equal size
 * are each summed in their own order, so both are computed. The split test's units sum their articles' thousands
 * of terms: this halves its costliest products.
 */
export function cosineMatrix(vectors: readonly TermVector[]): number[][] {
  const matrix = vectors.map(() => new Array<number>(vectors.length).fill(0))
  vectors.forEach((a, i) => {
    const row = matrix[i] as number[]
    vectors.forEach((b, j) => {
      row[j] = j < i && a.size !== b.size ? ((matrix[j] as number[])[i] as number) : cosine(a, b)
    })
  })
  return matrix
}

/** The heaviest terms of a vector, for the candidate index and for explanations. */
export function topTerms(vector: TermVector, count: number): string[] {
  return [...vector.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, count)
    .map(([term]) => term)
}
