import { updateStore } from '../incremental.js'
import { DEFAULT_LIMITS, type InputLimits } from '../ingest/limits.js'
import { describeProblem } from '../ingest/problem.js'
import { readInputs } from '../ingest/read-inputs.js'
import { type AnalyzeOptions, safeExtract } from '../pipeline.js'
import { openStore, withPlacementLock } from '../store/index.js'
import type { Store } from '../store/store.js'
import type { Article } from '../types.js'
import { INGEST_QUEUE, type IngestJob, openQueue, unfinishedJobs } from './queue.js'

export interface WorkerOptions {
  /** Drain the queue (nothing waiting, retrying or running) and return, instead of polling forever. */
  once?: boolean
  /** Jobs taken at a time: they are extracted one by one and placed together (default: 100). */
  batchSize?: number
  /** Seconds between looks at an empty queue (default: 1). */
  pollSeconds?: number
  analysis?: AnalyzeOptions
  limits?: Partial<InputLimits>
  /** Progress and warnings, one line each. */
  log?: (line: string) => void
  /** Stops a worker that polls forever. */
  signal?: AbortSignal
}

export interface WorkerResult {
  jobs: number
  failedJobs: number
  articles: number
}

/**
 * Runs ingest jobs from the queue into the PostgreSQL store of the same database. Each batch of jobs: read
 * (fetch URLs), extract, add the articles (a transaction; an article already stored is left as it is), then
 * place every unplaced article of the store under the placement lock (`updateStore`, the function every
 * ingest runs), then mark the jobs done. A worker killed anywhere in between leaves either nothing or whole
 * articles (each write is one transaction); its jobs expire and run again elsewhere, finding their articles
 * stored and placing whatever is still unplaced. A failing job is retried with backoff.
 */
export async function runWorker(url: string, options: WorkerOptions = {}): Promise<WorkerResult> {
  const log = options.log ?? (() => {})
  const store = await openStore(url)
  const boss = await openQueue(url)
  const result: WorkerResult = { jobs: 0, failedJobs: 0, articles: 0 }
  try {
    while (options.signal?.aborted !== true) {
      const jobs = await boss.fetch<IngestJob>(INGEST_QUEUE, {
        batchSize: options.batchSize ?? 100,
      })
      if (jobs.length === 0) {
        if (options.once === true) {
          if ((await unfinishedJobs(boss)) === 0) break
          // Running jobs of a dead worker come back only when they expire: look for them now.
          await boss.maintain()
        }
        await sleep((options.pollSeconds ?? 1) * 1000, options.signal)
        continue
      }
      const ids = jobs.map((job) => job.id)
      try {
        const articles = await articlesOfJobs(
          jobs.map((job) => job.data),
          options,
          log,
        )
        await store.addArticles(articles)
        await placePending(store, options.analysis)
        await boss.complete(INGEST_QUEUE, ids)
        result.jobs += jobs.length
        result.articles += articles.length
        log(`worker ${process.pid}: ${jobs.length} jobs, ${articles.length} articles`)
      } catch (error) {
        result.failedJobs += jobs.length
        log(
          `worker ${process.pid}: ${jobs.length} jobs failed, to be retried: ${(error as Error).message}`,
        )
        for (const id of ids)
          await boss.fail(INGEST_QUEUE, id, { message: (error as Error).message }).catch(() => {})
      }
    }
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {})
    await store.close()
  }
  return result
}

/** Places every stored article not yet in a story, one placer at a time across all workers. */
export async function placePending(store: Store, analysis: AnalyzeOptions = {}): Promise<void> {
  await withPlacementLock(store, () => updateStore(store, [], analysis))
}

async function articlesOfJobs(
  jobs: IngestJob[],
  options: WorkerOptions,
  log: (line: string) => void,
): Promise<Article[]> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const articles: Article[] = []
  for (const job of jobs) {
    if ('document' in job) {
      articles.push(safeExtract(job.document, options.analysis ?? {}))
      continue
    }
    for await (const read of readInputs([job.url], limits)) {
      if ('problem' in read) log(`warning: ${describeProblem(read.problem)}`)
      else articles.push(safeExtract(read.document, options.analysis ?? {}))
    }
  }
  return articles
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
