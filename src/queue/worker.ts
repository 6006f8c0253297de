import type PgBoss from 'pg-boss'
import { addArticles, placeIfFree, updateStore } from '../incremental.js'
import { STREAM_BATCH } from '../ingest-stream.js'
import { DEFAULT_LIMITS, type InputLimits } from '../ingest/limits.js'
import { describeProblem } from '../ingest/problem.js'
import { type AnalyzeOptions, extractInputs, safeExtract } from '../pipeline.js'
import { openStore } from '../store/index.js'
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
  /** Where the time went, in ms: reading and extracting, adding rows, placing (own batches), and placing what
   * others left (waiting for the lock included) when the queue is empty. */
  timings: { extract: number; add: number; lockWait: number; place: number }
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
  const store = await whenReachable(() => openStore(url), log, options.signal)
  const boss = await whenReachable(() => openQueue(url), log, options.signal)
  const result: WorkerResult = {
    jobs: 0,
    failedJobs: 0,
    articles: 0,
    timings: { extract: 0, add: 0, lockWait: 0, place: 0 },
  }
  const timed = async <T>(
    step: keyof WorkerResult['timings'],
    work: () => Promise<T>,
  ): Promise<T> => {
    const started = performance.now()
    try {
      return await work()
    } finally {
      result.timings[step] += performance.now() - started
    }
  }
  // Articles this worker added since it last placed.
  let unplaced = 0
  try {
    while (options.signal?.aborted !== true) {
      const jobs = await boss.fetch<IngestJob>(INGEST_QUEUE, {
        batchSize: options.batchSize ?? 100,
      })
      if (jobs.length === 0) {
        // Nothing to fetch. Once no job is waiting or running anywhere, every article is stored: place them all
        // in one round (the first worker to get the lock does; the others find nothing left). An empty fetch is
        // also what an unreachable database gives: wait and ask again.
        if (await drained(boss, log)) {
          await placeWhatIsLeft(store, options.analysis, log, result)
          unplaced = 0
          if (options.once === true) break
        }
        await sleep((options.pollSeconds ?? 1) * 1000, options.signal)
        continue
      }
      const ids = jobs.map((job) => job.id)
      try {
        const articles = await timed('extract', () =>
          articlesOfJobs(
            jobs.map((job) => job.data),
            options,
            log,
          ),
        )
        await timed('add', () =>
          addArticles(store, articles, (problem) => log(`warning: ${describeProblem(problem)}`)),
        )
        // Placement goes in rounds of at least PLACE_BATCH articles (as ingest streams in batches), or of all
        // that is stored once the queue is drained: the rounds, not the timing of the workers, decide the
        // stories. One placer at a time, and no worker waits for it: when another is placing, these articles
        // stay stored and unplaced, and the next round takes them.
        unplaced += articles.length
        if (unplaced >= PLACE_BATCH) {
          const placed = await timed('place', () => placeIfFree(store, options.analysis))
          if (placed !== null) unplaced = 0
        }
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

/** Articles a worker adds before it places a round itself (the batch `ingest` streams in). */
const PLACE_BATCH = STREAM_BATCH

/**
 * Whether nothing is waiting, retrying or running. Running jobs of a dead worker come back only when they
 * expire, so the expiry check runs now rather than at the next maintenance. A database that cannot be reached
 * is not drained: the worker waits for it.
 */
async function drained(boss: PgBoss, log: (line: string) => void): Promise<boolean> {
  try {
    if ((await unfinishedJobs(boss)) === 0) return true
    await boss.maintain()
  } catch (error) {
    log(`worker ${process.pid}: waiting for the database (${(error as Error).message})`)
  }
  return false
}

/** Error codes of a database that is down or restarting (node errors and PostgreSQL SQLSTATEs). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  '57P01', // admin shutdown
  '57P03', // cannot connect now (starting up)
  '08001',
  '08006',
])

/** Longest wait between two attempts to reach the database. */
const MAX_WAIT_MS = 30_000

/** Opens something on the database, waiting (with a growing delay) while the database cannot be reached. */
async function whenReachable<T>(
  open: () => Promise<T>,
  log: (line: string) => void,
  signal: AbortSignal | undefined,
): Promise<T> {
  for (let wait = 1000; ; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
    try {
      return await open()
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === undefined || !UNREACHABLE.has(code) || signal?.aborted === true) throw error
      log(`worker ${process.pid}: database unreachable (${code}), trying again in ${wait / 1000} s`)
      await sleep(wait, signal)
    }
  }
}

/** Places what is unplaced, waiting for the placement lock; an unreachable database is left for later. */
async function placeWhatIsLeft(
  store: Store,
  analysis: AnalyzeOptions | undefined,
  log: (line: string) => void,
  result: WorkerResult,
): Promise<void> {
  const started = performance.now()
  try {
    await placePending(store, analysis)
  } catch (error) {
    log(`worker ${process.pid}: placing deferred (${(error as Error).message})`)
  } finally {
    result.timings.lockWait += performance.now() - started
  }
}

/** Places every stored article not yet in a story, one placer at a time across all workers. */
export async function placePending(store: Store, analysis: AnalyzeOptions = {}): Promise<void> {
  await updateStore(store, [], analysis)
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
    const reading = extractInputs([job.url], {
      ...options.analysis,
      limits,
      onProblem: (problem) => log(`warning: ${describeProblem(problem)}`),
    })
    for await (const article of reading) articles.push(article)
  }
  return articles
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop)
      resolve()
    }, ms)
    signal?.addEventListener('abort', stop, { once: true })
  })
}
