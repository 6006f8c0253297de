import { annotateArticle } from '../nlp/annotate.js'
import type { Article, RawDocument } from '../types.js'
import {
  DEFAULT_EXTRACT_OPTIONS,
  type ExtractOptions,
  extractPage,
  type PageArticle,
} from './extract-page.js'

export { DEFAULT_EXTRACT_OPTIONS, type ExtractOptions, extractPage, type PageArticle }

/**
 * Assembles one Article from a decoded document: body, removed blocks, metadata, then the nlp annotations
 * (sentences, entities, attributions), computed here once for every later stage — unless `annotate` is false.
 */
export function extractArticle(
  raw: RawDocument,
  options?: Partial<ExtractOptions> & { annotate?: true },
): Article
export function extractArticle(raw: RawDocument, options?: Partial<ExtractOptions>): PageArticle
export function extractArticle(
  raw: RawDocument,
  options: Partial<ExtractOptions> = {},
): PageArticle {
  const page = extractPage(raw, options)
  if (!{ ...DEFAULT_EXTRACT_OPTIONS, ...options }.annotate) return page
  // The annotations go before the messages, where the article's fields have always been written.
  const { messages, ...fields } = page
  return { ...fields, ...annotateArticle({ text: page.text }), messages }
}
