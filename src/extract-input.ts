/**
 * One input to one article, in the caller's thread: the public `extract` and the `safeExtract` of the watch
 * and queue workers. Both annotate by default, so this module loads the nlp stage; the batch readers
 * (read-articles.ts) load it only when annotation is asked for.
 */
import { extractArticle, type ExtractOptions, type PageArticle } from './extract/extract-article.js'
import { documentFromInput } from './ingest/document.js'
import { documentsFromBytes } from './ingest/read-inputs.js'
import { type AnalyzeOptions, safeExtractWith } from './read-articles.js'
import type { Article, ArticleInput, RawDocument } from './types.js'

/**
 * Extracts one article. Accepts an article input object (CONTRACT.md JSONL shape), or the bytes or text of
 * one page or scrape. Throws on input that holds no article (empty, binary); use `analyze` for batches.
 */
export function extract(
  input: ArticleInput | string | Uint8Array,
  options?: Partial<ExtractOptions> & { annotate?: true },
): Article
export function extract(
  input: ArticleInput | string | Uint8Array,
  options?: Partial<ExtractOptions>,
): PageArticle
export function extract(
  input: ArticleInput | string | Uint8Array,
  options: Partial<ExtractOptions> = {},
): PageArticle {
  if (typeof input === 'object' && !(input instanceof Uint8Array)) {
    if (input.text === undefined && input.html === undefined) {
      throw new TypeError(
        'Cannot call `extract` with an input that has neither `text` nor `html`; pass one of them',
      )
    }
    return extractArticle(documentFromInput(input), options)
  }
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input
  const first = documentsFromBytes(bytes, '<input>', null, null).next().value
  if (first === undefined || 'problem' in first) {
    throw new TypeError(
      `Cannot call \`extract\` on this input: ${first === undefined ? 'no article' : first.problem.reason}`,
    )
  }
  return extractArticle(first.document, options)
}

/** Extraction must never stop a batch (see failedExtraction). */
export function safeExtract(document: RawDocument, options: AnalyzeOptions): Article {
  return safeExtractWith(extractArticle, document, options)
}
