import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { documentTerms, smoothedIdf } from './vectors.js'

/**
 * Document frequencies of a broad reference corpus, shipped with the package (models/reference-df.json.gz,
 * rebuilt by scripts/build-reference-df.ts; provenance in models/README.md). A batch of three reports cannot
 * tell from itself which of its words are common: every shared word has the lowest weight there is, and the
 * three reports of one event come out as three stories. The reference says how common a word is anywhere.
 */
export interface ReferenceTable {
  documents: number
  /** Term → number of reference documents holding it (terms held by fewer than MIN_REFERENCE_DF are left out). */
  terms: Record<string, number>
}

/** A term in one reference document only says nothing more than an unseen one, and doubles the file. */
const MIN_REFERENCE_DF = 2

/** The reference table of some texts, counted with the same terms the clusterer uses. */
export function referenceFrequencies(texts: string[]): ReferenceTable {
  return tableOfTermSets(texts.map(referenceTerms))
}

/** The distinct terms of one reference text. */
export function referenceTerms(text: string): string[] {
  return [...documentTerms('', null, text, 'en').counts.keys()]
}

/** The reference table of documents given as their distinct terms. */
export function tableOfTermSets(documents: string[][]): ReferenceTable {
  const counts = new Map<string, number>()
  for (const terms of documents)
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1)
  const terms: Record<string, number> = {}
  for (const [term, count] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    if (count >= MIN_REFERENCE_DF) terms[term] = count
  return { documents: documents.length, terms }
}

let shipped: ReferenceTable | null = null

/** The reference table shipped in models/ (read once). */
export function shippedReference(): ReferenceTable {
  if (shipped === null) {
    const file = new URL('../../models/reference-df.json.gz', import.meta.url)
    shipped = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as ReferenceTable
  }
  return shipped
}

/** Document frequencies counted over the batch or store being clustered. */
export interface TermStatistics {
  documents: number
  frequency: (term: string) => number
}

/**
 * IDF from the batch's (or store's) own frequencies with the reference as a prior worth `priorDocuments`
 * documents: a small batch takes its term weights mostly from the reference, a large store mostly from
 * itself, so the weights of a story's words do not swing with the size of the batch it came in.
 */
export function blendedIdf(
  own: TermStatistics,
  reference: ReferenceTable | null,
  priorDocuments: number,
): (term: string) => number {
  if (reference === null || priorDocuments <= 0 || reference.documents === 0)
    return smoothedIdf(own.documents, own.frequency)
  const scale = priorDocuments / reference.documents
  return smoothedIdf(
    own.documents + priorDocuments,
    (term) => own.frequency(term) + scale * (reference.terms[term] ?? 0),
  )
}
