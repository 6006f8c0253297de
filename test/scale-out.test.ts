import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, onTestFinished, test } from 'vitest'
import { updateStore } from '../src/incremental.js'
import { collectArticles } from '../src/pipeline.js'
import { runWorker } from '../src/queue/worker.js'
import { openStore, type Store } from '../src/store/index.js'
import { freshLocation, POSTGRES_ENABLED, POSTGRES_SKIP_REASON } from './dialects.js'
import { EVENT_COUNT, eventsCorpus } from './events-corpus.js'
import { runCaptured } from './helpers.js'
import { canStartPostgres, startOwnPostgres } from './own-postgres.js'
import { roundsCorpus } from './rounds-corpus.js'

const ROOT = new URL('..', import.meta.url).pathname

// Only the workers run as processes (to be killed, or to run side by side); the rest runs in-process, so
// that each test stays short on a loaded machine (vitest's worker RPC gives up on tests past 60 s).

/** The CLI as a real process (from source), so that it can be killed like a deployed worker. */
function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'test/run-cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

async function finished(child: ChildProcess): Promise<{ status: number | null; output: string }> {
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { status, output }
}

async function runProcess(args: string[]): Promise<string> {
  const { status, output } = await finished(cli(args))
  expect(status, output).toBe(0)
  return output
}

async function run(args: string[]): Promise<string> {
  const { status, stdout, stderr } = await runCaptured(args)
  expect(status, stderr).toBe(0)
  return stdout
}

function corpusFile(lines = eventsCorpus()): string {
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'crawl.jsonl')
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

/** Stories as sets of article ids (ids of stories depend on which article founded them). */
async function partition(store: Store): Promise<string[]> {
  return (await store.listStories()).map((story) => [...story.articleIds].sort().join(',')).sort()
}

/** Every stored article in exactly one story, and the stories' members are exactly the stored articles. */
async function expectEachArticleInOneStory(store: Store): Promise<void> {
  const members = (await store.listStories()).flatMap((story) => story.articleIds).sort()
  expect(members).toEqual((await store.listArticles()).map((article) => article.id).sort())
  expect(await store.unclusteredArticles()).toEqual([])
}

async function oneProcessPartition(corpus: string): Promise<string[]> {
  const store = await openStore(':memory:')
  try {
    await updateStore(store, await collectArticles([corpus]))
    return await partition(store)
  } finally {
    await store.close()
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The partition one `ingest` process gives the corpus, placing it in rounds of `roundSize`. */
async function oneIngestPartition(corpus: string, roundSize: string): Promise<string[]> {
  const location = await freshLocation('sqlite')
  await run(['ingest', '--db', location, '--round-size', roundSize, corpus])
  const store = await openStore(location)
  try {
    return await partition(store)
  } finally {
    await store.close()
  }
}

async function jobStates(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ state: string; count: string }>(
      "SELECT state, count(*) AS count FROM pgboss.job WHERE name = 'corroborate-ingest' GROUP BY state",
    )
    return new Map(rows.map((row) => [row.state, Number(row.count)]))
  } finally {
    await client.end()
  }
}

/** Each test starts several processes; on a loaded machine each start alone can take seconds. */
const PROCESS_TESTS_TIMEOUT = 300_000

