/**
 * The long run: the scale corpus (default 100,000 articles) through one path, watched from outside
 * every 30 s: articles placed, CPU seconds of the corroborate processes and of the PostgreSQL server (from
 * /proc), resident memory of each process. Prints a line per sample, then CPU and wall time per article for each
 * tenth of the corpus, first and last tenth side by side, and each process's peak memory, so that a cost that
 * grows with the store shows. Stopped early (SIGINT, or SCALE_MINUTES), it prints the tenths reached.
 *   SCALE_PATH=sqlite       `corroborate ingest` into a SQLite file (batches of 1,000)
 *   SCALE_PATH=workers:N    `ingest --queue` into PostgreSQL (not timed), then N `worker --once` processes
 * BENCH_ARTICLES (default 100000); SCALE_ROUND (default 1000); SCALE_EVERY (seconds between samples, default
 * 30); DATABASE_URL (else scripts/start-postgres.sh; the server must run on this machine for its CPU to be
 * read). Progress is counted in articles placed in a story. Hours on a shared 2-core machine. Figures only.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { buildCli, corroborate } from './cli-process.js'
import {
  cpuOf,
  databaseUrl,
  freshDatabase,
  memoryOf,
  postmasterPid,
  query,
  serverCpu,
  writeCorpus,
} from './scale-tools.js'

const ROOT = new URL('..', import.meta.url).pathname
const SIZE = Number(process.env.BENCH_ARTICLES ?? 100_000)
const ROUND = process.env.SCALE_ROUND ?? '1000'
const PATH = process.env.SCALE_PATH ?? 'workers:1'
const MINUTES = Number(process.env.SCALE_MINUTES ?? Infinity)
const EVERY_MS = Number(process.env.SCALE_EVERY ?? 30) * 1000

buildCli()
const directory = mkdtempSync(join(tmpdir(), 'corroborate-long-'))
const corpus = join(directory, 'corpus.jsonl')
writeCorpus(SIZE, corpus)

let postmaster: number | null = null
let stored: () => Promise<number>
let children: ChildProcess[]
const [kind, count] = PATH.split(':')
if (kind === 'sqlite') {
  const file = join(directory, 'long.db')
  const child = spawn(
    process.execPath,
    ['bin/corroborate.js', 'ingest', '--quiet', '--db', file, '--round-size', ROUND, corpus],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  )
  children = [child]
  stored = async () => {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true })
      try {
        return (db.prepare('SELECT count(*) AS n FROM story_members').get() as { n: number }).n
      } finally {
        db.close()
      }
    } catch {
      return 0
    }
  }
} else {
  const admin = databaseUrl(54343)
  const url = await freshDatabase(admin, 'corroborate_long')
  await corroborate(['ingest', '--db', url, '--queue', '--round-size', ROUND, corpus])
  postmaster = await postmasterPid(admin)
  children = Array.from({ length: Number(count ?? 1) }, () =>
    spawn(process.execPath, ['bin/corroborate.js', 'worker', '--db', url, '--once'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'ignore'],
    }),
  )
  // Articles placed in a story: what the run has done, whichever worker did it.
  stored = async () =>
    Number((await query<{ n: string }>(url, 'SELECT count(*) AS n FROM story_members'))[0]?.n)
}

interface Sample {
  seconds: number
  articles: number
  cpu: number
  server: number
}
const started = performance.now()
const serverNow = (): number => (postmaster === null ? 0 : serverCpu(postmaster))
const serverBefore = serverNow()
const lastCpu = new Map<number, number>()
const peaks = new Map<number, number>()
const samples: Sample[] = [{ seconds: 0, articles: 0, cpu: 0, server: 0 }]
console.log(
  `\nLong run — ${SIZE} articles of the scale corpus, ${PATH}, rounds of ${ROUND}; load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}`,
)
const take = async (): Promise<void> => {
  const memory: string[] = []
  for (const child of children) {
    const pid = child.pid as number
    const cpu = cpuOf(`/proc/${pid}`)
    if (cpu !== null) lastCpu.set(pid, cpu)
    const used = memoryOf(pid)
    if (used !== null) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, used.peak))
    memory.push(used === null ? 'done' : `${used.rss.toFixed(0)}`)
  }
  const sample = {
    seconds: (performance.now() - started) / 1000,
    articles: await stored(),
    cpu: [...lastCpu.values()].reduce((sum, cpu) => sum + cpu, 0),
    server: serverNow() - serverBefore,
  }
  samples.push(sample)
  console.log(
    `  ${sample.seconds.toFixed(0).padStart(6)} s  ${String(sample.articles).padStart(6)} articles placed  CPU ${sample.cpu.toFixed(0)} s (+ server ${sample.server.toFixed(0)} s)  RSS ${memory.join('/')} MiB  load ${loadavg()[0]?.toFixed(1)}`,
  )
}
const running = Promise.all(
  children.map((child) => new Promise<void>((resolve) => child.on('close', () => resolve()))),
)
let stop = false
process.once('SIGINT', () => (stop = true))
const deadline = started + MINUTES * 60_000
for (;;) {
  const finished = await Promise.race([
    running.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), EVERY_MS)),
  ])
  await take()
  if (finished || stop || performance.now() > deadline) break
}
for (const child of children) child.kill('SIGINT')

/** CPU and wall time per article between the samples nearest two article counts (interpolated). */
function cost(from: number, to: number): { cpu: number; server: number; wall: number } | null {
  const at = (articles: number): Sample | null => {
    const after = samples.findIndex((sample) => sample.articles >= articles)
    if (after < 0) return null
    const b = samples[after] as Sample
    const a = samples[Math.max(0, after - 1)] as Sample
    const share =
      b.articles === a.articles ? 1 : (articles - a.articles) / (b.articles - a.articles)
    const mix = (x: number, y: number): number => x + (y - x) * share
    return {
      articles,
      seconds: mix(a.seconds, b.seconds),
      cpu: mix(a.cpu, b.cpu),
      server: mix(a.server, b.server),
    }
  }
  const start = at(from)
  const end = at(to)
  if (start === null || end === null) return null
  const n = to - from
  return {
    cpu: ((end.cpu - start.cpu) * 1000) / n,
    server: ((end.server - start.server) * 1000) / n,
    wall: ((end.seconds - start.seconds) * 1000) / n,
  }
}
const tenth = Math.max(1, Math.floor(SIZE / 10))
console.log(
  `  per article, each ${tenth} articles placed (ms CPU of corroborate / of PostgreSQL / wall):`,
)
for (let from = 0; from + tenth <= SIZE; from += tenth) {
  const part = cost(from, from + tenth)
  if (part === null) break
  console.log(
    `    ${String(from).padStart(6)}–${String(from + tenth).padEnd(6)} ${part.cpu.toFixed(1)} / ${part.server.toFixed(1)} / ${part.wall.toFixed(1)} ms`,
  )
}
console.log(
  `  peak resident memory per process: ${[...peaks.values()].map((peak) => peak.toFixed(0)).join('/')} MiB; load average ${loadavg()[0]?.toFixed(1)}`,
)
rmSync(directory, { recursive: true, force: true })
