/**
 * Speed and memory, side by side (npm run bench). Whole processes, same pages, same run:
 * `corroborate extract --format jsonl` against @mozilla/readability + jsdom over the 91 dev pages of the
 * ScrapingHub benchmark; then peak memory of corroborate on a synthetic 10 MB page.
 * Figures only: nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataPath } from '../eval/data.js'

const ROOT = new URL('..', import.meta.url).pathname
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

interface Measured {
  seconds: number
  /** User plus system CPU time: what the run costs on all cores together. */
  cpuSeconds: number
  peakMiB: number
  lines: number
}

/** Runs a command under GNU time for its peak resident memory; the best of RUNS wall times. */
function measure(command: string, args: string[]): Measured {
  let best: Measured | null = null
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', command, ...args], {
      cwd: ROOT,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    })
    const seconds = (performance.now() - started) / 1000
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.slice(-500)}`)
    const [peakKiB, user, system] = (result.stderr.trim().split('\n').at(-1) ?? '')
      .split(' ')
      .map(Number)
    const measured = {
      seconds,
      cpuSeconds: (user ?? 0) + (system ?? 0),
      peakMiB: (peakKiB ?? 0) / 1024,
      lines: result.stdout.split('\n').filter(Boolean).length,
    }
    if (best === null || measured.seconds < best.seconds) best = measured
  }
  return best as Measured
}

const pages = dataPath('article-extraction', 'html')
console.log(`\nExtraction speed — 91 ScrapingHub dev pages, whole processes, best of ${RUNS}`)
/** `corroborate extract` over the pages as JSON lines, with the given options. */
const extractRun = (...options: string[]): Measured =>
  measure('node', ['bin/corroborate.js', 'extract', pages, '--format', 'jsonl', ...options])
const ours = extractRun()
const oneThread = extractRun('--jobs', '1')
// Extraction alone, as readability.js does it: text and metadata, no names or attributions.
const bare = extractRun('--jobs', '1', '--no-annotate')
const peer = measure('node', ['bench/readability-extract.mjs', pages])
const row = (name: string, m: Measured): void =>
  console.log(
    `  ${name.padEnd(38)}${m.seconds.toFixed(2).padStart(7)} s${(m.lines / m.seconds).toFixed(1).padStart(8)} pages/s${m.cpuSeconds.toFixed(2).padStart(8)} s CPU${m.peakMiB.toFixed(0).padStart(7)} MiB peak`,
  )
row(`corroborate extract (default jobs)`, ours)
row('corroborate extract --jobs 1', oneThread)
row('corroborate extract --jobs 1 --no-annotate', bare)
row('@mozilla/readability + jsdom', peer)
console.log(
  `  corroborate is ${(peer.seconds / ours.seconds).toFixed(1)}× faster in wall time (${(peer.seconds / oneThread.seconds).toFixed(1)}× on one thread; ${(peer.cpuSeconds / oneThread.cpuSeconds).toFixed(1)}× less CPU) (pages: ${ours.lines} vs ${peer.lines})`,
)
console.log(
  `  extraction alone (--no-annotate): ${(peer.seconds / bare.seconds).toFixed(1)}× faster in wall time, ${(peer.cpuSeconds / bare.cpuSeconds).toFixed(1)}× less CPU`,
)

console.log('\nLarge page — one synthetic 10 MB news page (many paragraphs, nested markup, links)')
const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-'))
const file = join(dir, 'large.html')
writeFileSync(file, syntheticPage(10 * 1024 * 1024))
const large = measure('node', ['bin/corroborate.js', 'extract', file, '--format', 'jsonl'])
console.log(
  `  corroborate: ${large.seconds.toFixed(2)} s, ${large.peakMiB.toFixed(0)} MiB peak resident memory`,
)

function syntheticPage(bytes: number): string {
  const paragraph = (index: number): string =>
    `<div class="block"><p>Paragraph ${index} says what the council decided, who voted, and why, with <a href="/x${index}">a link</a>, commas, and numbers such as ${index * 7}.</p></div>\n`
  const parts = [
    '<!doctype html><html><head><title>Large page</title></head><body><nav><a href="/">Home</a></nav><article>',
  ]
  let size = parts[0]?.length ?? 0
  for (let index = 0; size < bytes; index++) {
    const part = paragraph(index)
    parts.push(part)
    size += part.length
  }
  parts.push('</article><footer>Footer</footer></body></html>')
  return parts.join('')
}
