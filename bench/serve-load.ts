/**
 * `corroborate serve` under load, on loopback (npm run bench, or alone: `npx tsx bench/serve-load.ts`; figures
 * only, nothing asserted): a SQLite store of 10,000 articles with known stories (bench/story-corpus.ts,
 * ingested 1,000 at a time as a crawler would), served by the compiled CLI in its own process(es); autocannon
 * drives the story list, story pages and search, first as fast as the server answers (10 connections), then at
 * a fixed 500 requests/s, in three ways of running the server (CONFIGS). Reports requests/s, p50/p99 latency,
 * the server's CPU time per request (from /proc, steadier than latency on a shared machine) and the weight of a
 * story page of ten articles. The store is kept in bench/out/ and re-used by later runs (SERVE_REBUILD=1
 * makes it anew); SERVE_SECONDS sets the length of a run (default 10), SERVE_CONFIGS=1,3 picks ways of running.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { updateStore } from '../src/incremental.js'
import { canonicalOrder } from '../src/stories/cluster.js'
import { openStore, type StorySummary } from '../src/store/index.js'
import { storyCorpus } from './story-corpus.js'

const ROOT = new URL('..', import.meta.url).pathname
const SIZE = Number(process.env.SERVE_ARTICLES ?? 10_000)
const SECONDS = Number(process.env.SERVE_SECONDS ?? 10)
const INGEST = 1000

async function buildStore(path: string): Promise<void> {
  if (existsSync(path) && process.env.SERVE_REBUILD !== '1') return
  rmSync(path, { force: true })
  const store = await openStore(path)
  const arrival = [...storyCorpus(SIZE).articles].sort(canonicalOrder)
  const started = performance.now()
  for (let start = 0; start < arrival.length; start += INGEST)
    await updateStore(store, arrival.slice(start, start + INGEST))
  await store.close()
  console.log(
    `  store of ${SIZE} articles built in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
}

/** The compiled CLI's `serve` on a free loopback port, in its own process(es) (as a user runs it). */
async function startServe(
  path: string,
  config: ServeConfig,
): Promise<{ url: string; stop: () => Promise<void>; cpuMs: () => number }> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/corroborate.js'),
      'serve',
      '--db',
      path,
      '--port',
      '0',
      '--workers',
      String(config.workers),
      '--cache-mb',
      String(config.cacheMb),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let said = ''
    child.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString()
      const match = / at (http:\/\/[^\s,]+)/.exec(said)
      if (match?.[1] !== undefined) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${said}`)))
  })
  const pid = child.pid ?? 0
  return {
    url,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
    // The primary and its workers: with --workers, the primary hands connections round and the workers answer.
    cpuMs: () => [pid, ...childrenOf(pid)].reduce((sum, id) => sum + processCpuMs(id), 0),
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter((id) => id.trim() !== '')
      .map(Number)
  } catch {
    return []
  }
}

/**
 * CPU time a process has used (user + system, from /proc), in ms. On a shared machine the latency figures move
 * with the other processes' load; the server's CPU time per request does not, and gives its capacity.
 */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  const ticks = Number(fields[11]) + Number(fields[12]) // utime, stime (fields 14 and 15 of stat)
  return (ticks * 1000) / 100 // USER_HZ is 100 on Linux
}

interface Load {
  requests: number
  rate: number
  p50: number
  p99: number
  errors: number
}

async function load(
  url: string,
  paths: string[],
  overallRate?: number,
  warmUp = false,
): Promise<Load> {
  const result = await autocannon({
    url,
    connections: 10,
    // A warm-up runs until each connection has asked every path twice, so every worker process (each holds
    // some of the connections) has rendered and kept every page before anything is measured.
    ...(warmUp ? { amount: paths.length * 10 * 2 } : { duration: SECONDS }),
    requests: paths.map((path) => ({ method: 'GET', path })),
    ...(overallRate === undefined ? {} : { overallRate }),
  })
  return {
    requests: result.requests.total,
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  }
}

/** Stories of exactly ten articles when there are (the page weight goal is stated for ten). */
function tenArticleStories(stories: StorySummary[]): StorySummary[] {
  const ten = stories.filter((story) => story.articleIds.length === 10)
  return (ten.length > 0 ? ten : stories).slice(0, 50)
}

const directory = join(ROOT, 'bench/out')
mkdirSync(directory, { recursive: true })
const path = join(directory, `serve-${SIZE}.db`)
console.log(
  `\nServe under load — ${SIZE} articles, loopback, ${SECONDS} s per run, 10 connections; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
)
await buildStore(path)
const store = await openStore(path)
const stories = await store.listStories()
await store.close()
const picked = tenArticleStories(stories)
const words = ['earthquake', 'police', 'president', 'fire', 'court', 'killed', 'election', 'rehab']
const scenarios: [string, string[]][] = [
  [
    'story list (/?page=N)',
    Array.from(
      { length: Math.min(20, Math.ceil(stories.length / 25)) },
      (_, page) => `/?page=${page + 1}`,
    ),
  ],
  ['story page (10 articles)', picked.map((story) => `/stories/${encodeURIComponent(story.id)}`)],
  ['search page (/?q=)', words.map((word) => `/?q=${word}`)],
  ['search API (/api/search?q=)', words.map((word) => `/api/search?q=${word}`)],
]
/** One way of running the server: how many worker processes, how much of rendered pages kept. */
interface ServeConfig {
  name: string
  workers: number
  cacheMb: number
}

