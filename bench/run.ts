/**
 * Speed and memory, side by side (npm run bench). Whole processes, same pages, same run:
 * `corroborate extract --format jsonl` against @mozilla/readability + jsdom over the 91 dev pages of the
 * ScrapingHub benchmark, the runs interleaved (ours, then readability.js, RUNS times over) so that a change in
 * the load of a shared machine falls on both; medians with their range, and the load average. Then peak memory
 * of corroborate on a synthetic 10 MB page. Figures only: nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataPath } from '../eval/data.js'
import { meanSd } from '../eval/site-folds.js'

const ROOT = new URL('..', import.meta.url).pathname
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

interface Measured {
  seconds: number
  /** User plus system CPU time: what the run costs on all cores together. */
  cpuSeconds: number
  peakMiB: number
  lines: number
}

/** Runs a command once under GNU time, for its CPU time and peak resident memory. */
function measureOnce(command: string, args: string[]): Measured {
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
  return {
    seconds,
    cpuSeconds: (user ?? 0) + (system ?? 0),
    peakMiB: (peakKiB ?? 0) / 1024,
    lines: result.stdout.split('\n').filter(Boolean).length,
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
/** "median (min–max)" of a list of figures. */
const spread = (values: number[], digits = 2): string =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(', ')

const pages = dataPath('article-extraction', 'html')
/** `corroborate extract` over the pages as JSON lines, with the given options. */
const extractArgs = (...options: string[]): string[] => [
  'bin/corroborate.js',
  'extract',
  pages,
  '--format',
  'jsonl',
  ...options,
]
const runs = {
  'corroborate extract (default jobs)': ['node', extractArgs()],
  'corroborate extract --jobs 1': ['node', extractArgs('--jobs', '1')],
  // Extraction alone, as readability.js does it: text and metadata, no names or attributions.
  'corroborate extract --jobs 1 --no-annotate': [
    'node',
    extractArgs('--jobs', '1', '--no-annotate'),
  ],
  '@mozilla/readability + jsdom': ['node', ['bench/readability-extract.mjs', pages]],
} satisfies Record<string, [string, string[]]>
type RunName = keyof typeof runs
const measured = new Map<RunName, Measured[]>()
console.log(
  `\nExtraction speed — 91 ScrapingHub dev pages, whole processes, ${RUNS} interleaved runs each (median, range); load average ${load()}`,
)
for (let run = 0; run < RUNS; run++)
  for (const [name, [command, args]] of Object.entries(runs) as [RunName, [string, string[]]][])
    measured.set(name, [...(measured.get(name) ?? []), measureOnce(command, args)])
const of = (name: RunName): Measured[] => measured.get(name) ?? []
for (const name of Object.keys(runs) as RunName[]) {
  const m = of(name)
  console.log(
    `  ${name.padEnd(44)}${spread(m.map((x) => x.seconds))} s wall ${spread(m.map((x) => x.cpuSeconds))} s CPU ${median(m.map((x) => x.lines / x.seconds)).toFixed(1)} pages/s ${median(m.map((x) => x.peakMiB)).toFixed(0)} MiB peak`,
  )
}
/**
 * Readability's time over ours, run by run (the two ran back to back), as a median and range, then as mean ±
 * sd.
 */
const ratio = (name: RunName, of_: (m: Measured) => number): string => {
  const ratios = of('@mozilla/readability + jsdom').map(
    (peer, index) => of_(peer) / of_(of(name)[index] as Measured),
  )
  const { mean, sd } = meanSd(ratios)
  return `${spread(ratios, 1)} [${mean.toFixed(1)} ± ${sd.toFixed(1)}]`
}
for (const name of [
  'corroborate extract --jobs 1',
  'corroborate extract --jobs 1 --no-annotate',
] as const)
  console.log(
    `  readability.js / ${name.replace('corroborate extract ', '')}: ${ratio(name, (m) => m.seconds)}× wall, ${ratio(name, (m) => m.cpuSeconds)}× CPU`,
  )
console.log(
  `  pages: ${of('corroborate extract --jobs 1')[0]?.lines} vs ${of('@mozilla/readability + jsdom')[0]?.lines}; load average after: ${load()}`,
)

console.log('\nLarge page — one synthetic 10 MB news page (many paragraphs, nested markup, links)')
const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-'))
const file = join(dir, 'large.html')
writeFileSync(file, syntheticPage(10 * 1024 * 1024))
const large = measureOnce('node', ['bin/corroborate.js', 'extract', file, '--format', 'jsonl'])
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
