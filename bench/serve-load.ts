/**
 * `corroborate serve` under load, on loopback (npm run bench; figures only, nothing asserted): a SQLite store
 * of 10,000 articles with known stories (bench/story-corpus.ts, ingested 1,000 at a time as a crawler would),
 * served by the compiled CLI in its own process; autocannon drives the story list, story pages and search,
 * first as fast as the server answers (10 connections), then at a fixed 500 requests/s. Reports requests/s
 * and p50/p99 latency, and the weight of a story page of ten articles. The store is kept in bench/out/ and
 * re-used by later runs (SERVE_REBUILD=1 makes it anew).
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

/** The compiled CLI's `serve` on a free loopback port, in its own process (as a user runs it). */
async function startServe(
  path: string,
): Promise<{ url: string; stop: () => void; cpuMs: () => number }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/corroborate.js'), 'serve', '--db', path, '--port', '0'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let said = ''
    child.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString()
      const match = / at (http:\/\/\S+)/.exec(said)
      if (match?.[1] !== undefined) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${said}`)))
  })
  return { url, stop: () => child.kill('SIGTERM'), cpuMs: () => processCpuMs(child.pid ?? 0) }
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

async function load(url: string, paths: string[], overallRate?: number): Promise<Load> {
  const result = await autocannon({
    url,
    connections: 10,
    duration: SECONDS,
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
const server = await startServe(path)
try {
  const weight = await fetch(`${server.url}/stories/${encodeURIComponent(picked[0]?.id ?? '')}`)
  const page = await weight.text()
  const css = await (await fetch(`${server.url}/assets/style.css`)).text()
  const foreign = [...page.matchAll(/\s(?:src|href)="(https?:[^"]*)"/g)].filter(
    (match) => !(match[1] ?? '').startsWith(server.url),
  )
  console.log(
    `  ${stories.length} stories; a story page of ${picked[0]?.articleIds.length} articles weighs ${(Buffer.byteLength(page) / 1024).toFixed(0)} KB + ${(Buffer.byteLength(css) / 1024).toFixed(1)} KB stylesheet; ${foreign.length} links to other hosts, none loaded (no script, CSP default-src 'none')`,
  )
  for (const [name, paths] of scenarios) {
    await load(server.url, paths.slice(0, 2)) // warm-up: page cache, JIT
    const cpuBefore = server.cpuMs()
    const fastest = await load(server.url, paths)
    const cpuPerRequest = (server.cpuMs() - cpuBefore) / Math.max(fastest.requests, 1)
    const fixed = await load(server.url, paths, 500)
    console.log(
      `  ${name.padEnd(26)} max ${fastest.rate.toFixed(0).padStart(5)} req/s (p50 ${fastest.p50} ms, p99 ${fastest.p99} ms)   at 500 req/s: p50 ${fixed.p50} ms, p99 ${fixed.p99} ms   server CPU ${cpuPerRequest.toFixed(2)} ms/request (one core: ${(1000 / cpuPerRequest).toFixed(0)} req/s)${fastest.errors + fixed.errors > 0 ? `   ${fastest.errors + fixed.errors} errors` : ''}`,
    )
  }
} finally {
  server.stop()
}