/**
 * Rendering every request (the cost of a page not kept: its first view, and every view after an ingest
 * changed the store), then pages kept (the default), then kept and served by two worker processes.
 */
const CONFIGS: ServeConfig[] = [
  { name: 'rendered every time (--cache-mb 0)', workers: 1, cacheMb: 0 },
  { name: 'pages kept (default)', workers: 1, cacheMb: 64 },
  { name: 'pages kept, --workers 2', workers: 2, cacheMb: 64 },
].filter(
  (_, index) =>
    process.env.SERVE_CONFIGS === undefined ||
    process.env.SERVE_CONFIGS.split(',').includes(String(index + 1)),
)

async function pageWeight(url: string): Promise<void> {
  const story = `${url}/stories/${encodeURIComponent(picked[0]?.id ?? '')}`
  const page = await (await fetch(story, { headers: { 'Accept-Encoding': 'identity' } })).text()
  const zipped = await fetch(story, { headers: { 'Accept-Encoding': 'gzip' } })
  const zippedBytes = Number(zipped.headers.get('Content-Length') ?? 0)
  await zipped.arrayBuffer()
  const css = await (await fetch(`${url}/assets/style.css`)).text()
  const foreign = [...page.matchAll(/\s(?:src|href)="(https?:[^"]*)"/g)].filter(
    (match) => !(match[1] ?? '').startsWith(url),
  )
  console.log(
    `  ${stories.length} stories; a story page of ${picked[0]?.articleIds.length} articles weighs ${(Buffer.byteLength(page) / 1024).toFixed(0)} KB (${(zippedBytes / 1024).toFixed(0)} KB gzipped) + ${(Buffer.byteLength(css) / 1024).toFixed(1)} KB stylesheet; ${foreign.length} links to other hosts, none loaded (no script, CSP default-src 'none')`,
  )
}

const client = () => process.cpuUsage()
for (const config of CONFIGS) {
  const server = await startServe(path, config)
  console.log(`  ${config.name}: load average ${loadavg()[0]?.toFixed(1)}`)
  try {
    // Weighed where pages are kept: only kept pages are sent gzipped.
    if (config === CONFIGS.find((each) => each.cacheMb > 0)) await pageWeight(server.url)
    for (const [name, paths] of scenarios) {
      await load(server.url, paths, undefined, true) // warm-up: pages kept, JIT
      const cpuBefore = server.cpuMs()
      const clientBefore = client()
      const fastest = await load(server.url, paths)
      const clientUsed = process.cpuUsage(clientBefore)
      const cpuPerRequest = (server.cpuMs() - cpuBefore) / Math.max(fastest.requests, 1)
      const fixed = await load(server.url, paths, 500)
      console.log(
        `    ${name.padEnd(26)} max ${fastest.rate.toFixed(0).padStart(5)} req/s (p50 ${fastest.p50} ms, p99 ${fastest.p99} ms)   at 500 req/s: ${fixed.rate.toFixed(0)} req/s, p50 ${fixed.p50} ms, p99 ${fixed.p99} ms   server CPU ${cpuPerRequest.toFixed(2)} ms/request (one core: ${(1000 / cpuPerRequest).toFixed(0)} req/s); client CPU ${((clientUsed.user + clientUsed.system) / 1000 / Math.max(fastest.requests, 1)).toFixed(2)} ms/request; load average ${loadavg()[0]?.toFixed(1)}${fastest.errors + fixed.errors > 0 ? `   ${fastest.errors + fixed.errors} errors` : ''}`,
      )
    }
  } finally {
    await server.stop()
  }
}
