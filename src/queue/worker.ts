import type PgBoss from 'pg-boss'
import {
  addArticles,
  placeStoredArticlesReportingLater,
  reportDueStories,
  updateStore,
} from '../incremental.js'
import { STREAM_BATCH } from '../ingest-stream.js'
import { DEFAULT_LIMITS, type InputLimits } from '../ingest/limits.js'
import { describeProblem } from '../ingest/problem.js'
import { type AnalyzeOptions, extractInputs, safeExtract } from '../pipeline.js'
import { PostgresStore, WORKER_SESSION } from '../store/postgres/postgres-store.js'
import type { LaterReports, Store } from '../store/store.js'
import type { Article } from '../types.js'
import { INGEST_QUEUE, type IngestJob, openQueue, unfinishedJobs } from './queue.js'
import { sleep, whenReachable } from './reachable.js'
import {
  forgetRound,
  nextReadyRound,
  recordRoundArticles,
  roundArticles,
  type Sql,
} from './rounds.js'
import { counted } from '../text/counted.js'

export interface WorkerOptions {
  /** Drain the queue (nothing waiting, retrying or running) and return, instead of polling forever. */
  once?: boolean
  /** Jobs taken at a time: they are extracted one by one and stored together (default: 100). */
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

/** The steps of a worker whose time it reports. */
export type WorkerStep = 'extract' | 'add' | 'place' | 'lockWait' | 'report'

export interface WorkerResult {
  jobs: number
  failedJobs: number
  articles: number
  /**
   * Where the time went, in ms of wall time: reading and extracting, adding rows, placing ready rounds, placing
   * what others left once the queue is drained (waiting for the lock included), and building story reports.
   */
  timings: Record<WorkerStep, number>
  /** The same steps in ms of this process's CPU time (user + system), which a loaded machine does not inflate. */
  cpu: Record<WorkerStep, number>
}

/** Story reports a worker builds after each batch of jobs, and at a time when it has no jobs. */
const REPORTS_AT_A_TIME = 4

/**
 * Runs ingest jobs from the queue into the PostgreSQL store of the same database. Each batch of jobs: read
 * (fetch URLs), extract, add the articles (a transaction; an article already stored is left as it is), record
 * which round's jobs stored them, mark the jobs done; then place every round that is ready, in order, under the
 * placement lock (see rounds.ts): the rounds `ingest --queue` cut by input position are the batches `ingest`
 * places, so the stories are those of one process whatever the number of workers. The placer saves the
 * clustering only and marks the stories it changed; their reports, most of the work of placing, are built by
 * any worker, in parallel, a few after each batch and all when it has no jobs (`reportDueStories`): the one
 * serial step is the clustering itself. A worker killed anywhere in between leaves either nothing or whole
 * articles (each write is one transaction); its jobs expire and run again elsewhere, finding their articles
 * stored, and the reports it had claimed go to others when their lease ends. A failing job is retried with
 * backoff; one that fails for good no longer holds its round back. While the database is down the worker
 * waits, then resumes where it was.
 */
export async function runWorker(url: string, options: WorkerOptions = {}): Promise<WorkerResult> {
  const log = options.log ?? (() => {})
  const waiting = (line: string): void => log(`worker ${process.pid}: ${line}`)
  const store = await whenReachable(
    () => PostgresStore.open(url, WORKER_SESSION),
    waiting,
    options.signal,
  )
  const boss = await whenReachable(() => openQueue(url, WORKER_SESSION), waiting, options.signal)
  const sql = boss.getDb()
  const steps = (): Record<WorkerStep, number> => ({
    extract: 0,
    add: 0,
    place: 0,
    lockWait: 0,
    report: 0,
  })
  const result: WorkerResult = {
    jobs: 0,
    failedJobs: 0,
    articles: 0,
    timings: steps(),
    cpu: steps(),
  }
  const timed = async <T>(step: WorkerStep, work: () => Promise<T>): Promise<T> => {
    const started = performance.now()
    const cpu = process.cpuUsage()
    try {
      return await work()
    } finally {
      result.timings[step] += performance.now() - started
      const used = process.cpuUsage(cpu)
      result.cpu[step] += (used.user + used.system) / 1000
    }
  }
  // An error in these steps (the database went away) leaves the work to the next try, by this worker or another.
  const deferred = (what: string) => (error: Error) => {
    log(`worker ${process.pid}: ${what} deferred (${error.message})`)
    return null
  }
  // One placer at a time, and no worker waits for it while jobs remain: when another is placing, it (or the
  // next worker done with a batch) places the rounds this one completed.
  const placeIfFree = (): Promise<unknown> =>
    timed('place', () =>
      store.ifSoleWriter(() => placeReadyRounds(store, sql, options.analysis)),
    ).catch(deferred('placing'))
  const reportSome = async (): Promise<number> =>
    (await timed('report', () =>
      reportDueStories(store, REPORTS_AT_A_TIME, options.analysis ?? {}),
    ).catch(deferred('reporting'))) ?? 0
  try {
    while (options.signal?.aborted !== true) {
      const jobs = await boss.fetch<IngestJob>(INGEST_QUEUE, {
        batchSize: options.batchSize ?? 100,
      })
      if (jobs.length > 0) {
        await runJobs(jobs)
        await placeIfFree()
        await reportSome()
        continue
      }
      // Nothing to fetch: the time goes to the reports due, then to placing. Once no job is waiting or running
      // anywhere, every round can be placed: place them all, waiting for the lock. An empty fetch is also what
      // an unreachable database gives: wait and ask again.
      if ((await reportSome()) > 0) {
        await placeIfFree()
        continue
      }
      if (await drained(boss, log)) {
        const placedAll = await placeWhatIsLeft(store, sql, options.analysis, log, timed)
        if (placedAll && (await reportSome()) > 0) continue
        // Done when nothing is due any more (reports claimed by others are theirs to finish).
        if (placedAll && options.once === true && (await reportsDue(store)) === 0) break
      } else await placeIfFree()
      await sleep((options.pollSeconds ?? 1) * 1000, options.signal)
    }
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {})
    await store.close()
  }
  return result

