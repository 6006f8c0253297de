/**
 * Where one worker's CPU goes: the scale corpus queued with `ingest --queue`, then one `corroborate worker
 * --once` whose threads are read from /proc every 100 ms (its main thread, and the others: V8's garbage-collector
 * and compiler helpers, libuv's pool), beside the CPU the PostgreSQL server's processes spent meanwhile
 * (the postmaster's own and its children's, live and exited, from /proc of the server found by its
 * `postmaster.pid`: the server must run on this machine). Prints CPU per article for each. Size:
 * BENCH_ARTICLES (default 1000); round size SCALE_ROUND (default 1000); PostgreSQL: DATABASE_URL, else one
 * started by scripts/start-postgres.sh; SCALE_CORPUS: a JSONL corpus written before; WORKER_NODE_FLAGS: flags for the worker's node (e.g. V8's heap sizes).
 * Figures only.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildCli, corroborate } from './cli-process.js'
import {
  cpuOf,
  databaseUrl,
  freshDatabase,
  postmasterPid,
  serverCpu,
  writeCorpus,
} from './scale-tools.js'

const ROOT = new URL('..', import.meta.url).pathname
const SIZE = Number(process.env.BENCH_ARTICLES ?? 1000)
const ROUND = process.env.SCALE_ROUND ?? '1000'

const nodeFlags = (process.env.WORKER_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '')
buildCli()
const directory = mkdtempSync(join(tmpdir(), 'corroborate-cpu-'))
// SCALE_CORPUS: a corpus written before (by this bench or writeCorpus) of SIZE articles, to compare variants
// on the same input without generating it again.
const corpus = process.env.SCALE_CORPUS ?? join(directory, 'corpus.jsonl')
if (process.env.SCALE_CORPUS === undefined) writeCorpus(SIZE, corpus)
const admin = databaseUrl(54341)
const url = await freshDatabase(admin, 'corroborate_worker_cpu')
const postmaster = await postmasterPid(admin)
const queueing = await corroborate([
  'ingest',
  '--db',
  url,
  '--queue',
  '--round-size',
  ROUND,
  corpus,
])
const load = loadavg()
  .map((average) => average.toFixed(1))
  .join(' ')
console.log(
  `\nOne worker's CPU — ${SIZE} articles of the scale corpus, rounds of ${ROUND}; load average ${load}; ` +
    `worker node flags: ${nodeFlags.join(' ') || 'none'}; queueing took ${queueing.cpuSeconds.toFixed(1)} s CPU`,
)

const serverBefore = serverCpu(postmaster)
const started = performance.now()
const child = spawn(
  process.execPath,
  [...nodeFlags, 'bin/corroborate.js', 'worker', '--db', url, '--once'],
  {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  },
)
let output = ''
child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
// Each thread's CPU as last seen (a thread that ends keeps its last reading), and the whole process's.
const threads = new Map<string, number>()
let processCpu = 0
const sample = (): void => {
  const pid = child.pid as number
  processCpu = Math.max(processCpu, cpuOf(`/proc/${pid}`) ?? 0)
  let tasks: string[] = []
  try {
    tasks = readdirSync(`/proc/${pid}/task`)
  } catch {
    return
  }
  for (const tid of tasks) {
    threads.set(tid, Math.max(threads.get(tid) ?? 0, cpuOf(`/proc/${pid}/task/${tid}`) ?? 0))
  }
}
const timer = setInterval(sample, 100)
const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
clearInterval(timer)
const seconds = (performance.now() - started) / 1000
const server = serverCpu(postmaster) - serverBefore
if (status !== 0) throw new Error(`worker failed: ${output}`)

/**
 * Node 20 names every thread "node", so threads are told apart by role only: the main thread (its id is the
 * process's) runs the JavaScript; the others are V8's helpers (concurrent marking, sweeping, compiling) and
 * libuv's pool (file reads, hashing, zlib).
 */
const threadGroup = (tid: string): string =>
  tid === String(child.pid) ? 'main thread (JavaScript)' : 'other threads (GC, compiler, libuv)'
const groups = new Map<string, number>()
for (const [tid, cpu] of threads)
  groups.set(threadGroup(tid), (groups.get(threadGroup(tid)) ?? 0) + cpu)
const perArticle = (cpu: number): string => `${((cpu * 1000) / SIZE).toFixed(1)} ms/article`
console.log(`  worker wall ${seconds.toFixed(1)} s, ${(SIZE / seconds).toFixed(0)} articles/s`)
console.log(
  `  worker process CPU ${processCpu.toFixed(1)} s (${perArticle(processCpu)}; at least, sampled every 100 ms)`,
)
for (const [name, cpu] of [...groups].sort((a, b) => b[1] - a[1]))
  console.log(`    ${name.padEnd(34)} ${cpu.toFixed(1).padStart(6)} s  ${perArticle(cpu)}`)
console.log(`  PostgreSQL server CPU ${server.toFixed(1)} s (${perArticle(server)})`)
console.log(`  ${output.split('\n').find((line) => line.startsWith('ran ')) ?? ''}`)
console.log(`  load average after: ${loadavg()[0]?.toFixed(1)}`)
rmSync(directory, { recursive: true, force: true })
