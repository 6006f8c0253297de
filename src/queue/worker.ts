import type PgBoss from 'pg-boss'
import { addArticles, placeStoredArticles, updateStore } from '../incremental.js'
import { STREAM_BATCH } from '../ingest-stream.js'
import { DEFAULT_LIMITS, type InputLimits } from '../ingest/limits.js'
import { describeProblem } from '../ingest/problem.js'
import { type AnalyzeOptions, extractInputs, safeExtract } from '../pipeline.js'
import { openStore } from '../store/index.js'
import type { Store } from '../store/store.js'
import type { Article } from '../types.js'
import { INGEST_QUEUE, type IngestJob, openQueue, unfinishedJobs } from './queue.js'
import {
  forgetRound,
  nextReadyRound,
  recordRoundArticles,
  roundArticles,
  type Sql,
} from './rounds.js'

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
 * (fetch URLs), extract, add the articles (a transaction; an article already stored is left as it is), record
 * which round's jobs stored them, mark the jobs done, then place every round that is ready, in order, under the
 * placement lock (see rounds.ts): the rounds `ingest --queue` cut by input position are the batches `ingest`
 * places, so the stories are those of one process whatever the number of workers. A worker killed anywhere in
 * between leaves either nothing or whole articles (each write is one transaction); its jobs expire and run
 * again elsewhere, finding their articles stored. A failing job is retried with backoff; one that fails for
 * good no longer holds its round back.
 */
export async function runWorker(url: string, options: WorkerOptions = {}): Promise<WorkerResult> {
  const log = options.log ?? (() => {})
  const store = await whenReachable(() => openStore(url), log, options.signal)
  const boss = await whenReachable(() => openQueue(url), log, options.signal)
  const sql = boss.getDb()
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
  // One placer at a time, and no worker waits for it while jobs remain: when another is placing, it (or the
  // next worker done with a batch) places the rounds this one completed.
  const placeIfFree = (): Promise<unknown> =>
    timed('place', () =>
      store.ifSoleWriter(() => placeReadyRounds(store, sql, options.analysis)),
    ).catch((error: Error) => log(`worker ${process.pid}: placing deferred (${error.message})`))
  try {
    while (options.signal?.aborted !== true) {
      const jobs = await boss.fetch<IngestJob>(INGEST_QUEUE, {
        batchSize: options.batchSize ?? 100,
      })
      if (jobs.length === 0) {
        // Nothing to fetch. Once no job is waiting or running anywhere, every round can be placed: place them
        // all, waiting for the lock (the other workers find nothing left). An empty fetch is also what an
        // unreachable database gives: wait and ask again.
        if (await drained(boss, log)) {
          await placeWhatIsLeft(store, sql, options.analysis, log, result)
          if (options.once === true) break
        } else await placeIfFree()
        await sleep((options.pollSeconds ?? 1) * 1000, options.signal)
        continue
      }
      const ids = jobs.map((job) => job.id)
      try {
        const extracted = await timed('extract', async () => {
          const lists: Article[][] = []
          for (const job of jobs) lists.push(await articlesOfJob(job.data, options, log))
          return lists
        })
        const articles = extracted.flat()
        await timed('add', async () => {
          const stored = await addArticles(store, articles, (problem) =>
            log(`warning: ${describeProblem(problem)}`),
          )
          const jobOf = extracted.flatMap((list, index) => list.map(() => ids[index] as string))
          await recordRoundArticles(
            sql,
            stored.ids.map((articleId, index) => ({
              jobId: jobOf[index] as string,
              articleId,
            })),
          )
        })
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
      await placeIfFree()
    }
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {})
    await store.close()
  }
  return result
}

/**
 * Places the rounds that are ready, oldest first, and stops at the first that is not (a job of it still
 * waiting, retrying or running): a later round never goes before an earlier one. The caller holds the
 * placement lock. A round is forgotten after it is placed; a placer dying in between leaves it to be placed
 * again, which finds its articles placed and does nothing. Returns how many rounds it placed.
 */
async function placeReadyRounds(
  store: Store,
  sql: Sql,
  analysis: AnalyzeOptions | undefined,
): Promise<number> {
  let placed = 0
  for (let round = await nextReadyRound(sql); round !== null; round = await nextReadyRound(sql)) {
    await placeStoredArticles(store, { ids: await roundArticles(sql, round) }, analysis)
    await forgetRound(sql, round)
    placed++
  }
  return placed
}

/** Unplaced articles outside any round placed at a time once the queue is drained (as `ingest` batches them). */
const LEFTOVER_BATCH = STREAM_BATCH

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

/**
 * Once the queue is drained: places every round left, then any article stored outside a round (queued before
 * rounds existed, stored by an `ingest` that died before placing, or a job run again after its round was
 * placed), in bounded batches. Waits for the placement lock; an unreachable database is left for later.
 */
async function placeWhatIsLeft(
  store: Store,
  sql: Sql,
  analysis: AnalyzeOptions | undefined,
  log: (line: string) => void,
  result: WorkerResult,
): Promise<void> {
  const started = performance.now()
  try {
    await store.asSoleWriter(async () => {
      await placeReadyRounds(store, sql, analysis)
      while ((await placeStoredArticles(store, { limit: LEFTOVER_BATCH }, analysis)).placed > 0);
    })
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

/** The articles of one job: its document extracted, or what its URL holds (a page, or a feed's items). */
async function articlesOfJob(
  job: IngestJob,
  options: WorkerOptions,
  log: (line: string) => void,
): Promise<Article[]> {
  if ('document' in job) return [safeExtract(job.document, options.analysis ?? {})]
  const articles: Article[] = []
  const reading = extractInputs([job.url], {
    ...options.analysis,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    onProblem: (problem) => log(`warning: ${describeProblem(problem)}`),
  })
  for await (const article of reading) articles.push(article)
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