  async function runJobs(jobs: PgBoss.Job<IngestJob>[]): Promise<void> {
    const ids = jobs.map((job) => job.id)
    try {
      const extracted = await timed('extract', async () => {
        const lists: Article[][] = []
        for (const job of jobs) lists.push(await articlesOfJob(job.data, options, log))
        return lists
      })
      const articles = extracted.flat()
      // The writes wait out a database that is down (the jobs stay theirs meanwhile, as running jobs) and are
      // made again when it is back: each is idempotent (an article stored before the outage is found stored
      // with the same text, a round's record or a job's completion made twice is made once).
      await timed('add', () =>
        whenReachable(
          async () => {
            const stored = await addArticles(store, articles, (problem) =>
              log(`warning: ${describeProblem(problem)}`),
            )
            const jobOf = extracted.flatMap((list, index) => list.map(() => ids[index] as string))
            await recordRoundArticles(
              sql,
              stored.ids.map((articleId, index) => ({ jobId: jobOf[index] as string, articleId })),
            )
          },
          waiting,
          options.signal,
        ),
      )
      await whenReachable(() => boss.complete(INGEST_QUEUE, ids), waiting, options.signal)
      result.jobs += jobs.length
      result.articles += articles.length
      log(
        `worker ${process.pid}: ${counted(jobs.length, 'job')}, ${counted(articles.length, 'article')}`,
      )
    } catch (error) {
      result.failedJobs += jobs.length
      log(
        `worker ${process.pid}: ${counted(jobs.length, 'job')} failed, to be retried: ${(error as Error).message}`,
      )
      for (const id of ids)
        await boss.fail(INGEST_QUEUE, id, { message: (error as Error).message }).catch(() => {})
    }
  }
}

/** Stories due for a report; an unreachable database counts as some (a worker told to drain does not stop). */
async function reportsDue(store: LaterReports): Promise<number> {
  return store.reportsDue().catch(() => 1)
}

/**
 * Places the rounds that are ready, oldest first, and stops at the first that is not (a job of it still
 * waiting, retrying or running): a later round never goes before an earlier one. The caller holds the
 * placement lock. A round is forgotten after it is placed; a placer dying in between leaves it to be placed
 * again, which finds its articles placed and does nothing. Returns how many rounds it placed.
 */
async function placeReadyRounds(
  store: PostgresStore,
  sql: Sql,
  analysis: AnalyzeOptions | undefined,
): Promise<number> {
  let placed = 0
  for (let round = await nextReadyRound(sql); round !== null; round = await nextReadyRound(sql)) {
    await placeStoredArticlesReportingLater(
      store,
      { ids: await roundArticles(sql, round) },
      analysis,
    )
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

/**
 * Once the queue is drained: places every round left, then any article stored outside a round (queued before
 * rounds existed, stored by an `ingest` that died before placing, or a job run again after its round was
 * placed), in bounded batches. Waits for the placement lock; an unreachable database is left for later.
 */
async function placeWhatIsLeft(
  store: PostgresStore,
  sql: Sql,
  analysis: AnalyzeOptions | undefined,
  log: (line: string) => void,
  timed: <T>(step: WorkerStep, work: () => Promise<T>) => Promise<T>,
): Promise<boolean> {
  try {
    await timed('lockWait', () =>
      store.asSoleWriter(async () => {
        await placeReadyRounds(store, sql, analysis)
        const leftover = { limit: LEFTOVER_BATCH }
        while ((await placeStoredArticlesReportingLater(store, leftover, analysis)).placed > 0);
      }),
    )
    return true
  } catch (error) {
    log(`worker ${process.pid}: placing deferred (${(error as Error).message})`)
    return false
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
