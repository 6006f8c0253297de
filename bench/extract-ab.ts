/**
 * Extraction speed work, A/B against a saved build (issue 17). A speed change must leave every output byte as
 * it was, and its gain is told apart from the load of a shared machine only by runs interleaved in the same
 * minutes, so this script does both against a copy of an earlier build (its `bin/`, `dist/`, `models/` and a
 * `node_modules`, e.g. copied before the change):
 *
 *   tsx bench/extract-ab.ts check BASELINE   `extract` of the three dev page sets by both builds, byte-compared
 *   tsx bench/extract-ab.ts cpu BASELINE     CPU of whole `extract --jobs 1 --no-annotate` processes over the 91
 *                                            ScrapingHub pages: baseline, this build and readability.js + jsdom
 *                                            interleaved, ROUNDS times (default 5); mean ± sd, ratios per round
 *
 * Figures only, as bench/run.ts (same command line, same measure: user + system CPU under GNU time).
 */
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { dataPath } from '../eval/data.js'
import { meanSd } from '../eval/site-folds.js'

const ROOT = new URL('..', import.meta.url).pathname
const [mode, baseline, roundsArg] = process.argv.slice(2)
if ((mode !== 'check' && mode !== 'cpu') || baseline === undefined) {
  console.error('usage: tsx bench/extract-ab.ts check|cpu BASELINE_DIR [ROUNDS]')
  process.exit(2)
}

interface Run {
  stdout: string
  cpuSeconds: number
}

/** One process under GNU time: its output and user + system CPU seconds. */
function timed(args: string[]): Run {
  const result = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, ...args], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  })
  const usage = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr)
  if (result.status !== 0 || usage === null)
    throw new Error(`${args.join(' ')} failed: ${result.stderr.slice(-500)}`)
  return { stdout: result.stdout, cpuSeconds: Number(usage[1]) + Number(usage[2]) }
}

const cliOf = (root: string): string => join(root, 'bin/corroborate.js')
const extractArgs = (root: string, input: string, ...options: string[]): string[] => [
  cliOf(root),
  'extract',
  input,
  '--format',
  'jsonl',
  '--quiet',
  ...options,
]
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(', ')

const scrapinghub = dataPath('article-extraction', 'html')

if (mode === 'check') {
  // The three dev sets without annotation (in-process, and the two larger ones through the extraction threads
  // too), and the 91 pages annotated (the same extraction, then the nlp stage).
  const sets: [string, string][] = [
    ['htmldate 500', dataPath('date-extraction', 'html')],
    ['trafilatura 342', dataPath('metadata-trafilatura-eval', 'pages')],
  ]
  const cases: [string, string, string[]][] = [
    ['ScrapingHub 91, --no-annotate', scrapinghub, ['--jobs', '1', '--no-annotate']],
    ['ScrapingHub 91, annotated', scrapinghub, ['--jobs', '1']],
    ...sets.flatMap(([name, input]): [string, string, string[]][] => [
      [`${name}, --no-annotate`, input, ['--jobs', '1', '--no-annotate']],
      [`${name}, threads`, input, ['--jobs', '2', '--no-annotate']],
    ]),
  ]
  let differing = 0
  for (const [name, input, options] of cases) {
    const before = timed(extractArgs(baseline, input, ...options)).stdout
    const after = timed(extractArgs(ROOT, input, ...options)).stdout
    const lines = after.split('\n').filter(Boolean).length
    const same = before === after
    if (!same) differing++
    console.log(
      `${same ? 'same' : 'DIFFERENT'}  ${name}: ${lines} articles, ${after.length} characters`,
    )
    if (!same) {
      const [a, b] = [before.split('\n'), after.split('\n')]
      const line = a.findIndex((text, index) => text !== b[index])
      console.log(
        `  first differing line ${line}:\n  - ${a[line]?.slice(0, 300)}\n  + ${b[line]?.slice(0, 300)}`,
      )
    }
  }
  process.exit(differing === 0 ? 0 : 1)
}

const rounds = Number(roundsArg ?? 5)
const runs = {
  baseline: () => timed(extractArgs(baseline, scrapinghub, '--jobs', '1', '--no-annotate')),
  'this build': () => timed(extractArgs(ROOT, scrapinghub, '--jobs', '1', '--no-annotate')),
  'readability.js + jsdom': () => timed(['bench/readability-extract.mjs', scrapinghub]),
}
type Name = keyof typeof runs
const cpu = new Map<Name, number[]>()
console.log(`load average before: ${load()}`)
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(runs) as [Name, () => Run][])
    cpu.set(name, [...(cpu.get(name) ?? []), run().cpuSeconds])
  console.log(
    `round ${round + 1}: ${(Object.keys(runs) as Name[]).map((name) => `${name} ${cpu.get(name)?.at(-1)?.toFixed(2)} s`).join(', ')}; load ${load()}`,
  )
}
const of = (name: Name): number[] => cpu.get(name) ?? []
const show = (values: number[], digits = 2): string => {
  const { mean, sd } = meanSd(values)
  return `${mean.toFixed(digits)} ± ${sd.toFixed(digits)}`
}
for (const name of Object.keys(runs) as Name[])
  console.log(
    `${name.padEnd(24)} CPU ${show(of(name))} s  (${of(name)
      .map((s) => s.toFixed(2))
      .join(', ')})`,
  )
const ratios = (name: Name): number[] =>
  of('readability.js + jsdom').map((peer, index) => peer / (of(name)[index] ?? Number.NaN))
for (const name of ['baseline', 'this build'] as const)
  console.log(
    `readability.js / ${name}: ${show(ratios(name), 1)}× CPU  (${ratios(name)
      .map((r) => r.toFixed(1))
      .join(', ')})`,
  )
const relative = of('this build').map(
  (value, index) => value / (of('baseline')[index] ?? Number.NaN),
)
console.log(
  `this build / baseline, same round: ${show(relative, 3)}  (${relative.map((r) => r.toFixed(3)).join(', ')})`,
)
console.log(`load average after: ${load()}`)
