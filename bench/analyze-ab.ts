/**
 * `corroborate analyze` of the ECB+ dev set (772 documents, JSON report), whole processes, this checkout against
 * an older commit (default ccdc44a, the last before the annotation stage; issue 16's goal: at most 1.5× its
 * time), runs interleaved so that both see the same load. The older commit is exported with `git archive` to a
 * temporary folder, given this checkout's node_modules and compiled there. Wall and CPU (user + system, all
 * threads) per run, mean ± sd, and the load average. Both reports are compared, but for the dates the pages
 * give relative to the time of the run ("3 hours ago"). Figures only: nothing here asserts a time.
 *
 * ANALYZE_AB_REF (commit), ANALYZE_AB_ROUNDS (default 3), ANALYZE_AB_ARGS (extra arguments, e.g. "--jobs 1"),
 * ANALYZE_AB_GROUP_NICE (e.g. -15; Linux, root): the nice value of this run's autogroup while it runs. Linux
 * shares the CPU equally between sessions' autogroups, whatever nice value a process takes inside its own, so on
 * a machine other sessions load a run gets its group's share, and wall time measures that share more than the
 * code (session 26: two CPU-bound processes at load 8 ran 33.6 s each for 11.2 s of CPU; with the group at -15,
 * 12.2 s for 11.0 s). Set it to compare wall times as on two free cores; the other sessions run slower meanwhile.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataPath } from '../eval/data.js'

const ROOT = new URL('..', import.meta.url).pathname
const REF = process.env.ANALYZE_AB_REF ?? 'ccdc44a'
const ROUNDS = Number(process.env.ANALYZE_AB_ROUNDS ?? 3)
const EXTRA = (process.env.ANALYZE_AB_ARGS ?? '').split(' ').filter(Boolean)
const input = dataPath('story-clustering-ecbplus', 'documents.jsonl')
const GROUP_NICE = process.env.ANALYZE_AB_GROUP_NICE

/**
 * Sets this session's autogroup nice value (see ANALYZE_AB_GROUP_NICE) and returns the one it had, or null where
 * there are no autogroups or it may not be set (the runs then share the CPU as before).
 */
function setGroupNice(nice: string): string | null {
  try {
    const before = /nice (-?\d+)/.exec(readFileSync('/proc/self/autogroup', 'utf8'))?.[1] ?? null
    writeFileSync('/proc/self/autogroup', nice)
    return before
  } catch {
    return null
  }
}

interface Run {
  wall: number
  cpu: number
  report: string
}

/** One `analyze` process of the checkout in `root`, timed by /usr/bin/time (its figures go to `timeFile`). */
function analyzeIn(root: string, timeFile: string): Run {
  const started = performance.now()
  const output = execFileSync(
    '/usr/bin/time',
    [
      '-f',
      'CPU %U %S',
      '-o',
      timeFile,
      process.execPath,
      'bin/corroborate.js',
      'analyze',
      input,
      '--format',
      'json',
      ...EXTRA,
    ],
    // Warnings go nowhere (ccdc44a has no --quiet).
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] },
  )
  const wall = (performance.now() - started) / 1000
  const usage = /CPU ([\d.]+) ([\d.]+)/.exec(readFileSync(timeFile, 'utf8'))
  return { wall, cpu: Number(usage?.[1] ?? 0) + Number(usage?.[2] ?? 0), report: output }
}

// Dates relative to the time of the run differ between any two runs.
const withoutRunDates = (report: string): string =>
  report.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'DATE')

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length
const sd = (values: number[]): number =>
  Math.sqrt(
    values.reduce((a, b) => a + (b - mean(values)) ** 2, 0) / Math.max(1, values.length - 1),
  )
const figure = (values: number[]): string =>
  `${mean(values).toFixed(1)} ± ${sd(values).toFixed(1)} s`

const scratch = mkdtempSync(join(tmpdir(), 'corroborate-ab-'))
const base = join(scratch, 'ref')
const groupNiceBefore = GROUP_NICE === undefined ? null : setGroupNice(GROUP_NICE)
try {
  mkdirSync(base)
  execFileSync('sh', ['-c', `git archive ${REF} | tar -x -C ${base}`], { cwd: ROOT })
  symlinkSync(join(ROOT, 'node_modules'), join(base, 'node_modules'))
  // Each tree's own build: since session 21 the launcher runs the bundle and its code cache that `npm run build`
  // makes (tsc alone left this checkout's bundle stale and a newer ref without one).
  for (const root of [ROOT, base])
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
  const runs: Record<'current' | 'ref', Run[]> = { current: [], ref: [] }
  const loads: number[] = []
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, root] of [
      ['current', ROOT],
      ['ref', base],
    ] as const) {
      loads.push(loadavg()[0] as number)
      runs[name].push(analyzeIn(root, join(scratch, 'time')))
    }
  const current = runs.current.map((run) => withoutRunDates(run.report))
  console.log(
    `\nanalyze of ECB+ dev (772 documents, --format json ${EXTRA.join(' ')}), ${ROUNDS} interleaved rounds; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}${groupNiceBefore === null ? '' : `; this session's autogroup at nice ${GROUP_NICE}`}`,
  )
  for (const [name, label] of [
    ['current', 'this checkout'],
    ['ref', REF],
  ] as const)
    console.log(
      `  ${label.padEnd(14)} wall ${figure(runs[name].map((run) => run.wall))}, CPU ${figure(runs[name].map((run) => run.cpu))}`,
    )
  const ratio = (pick: (run: Run) => number): string =>
    (mean(runs.current.map(pick)) / mean(runs.ref.map(pick))).toFixed(2)
  console.log(
    `  ratio          wall ${ratio((run) => run.wall)}×, CPU ${ratio((run) => run.cpu)}× (goal ≤ 1.5×)`,
  )
  console.log(
    `  this checkout's reports identical across runs (but for run-time dates): ${current.every((report) => report === current[0])}`,
  )
} finally {
  if (groupNiceBefore !== null) setGroupNice(groupNiceBefore)
  rmSync(scratch, { recursive: true, force: true })
}
