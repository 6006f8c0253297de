/**
 * Scale out: the scale corpus (bench/story-corpus.ts) written as a JSONL export, then
 *  - ingested into a SQLite file by one `corroborate ingest` process (batches of 1,000), and
 *  - queued with `ingest --queue` and run by 1, 2 and 4 `corroborate worker --once` processes on PostgreSQL;
 * Reports articles/s, the wall time per article in the first and last tenth of the jobs, CPU per article
 * (all worker processes, /usr/bin/time), peak memory of each process, the serial share (the placer's CPU
 * over all the workers' CPU, from the times each worker prints per step), the 2-worker / 1-worker ratio, B-cubed
 * F1 against the corpus's stories, and whether the workers' stories are those of the one SQLite process (they
 * should be: same rounds, see src/queue/rounds.ts).
 * PostgreSQL: DATABASE_URL, else one started by scripts/start-postgres.sh. Size: BENCH_ARTICLES (or SCALE_SIZE;
 * default 3000); round size: SCALE_ROUND (default 1000); worker counts, run in this order: SCALE_WORKERS
 * (default 1,2,4; `1,2,1,2` interleaves, as a loaded machine needs). The issue's 100k corpus:
 * `BENCH_ARTICLES=100000 SCALE_WORKERS=1,2 npx tsx bench/scale-out.ts` (hours on a shared 2-core machine).
 * Big JSONL exports through `analyze` and `ingest`: bench/streaming.ts. Figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { scoreClustering } from '../eval/clustering-metrics.js'
import { openStore } from '../src/store/index.js'
import { buildCli, corroborate } from './cli-process.js'
import { databaseUrl, freshDatabase, writeCorpus } from './scale-tools.js'

const SIZE = Number(process.env.BENCH_ARTICLES ?? process.env.SCALE_SIZE ?? 3000)
const ROUND = process.env.SCALE_ROUND ?? '1000'
const WORKERS = (process.env.SCALE_WORKERS ?? '1,2,4').split(',').map(Number)

buildCli()

/** Job completion times (ms since the first job started), in order, from pg-boss's job table. */
async function completionTimes(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const { rows } = await client.query<{ at: string }>(
    `SELECT extract(epoch FROM completed_on - min(started_on) OVER ()) * 1000 AS at
     FROM pgboss.job WHERE name = 'corroborate-ingest' AND state = 'completed' ORDER BY completed_on`,
  )
  await client.end()
  return rows.map((row) => Number(row.at))
}

/** Cost per article (ms of wall time) over the first and the last tenth of the completions. */
function firstAndLast(times: number[]): [number, number] {
  const tenth = Math.max(1, Math.floor(times.length / 10))
  const first = (times[tenth - 1] ?? 0) / tenth
  const last = ((times.at(-1) ?? 0) - (times[times.length - tenth - 1] ?? 0)) / tenth
  return [first, last]
}

/** Stories as sets of article ids (story ids depend on which article founded them). */
async function partition(location: string): Promise<string[][]> {
  const store = await openStore(location)
  try {
    return (await store.listStories()).map((story) => [...story.articleIds].sort())
  } finally {
    await store.close()
  }
}

const same = (a: string[][], b: string[][]): boolean =>
  JSON.stringify(a.map((ids) => ids.join(',')).sort()) ===
  JSON.stringify(b.map((ids) => ids.join(',')).sort())

function b3(stories: string[][], goldOf: Map<string, string>): number {
  const storyOf = new Map<string, string>()
  for (const [index, ids] of stories.entries()) for (const id of ids) storyOf.set(id, `s${index}`)
  const ids = [...goldOf.keys()]
  return scoreClustering(
    ids.map((id) => goldOf.get(id) as string),
    ids.map((id) => storyOf.get(id) ?? id),
  ).b3.f1
}

const directory = mkdtempSync(join(tmpdir(), 'corroborate-scale-'))
const corpus = join(directory, 'corpus.jsonl')
const { articles, gold } = writeCorpus(SIZE, corpus)
const goldOf = new Map(articles.map((article, index) => [article.id, gold[index] as string]))

