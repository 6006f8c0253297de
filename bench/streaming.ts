/**
 * Streaming: a big JSONL crawler export (bench/big-jsonl.ts: the scale corpus's articles again and again, each
 * line carrying 200 KB of unused markup) through `analyze` (report to a file) and through `ingest` (a SQLite
 * store), as whole processes of the compiled CLI. Reports wall time, CPU time and peak resident memory
 * (/usr/bin/time). Size: BIG_JSONL_MB (default 200; BIG_JSONL_MB=1024 for the 1 GB figure of the README, about
 * half an hour of this loaded 2-core machine). STREAMING_DB=postgres://… adds `ingest` into that PostgreSQL (a
 * fresh database on its server); STREAMING_PATHS (default all: analyze,ingest,postgres) picks which run. The file is written under the system's temporary folder and deleted after.
 * Figures only.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeBigJsonl } from './big-jsonl.js'
import { buildCli, corroborate, type Timed } from './cli-process.js'
import { freshDatabase } from './scale-tools.js'
import { storyCorpus } from './story-corpus.js'

const MIB = Number(process.env.BIG_JSONL_MB ?? 200)

buildCli()
const directory = mkdtempSync(join(tmpdir(), 'corroborate-streaming-'))
try {
  const big = join(directory, 'big.jsonl')
  const lines = await writeBigJsonl(big, MIB, storyCorpus(3000).articles)
  const size = statSync(big).size / 2 ** 20
  console.log(
    `\nStreaming — a ${size.toFixed(0)} MiB JSONL export, ${lines} articles of 200 KB each (unused markup)`,
  )
  const row = (label: string, run: Timed): void =>
    console.log(
      `  ${label.padEnd(10)} ${run.seconds.toFixed(0).padStart(6)} s   CPU ${run.cpuSeconds.toFixed(0).padStart(5)} s   peak ${run.peakMiB.toFixed(0).padStart(5)} MiB`,
    )
  const paths = (process.env.STREAMING_PATHS ?? 'analyze,ingest,postgres').split(',')
  if (paths.includes('analyze'))
    row(
      'analyze',
      await corroborate(['analyze', '-q', big, '--out', join(directory, 'report.txt')]),
    )
  if (paths.includes('ingest'))
    row('ingest', await corroborate(['ingest', '-q', '--db', join(directory, 'big.db'), big]))
  const postgres = process.env.STREAMING_DB
  if (postgres !== undefined && paths.includes('postgres')) {
    const url = await freshDatabase(postgres, 'corroborate_streaming')
    row('ingest pg', await corroborate(['ingest', '-q', '--db', url, big]))
  }
} finally {
  rmSync(directory, { recursive: true, force: true })
}
