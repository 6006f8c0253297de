import {
  type DocumentTerms,
  type TermVector,
  cosine,
  documentTerms,
  inverseDocumentFrequencies,
  tfidfVector,
} from '../src/stories/vectors.js'

/**
 * The batch baseline of issue 6: TF-IDF cosine, average-linkage agglomerative clustering. The dendrogram is
 * built once (O(n²) memory, O(n³) time in the worst case, fine for the dev sets of ≤ 1k documents) and cut at
 * any threshold afterwards, so the caller can tune the threshold on the same data.
 */
export function averageLinkageDendrogram(
  documents: { id: string; title: string | null; text: string }[],
): { merges: [number, number, number][]; size: number } {
  const terms: DocumentTerms[] = documents.map((document) =>
    documentTerms(document.id, document.title, document.text),
  )
  const idf = inverseDocumentFrequencies(terms)
  const vectors: TermVector[] = terms.map((document) => tfidfVector(document, idf))
  const n = vectors.length
  const similarity: Float64Array[] = vectors.map((a) =>
    Float64Array.from(vectors, (b) => cosine(a, b)),
  )
  const size = new Array<number>(n).fill(1)
  const alive = new Array<boolean>(n).fill(true)
  const merges: [number, number, number][] = []
  for (let step = 0; step < n - 1; step++) {
    let best = -Infinity
    let bestI = -1
    let bestJ = -1
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue
      const row = similarity[i] as Float64Array
      for (let j = i + 1; j < n; j++)
        if (alive[j] && (row[j] as number) > best) [best, bestI, bestJ] = [row[j] as number, i, j]
    }
    if (bestI < 0 || best <= 0) break
    const rowI = similarity[bestI] as Float64Array
    const rowJ = similarity[bestJ] as Float64Array
    const [sizeI, sizeJ] = [size[bestI] as number, size[bestJ] as number]
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === bestI || k === bestJ) continue
      const merged = ((rowI[k] as number) * sizeI + (rowJ[k] as number) * sizeJ) / (sizeI + sizeJ)
      rowI[k] = merged
      ;(similarity[k] as Float64Array)[bestI] = merged
    }
    size[bestI] = sizeI + sizeJ
    alive[bestJ] = false
    merges.push([bestI, bestJ, best])
  }
  return { merges, size: n }
}

/** Cluster labels at a threshold: merges are applied in order while their similarity reaches it. */
export function cutDendrogram(
  dendrogram: { merges: [number, number, number][]; size: number },
  threshold: number,
): string[] {
  const label = Array.from({ length: dendrogram.size }, (_, index) => index)
  for (const [i, j, similarity] of dendrogram.merges) {
    if (similarity < threshold) break
    for (let k = 0; k < label.length; k++) if (label[k] === j) label[k] = i
  }
  return label.map(String)
}
