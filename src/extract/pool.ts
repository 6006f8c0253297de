import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { RawDocument } from '../types.js'
import type { ExtractOptions, Extractor, PageArticle } from './extract-page.js'
import { failedExtraction } from './failed.js'
import type { ExtractTask } from './worker.js'

/** Extraction spread over worker threads, one document at a time per worker, results in submission order. */
export interface ExtractionPool {
  extract(document: RawDocument): Promise<PageArticle>
  /** Documents sent and not yet returned (queued or being extracted). */
  pending(): number
  close(): Promise<void>
}

/**
 * Set by the CLI's bundler (scripts/bundle-cli.ts) to the bundled worker, relative to this module's compiled
 * file; undefined elsewhere. The bundled worker imports the chunks it shares with the CLI: Node's loader
 * resolves, reads and links the ~100 compiled modules the worker imports in about twice the CPU (0.17 against
 * 0.08 s per thread), which each worker thread of every `analyze`, `extract` and `ingest` used to pay.
 */
declare const BUNDLED_WORKER: string | undefined

// The worker runs compiled JavaScript; under a TypeScript runner (tests, tsx) there is none beside this file,
// and callers extract in-process instead.
const WORKER_FILE = new URL(
  typeof BUNDLED_WORKER === 'string' ? BUNDLED_WORKER : './worker.js',
  import.meta.url,
)

export function canUseWorkers(): boolean {
  return existsSync(WORKER_FILE)
}

export function createExtractionPool(
  size: number,
  options: Partial<ExtractOptions>,
  extractOne: Extractor,
): ExtractionPool {
  type Pending = { task: ExtractTask; resolve: (article: PageArticle) => void }
  const queue: Pending[] = []
  const running = new Map<Worker, Pending>()
  const idle: Worker[] = []
  let nextId = 0

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker
      const pending = queue.shift() as Pending
      running.set(worker, pending)
      worker.postMessage(pending.task)
    }
  }
  const start = (): Worker => {
    const worker = new Worker(WORKER_FILE)
    worker.on('message', ({ article }: { article: PageArticle }) => {
      running.get(worker)?.resolve(article)
      running.delete(worker)
      idle.push(worker)
      dispatch()
    })
    // A worker that dies (out of memory on a hostile page) fails its document, not the batch: the
    // document becomes an article with an error message, and a fresh worker takes its place.
    worker.on('error', (error) => {
      const pending = running.get(worker)
      running.delete(worker)
      pending?.resolve(failedExtraction(pending.task.document, error, options, extractOne))
      if (!closed) {
        idle.push(start())
        dispatch()
      }
    })
    return worker
  }
  let closed = false
  const workers = Array.from({ length: Math.max(1, size) }, start)
  idle.push(...workers)

  return {
    extract(document) {
      return new Promise((resolve) => {
        queue.push({ task: { id: nextId++, document, options }, resolve })
        dispatch()
      })
    },
    pending() {
      return queue.length + running.size
    },
    async close() {
      closed = true
      await Promise.all([...idle, ...running.keys()].map((worker) => worker.terminate()))
    },
  }
}