console.log(
  `\nScale out — ${SIZE} articles of the scale corpus, JSONL export, rounds of ${ROUND}; load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}`,
)
const row = (
  label: string,
  rate: number,
  cost: string,
  cpuSeconds: number,
  peak: string,
  f1: number,
  extra = '',
): void =>
  console.log(
    `  ${label.padEnd(24)} ${rate.toFixed(0).padStart(5)} articles/s   per article first/last tenth ${cost}   CPU ${((cpuSeconds * 1000) / SIZE).toFixed(0)} ms/article   peak ${peak} MiB   B3 F1 ${f1.toFixed(3)}${extra}`,
  )

const sqlite = join(directory, 'bench.db')
const single = await corroborate(['ingest', '--db', sqlite, '--round-size', ROUND, corpus])
const oneProcess = await partition(sqlite)
row(
  'SQLite, 1 process',
  SIZE / single.seconds,
  '(one process: wall time includes start-up)',
  single.cpuSeconds,
  single.peakMiB.toFixed(0),
  b3(oneProcess, goldOf),
)

const admin = databaseUrl(54339)
const rates: { workers: number; rate: number; cpu: number }[] = []
for (const [index, workers] of WORKERS.entries()) {
  const url = await freshDatabase(admin, `corroborate_bench_${index}`)
  await corroborate(['ingest', '--db', url, '--queue', '--round-size', ROUND, corpus])
  const runs = await Promise.all(
    Array.from({ length: workers }, () => corroborate(['worker', '--db', url, '--once'])),
  )
  const times = await completionTimes(url)
  const stories = await partition(url)
  // From the first job started to the last worker done (the last round's placing and reports included).
  const seconds = Math.max(...runs.map((run) => run.seconds))
  const rate = SIZE / seconds
  const cpuSeconds = runs.reduce((sum, run) => sum + run.cpuSeconds, 0)
  rates.push({ workers, rate, cpu: cpuSeconds })
  const [first, last] = firstAndLast(times)
  // CPU seconds each step took, summed over the workers (printed by `worker`): placing is the serial part.
  const step = (name: string): number =>
    runs.reduce(
      (sum, run) =>
        sum + Number(new RegExp(`${name} [\\d.]+ \\(CPU ([\\d.]+)\\)`).exec(run.output)?.[1] ?? 0),
      0,
    )
  const serial = step('placing') + step('placing when idle')
  const parallel = step('reading and extracting') + step('adding') + step('reporting')
  const fraction = serial / (serial + parallel)
  const amdahl = (n: number): string => (1 / (fraction + (1 - fraction) / n)).toFixed(1)
  const pipelined = (n: number): string => (1 / Math.max(fraction, 1 / n)).toFixed(1)
  row(
    `PostgreSQL, ${workers} worker${workers === 1 ? '' : 's'}`,
    rate,
    `${first.toFixed(1)} / ${last.toFixed(1)} ms`,
    cpuSeconds,
    runs.map((run) => run.peakMiB.toFixed(0)).join('/'),
    b3(stories, goldOf),
    `   stories ${same(stories, oneProcess) ? 'equal to' : 'DIFFERENT from'} the SQLite process's   placing ${(fraction * 100).toFixed(0)}% of worker CPU (bound for 8 / 32 workers: Amdahl ${amdahl(8)}× / ${amdahl(32)}×, pipelined ${pipelined(8)}× / ${pipelined(32)}×)   load ${loadavg()[0]?.toFixed(1)}`,
  )
}
const mean = (workers: number): number => {
  const runs = rates.filter((run) => run.workers === workers)
  return runs.reduce((sum, run) => sum + run.rate, 0) / Math.max(1, runs.length)
}
console.log(
  `  2 workers / 1 worker: ${(mean(2) / mean(1)).toFixed(2)}× (runs: ${rates.map((run) => `${run.workers}: ${run.rate.toFixed(1)}/s`).join(', ')}); 4 / 1: ${(mean(4) / mean(1)).toFixed(2)}×`,
)

rmSync(directory, { recursive: true, force: true })
