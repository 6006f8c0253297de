/**
 * Worker thread of the extraction pool: extracts the documents it is sent and posts the articles back.
 * Extraction is pure, so a worker needs nothing but the document and the options.
 */
import { parentPort } from 'node:worker_threads'
import type { RawDocument } from '../types.js'
import { type ExtractOptions, loadExtractor } from './extract-page.js'
import { failedExtraction } from './failed.js'

export interface ExtractTask {
  id: number
  document: RawDocument
  options: Partial<ExtractOptions>
}

// Every task of a pool carries the pool's options, so the first task's extractor serves them all.
let extractor: ReturnType<typeof loadExtractor> | null = null

parentPort?.on('message', async ({ id, document, options }: ExtractTask) => {
  extractor ??= loadExtractor(options)
  const extractOne = await extractor
  let article
  try {
    article = extractOne(document, options)
  } catch (error) {
    article = failedExtraction(document, error as Error, options, extractOne)
  }
  parentPort?.postMessage({ id, article })
})
