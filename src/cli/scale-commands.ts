import { readFile } from 'node:fs/promises'
import { DEFAULT_LIMITS, type InputLimits } from '../ingest/limits.js'
import { takenAsGiven } from '../ingest/document.js'
import { describeProblem } from '../ingest/problem.js'
import { errorCode, readInputs } from '../ingest/read-inputs.js'
import type { AnalyzeOptions } from '../pipeline.js'
import { DEFAULT_QUEUE_SETTINGS, type IngestJob, openQueue } from '../queue/queue.js'
import { enqueueInRounds } from '../queue/rounds.js'
import { runWorker } from '../queue/worker.js'
import { isPostgresUrl } from '../store/index.js'
import { type FeedState, feedList, parseInterval, pollFeeds } from '../watch.js'
import { EXIT, type CliIo } from './io.js'
import { redacted } from './redacted.js'
import { openCliStore } from './store-open.js'
import { counted } from '../text/counted.js'

interface ScaleOptions {
  db: string
  maxBytes: number
  allowPrivate: boolean
  /** `ingest --queue --clean-text`: the queued plain texts are the bodies as given. */
  cleanText?: boolean
}

function limitsOf(options: ScaleOptions): InputLimits {
  return {
    ...DEFAULT_LIMITS,
    maxBytes: options.maxBytes,
    allowPrivateNetwork: options.allowPrivate,
  }
}

function needsPostgres(db: string, command: string, io: CliIo): boolean {
  if (isPostgresUrl(db)) return true
  io.stderr(
    `corroborate: ${command} needs a PostgreSQL store (--db postgres://user@host/database), not ${db}\n`,
  )
  return false
}

/**
 * `ingest --queue`: reads the inputs here (files, JSONL, WARC, feeds, stdin) and queues one job per document,
 * in input order and in rounds of `--round-size` (the batches `ingest` would place); URLs are queued as they
 * are, for the workers to fetch. Workers may run on other machines, without the files.
 */
export async function enqueueCommand(
  inputs: string[],
  options: ScaleOptions & { jobTimeout?: number; retryDelay?: number; roundSize?: number },
  io: CliIo,
): Promise<number> {
  if (!needsPostgres(options.db, 'ingest --queue', io)) return EXIT.usage
  const boss = await openQueue(options.db)
  const settings = {
    ...DEFAULT_QUEUE_SETTINGS,
    ...(options.jobTimeout === undefined ? {} : { jobTimeoutSeconds: options.jobTimeout }),
    ...(options.retryDelay === undefined ? {} : { retryDelaySeconds: options.retryDelay }),
  }
  let queued = 0
  try {
    queued = await enqueueInRounds(options.db, boss, jobsOf(inputs, options, io), {
      settings,
      ...(options.roundSize === undefined ? {} : { roundSize: options.roundSize }),
    })
  } finally {
    await boss.stop({ graceful: false, wait: true })
  }
  io.stdout(`queued ${queued} ${queued === 1 ? 'job' : 'jobs'} in ${redacted(options.db)}\n`)
  return queued === 0 ? EXIT.inputs : EXIT.ok
}

/** One job per document of the inputs, in their order (a URL is one job: the worker fetches it). */
async function* jobsOf(
  inputs: string[],
  options: ScaleOptions,
  io: CliIo,
): AsyncGenerator<IngestJob> {
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      yield { url: input }
      continue
    }
    for await (const read of readInputs([input], limitsOf(options))) {
      if ('problem' in read) io.stderr(`corroborate: warning: ${describeProblem(read.problem)}\n`)
      else
        yield {
          document: options.cleanText === true ? takenAsGiven(read.document) : read.document,
        }
    }
  }
}

export async function workerCommand(
  options: ScaleOptions & { once?: boolean; batchSize: number },
  analysis: AnalyzeOptions,
  io: CliIo,
): Promise<number> {
  if (!needsPostgres(options.db, 'worker', io)) return EXIT.usage
  const stop = new AbortController()
  const onSignal = (): void => stop.abort()
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal)
  try {
    const result = await runWorker(options.db, {
      ...(options.once === true ? { once: true } : {}),
      batchSize: options.batchSize,
      analysis,
      limits: limitsOf(options),
      log: (line) => io.stderr(`corroborate: ${line}\n`),
      signal: stop.signal,
    })
    // Wall seconds, then CPU seconds of this process, per step.
    const seconds = (step: keyof typeof result.timings): string =>
      `${(result.timings[step] / 1000).toFixed(1)} (CPU ${(result.cpu[step] / 1000).toFixed(1)})`
    io.stdout(
      `ran ${counted(result.jobs, 'job')} (${counted(result.articles, 'article')}); ${result.failedJobs} failed and queued for retry; ` +
        `seconds reading and extracting ${seconds('extract')}, adding ${seconds('add')}, placing ${seconds('place')}, placing when idle ${seconds('lockWait')}, reporting ${seconds('report')}\n`,
    )
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
  }
  return EXIT.ok
}

/** The feeds a file lists; a file that cannot be read fails saying why, in words. */
async function readFeedList(file: string): Promise<string[]> {
  try {
    return feedList(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(`cannot read the feeds file ${file} (${errorCode(error)})`, { cause: error })
  }
}

/** `watch FEEDS.txt`: polls the feeds listed in a file (read anew each round) into a store. */
export async function watchCommand(
  feedsFile: string,
  options: ScaleOptions & { every: string; once?: boolean },
  analysis: AnalyzeOptions,
  io: CliIo,
): Promise<number> {
  const every = parseInterval(options.every)
  if (every === null) {
    io.stderr(
      `corroborate: --every expects a duration such as 90s, 10m or 1h, not ${options.every}\n`,
    )
    return EXIT.usage
  }
  // Read before the store is opened: a mistyped file name creates no store.
  let feeds = await readFeedList(feedsFile)
  const store = await openCliStore(options.db)
  const states = new Map<string, FeedState>()
  const stop = new AbortController()
  const onSignal = (): void => stop.abort()
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal)
  try {
    for (let round = 0; !stop.signal.aborted; round++) {
      // Read anew each round (feeds may be added while it runs); a file being rewritten does not stop the watch.
      if (round > 0)
        feeds = await readFeedList(feedsFile).catch((error: unknown) => {
          io.stderr(
            `corroborate: warning: ${(error as Error).message}; polling the feeds read before\n`,
          )
          return feeds
        })
      const result = await pollFeeds(feeds, store, states, limitsOf(options), analysis)
      for (const problem of result.problems)
        io.stderr(`corroborate: warning: ${describeProblem(problem)}\n`)
      io.stdout(
        `${new Date().toISOString()} polled ${counted(feeds.length, 'feed')}: ${counted(result.articles, 'new article')}, ${result.unchanged} unchanged, ${counted(result.problems.length, 'problem')}\n`,
      )
      if (options.once === true) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, every)
        stop.signal.addEventListener('abort', () => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
    await store.close()
  }
  return EXIT.ok
}
