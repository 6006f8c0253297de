/**
 * Worker thread of the extraction pool: extracts the documents it is sent and posts the articles back.
 * Extraction is pure, so a worker needs nothing but the document and the options.
 */
import { parentPort } from 'node:worker_threads'
import type { RawDocument } from '../types.js'
import { type ExtractOptions, extractArticle } from './extract-article.js'
import { failedExtraction } from './failed.js'

export interface ExtractTask {
  id: number
  document: RawDocument
  options: Partial<ExtractOptions>
}

parentPort?.on('message', ({ id, document, options }: ExtractTask) => {
  let article
  try {
    article = extractArticle(document, options)
  } catch (error) {
    article = failedExtraction(document, error as Error, options)
  }
  parentPort?.postMessage({ id, article })
})