describe.skipIf(!POSTGRES_ENABLED)(
  'workers on a PostgreSQL queue',
  { timeout: PROCESS_TESTS_TIMEOUT },
  () => {
    test('a worker killed (kill -9) in the middle of a job loses nothing: another picks its job up', async () => {
      const url = await freshLocation('postgres')
      const corpus = corpusFile()
      // Lost jobs come back after 2 s, retried 1–2 s later: short, so that the test does not wait minutes.
      await run([
        'ingest',
        '--db',
        url,
        '--queue',
        '--job-timeout',
        '2',
        '--retry-delay',
        '1',
        corpus,
      ])
      const first = cli(['worker', '--db', url, '--batch-size', '1'])
      const firstDone = finished(first)
      let active = 0
      for (let tries = 0; tries < 2_000 && active === 0; tries++) {
        active = (await jobStates(url)).get('active') ?? 0
        if (active === 0) await new Promise((resolve) => setTimeout(resolve, 10))
      }
      first.kill('SIGKILL')
      await firstDone
      expect(active, 'the first worker had a job running when it was killed').toBeGreaterThan(0)

      const second = await runWorker(url, { once: true })
      expect(second.jobs).toBeGreaterThan(0)
      const states = await jobStates(url)
      expect(states.get('active') ?? 0).toBe(0)
      expect(states.get('created') ?? 0).toBe(0)
      expect(states.get('failed') ?? 0).toBe(0)
      const store = await openStore(url)
      try {
        expect(await store.listArticles()).toHaveLength(eventsCorpus().length)
        await expectEachArticleInOneStory(store)
        expect(await partition(store)).toEqual(await oneProcessPartition(corpus))
      } finally {
        await store.close()
      }
    })

    test('a store filled by several workers at once has the stories of one process', async () => {
      const url = await freshLocation('postgres')
      const corpus = corpusFile()
      await run(['ingest', '--db', url, '--queue', corpus])
      const workers = [1, 2, 3].map(() =>
        runProcess(['worker', '--db', url, '--once', '--batch-size', '2']),
      )
      await Promise.all(workers)
      const store = await openStore(url)
      try {
        expect(await store.countStories()).toBe(EVENT_COUNT)
        await expectEachArticleInOneStory(store)
        expect(await partition(store)).toEqual(await oneProcessPartition(corpus))
      } finally {
        await store.close()
      }
    })

    // 192 articles in rounds of 50: four placement rounds, whose stories change when a round is cut elsewhere
    // (roundsCorpus), so that stories equal to one process's mean the workers placed the rounds `ingest` cuts.
    test.each([2, 4])(
      'a store filled by %i workers in several rounds has the stories of one ingest process',
      { timeout: 2 * PROCESS_TESTS_TIMEOUT },
      async (workers) => {
        const url = await freshLocation('postgres')
        const corpus = corpusFile(roundsCorpus())
        const roundSize = '50'
        await run(['ingest', '--db', url, '--queue', '--round-size', roundSize, corpus])
        const running = Array.from({ length: workers }, () =>
          runProcess(['worker', '--db', url, '--once', '--batch-size', '3']),
        )
        await Promise.all(running)
        const oneProcess = await freshLocation('sqlite')
        await run(['ingest', '--db', oneProcess, '--round-size', roundSize, corpus])
        const [store, reference] = [await openStore(url), await openStore(oneProcess)]
        try {
          expect(await store.listArticles()).toHaveLength(roundsCorpus().length)
          await expectEachArticleInOneStory(store)
          expect(await partition(store)).toEqual(await partition(reference))
          // The reports too (built after placement, by whichever worker: see src/queue/worker.ts).
          for (const story of await reference.listStories())
            expect(await store.getStory(story.id)).toEqual(await reference.getStory(story.id))
        } finally {
          await Promise.all([store.close(), reference.close()])
        }
      },
    )

    test('ingest without --queue writes to PostgreSQL directly, and enqueuing the same input twice adds no job', async () => {
      const url = await freshLocation('postgres')
      const corpus = corpusFile()
      await run(['ingest', '--db', url, '--queue', corpus])
      await run(['ingest', '--db', url, '--queue', corpus])
      expect((await jobStates(url)).get('created')).toBe(eventsCorpus().length)
      await run(['ingest', '--db', url, corpus])
      await runWorker(url, { once: true })
      const store = await openStore(url)
      try {
        expect(await store.listArticles()).toHaveLength(eventsCorpus().length)
        await expectEachArticleInOneStory(store)
      } finally {
        await store.close()
      }
    })
  },
)

// A server of the test's own (the other tests share DATABASE_URL's), so that it can be stopped mid-run.
describe.skipIf(!POSTGRES_ENABLED || !canStartPostgres())(
  'workers while PostgreSQL goes down',
  { timeout: 2 * PROCESS_TESTS_TIMEOUT },
  () => {
    test('PostgreSQL stopped mid-run and started again: the worker waits, resumes, and loses nothing', async () => {
      const server = startOwnPostgres(56_000 + (process.pid % 1_000))
      // Also when the test times out: no server or worker left behind.
      onTestFinished(() => server.remove())
      const corpus = corpusFile(roundsCorpus())
      const roundSize = '50'
      await run(['ingest', '--db', server.url, '--queue', '--round-size', roundSize, corpus])
      const worker = cli(['worker', '--db', server.url, '--once', '--batch-size', '10'])
      onTestFinished(() => void worker.kill('SIGKILL'))
      const done = finished(worker)
      // Two outages of a few seconds each, connections cut (`pg_ctl stop -m fast`) and then refused until
      // the restart: one as soon as the worker has taken its first jobs (it is extracting them, and finds
      // the database gone when it stores them), one when a third of the jobs are done (it may be placing).
      const whenJobs = async (ready: (states: Map<string, number>) => boolean): Promise<void> => {
        for (let tries = 0; tries < 6_000 && !ready(await jobStates(server.url)); tries++)
          await pause(20)
      }
      const outage = async (): Promise<void> => {
        server.stop()
        await pause(5_000)
        server.start()
      }
      await whenJobs((states) => (states.get('active') ?? 0) > 0)
      await outage()
      let completed = 0
      await whenJobs((states) => (completed = states.get('completed') ?? 0) >= 64)
      await outage()
      const { status, output } = await done
      if (process.env.SHOW_WORKER === '1') console.log(output)
      expect(status, output).toBe(0)
      expect(completed, 'the server went down while jobs were left').toBeLessThan(
        roundsCorpus().length,
      )
      expect(output, 'the worker saw the database go').toMatch(
        /database unreachable|waiting for the database/,
      )
      const states = await jobStates(server.url)
      expect(states.get('completed')).toBe(roundsCorpus().length)
      expect([...states.keys()]).toEqual(['completed'])
      const store = await openStore(server.url)
      try {
        expect(await store.listArticles()).toHaveLength(roundsCorpus().length)
        await expectEachArticleInOneStory(store)
        expect(await partition(store)).toEqual(await oneIngestPartition(corpus, roundSize))
      } finally {
        await store.close()
      }
    })
  },
)

test.skipIf(POSTGRES_ENABLED)(POSTGRES_SKIP_REASON, () => {})
