import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { RawDocument } from '../types.js'
import type { ExtractOptions, Extractor, PageArticle } from './extract-page.js'
import { failedExtraction } from './failed.js'
import type { ExtractTask, WorkerAnswer } from './worker.js'

/**
 * Extraction spread over worker threads: up to `depth` documents sent to each worker once it has loaded its
 * extractor (`hasRoom`), results in submission order.
 */
export interface ExtractionPool {
  extract(document: RawDocument): Promise<PageArticle>
  /**
   * Whether a document given now would go straight to a worker that has loaded its extractor (fewer than `depth`
   * sent to it). False while the workers load: the caller extracts in-process rather than queue behind them.
   */
  hasRoom(): boolean
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
  /** Documents sent to each worker at once (read-articles.ts SENT_PER_WORKER says why more than one). */
  depth: number,
  /** The worker script (the compiled worker.ts; a test gives one that fails to load). */
  workerFile: URL = WORKER_FILE,
): ExtractionPool {
  type Pending = { task: ExtractTask; resolve: (article: PageArticle) => void }
  const queue: Pending[] = []
  // Each worker's documents sent and not yet returned, oldest (the one being extracted) first. Up to `depth` are
  // sent at once: a worker then goes on to its next document without waiting for the main thread, which hands
  // out documents only between its own work (it extracts too) and would otherwise leave the worker idle.
  const running = new Map<Worker, Pending[]>()
  // Workers that have loaded their extractor; none is sent a document before (see worker.ts).
  const ready = new Set<Worker>()
  let nextId = 0

  /** The ready worker with the fewest documents sent, if it has room for another. */
  const freest = (): [Worker, Pending[]] | undefined => {
    let found: [Worker, Pending[]] | undefined
    for (const entry of running)
      if (ready.has(entry[0]) && (found === undefined || entry[1].length < found[1].length))
        found = entry
    return found !== undefined && found[1].length < depth ? found : undefined
  }
  const dispatch = (): void => {
    for (let free = freest(); queue.length > 0 && free !== undefined; free = freest()) {
      const pending = queue.shift() as Pending
      free[1].push(pending)
      free[0].postMessage(pending.task)
    }
  }
  /** A document no worker is left to take (the last one died while loading), extracted on this thread. */
  const extractHere = ({ task, resolve }: Pending): void => {
    try {
      resolve(extractOne(task.document, options))
    } catch (error) {
      resolve(failedExtraction(task.document, error as Error, options, extractOne))
    }
  }
  const start = (): Worker => {
    const worker = new Worker(workerFile, { workerData: options })
    running.set(worker, [])
    worker.on('message', (answer: WorkerAnswer) => {
      if ('ready' in answer) ready.add(worker)
      else running.get(worker)?.shift()?.resolve(answer.article)
      dispatch()
    })
    // A worker that dies (out of memory on a hostile page) fails its document, not the batch: the
    // document becomes an article with an error message, the documents queued behind it go back to the
    // queue, and a fresh worker takes its place. One that dies while loading (its extractor failed to load)
    // is not replaced: its successor would die the same way, again and again; the caller extracts in-process.
    worker.on('error', (error) => {
      const [failed, ...waiting] = running.get(worker) ?? []
      running.delete(worker)
      queue.unshift(...waiting)
      failed?.resolve(failedExtraction(failed.task.document, error, options, extractOne))
      if (closed) return
      if (ready.delete(worker)) {
        start()
        dispatch()
      } else if (running.size === 0) for (const pending of queue.splice(0)) extractHere(pending)
    })
    return worker
  }
  let closed = false
  for (let index = 0; index < Math.max(1, size); index++) start()

  return {
    extract(document) {
      return new Promise((resolve) => {
        queue.push({ task: { id: nextId++, document }, resolve })
        dispatch()
      })
    },
    hasRoom() {
      let sent = 0
      for (const tasks of running.values()) sent += tasks.length
      return queue.length + sent < ready.size * depth
    },
    async close() {
      closed = true
      await Promise.all([...running.keys()].map((worker) => worker.terminate()))
    },
  }
}
