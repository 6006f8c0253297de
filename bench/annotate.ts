/**
 * Annotation speed (npm run bench): `annotateArticle` (sentences, names, identities, attributions) on
 * 5,000-character articles made of the ECB+ dev texts, one core, in-process after a warm-up on 20 of them
 * (the model is read once per process). Figures only: nothing here asserts a time.
 *
 * Which code is timed matters (session 24): tsx compiles the TypeScript sources its own way (esbuild, with a
 * `__name` call per named function), while users run the build — the CLI's bundle of dist/ under the CLI's V8
 * flags (bin/load-cli.js), or dist/ itself as a library under Node's defaults. The first is the headline figure;
 * the others are printed after it (the sources under tsx are what this bench timed before session 24). Each is
 * timed in a process of its own, since V8's flags are the process's. The built code is read from dist/: run
 * `npm run build` first (the bench says when dist/ is older than the sources).
 * BENCH_ANNOTATE_CODE=cli,library,source chooses which (default all three, in that order).
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setV8Flags } from '../bin/load-cli.js'
import { ARTICLE_CHARS, ecbTexts, freshWindows, repeatedWindows } from './annotate-windows.js'
import { cpuOf } from './scale-tools.js'

const ARTICLES = Number(process.env.BENCH_ANNOTATE_ARTICLES ?? 300)
const PASSES = Number(process.env.BENCH_ANNOTATE_PASSES ?? 5)
const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The code a run times: what it is called in the output, and where its modules are. */
const CODES = {
  cli: {
    label: "built code under the CLI's V8 flags (dist/, what `corroborate` runs)",
    dir: 'dist',
  },
  library: { label: "built code under Node's defaults (dist/ imported as a library)", dir: 'dist' },
  source: {
    label: 'TypeScript sources under tsx (what this bench timed before session 24)',
    dir: 'src',
  },
} as const
type Code = keyof typeof CODES

type AnnotateModule = typeof import('../src/nlp/annotate.js')
type NameModelModule = typeof import('../src/nlp/ner/model.js')
type AttributionModule = typeof import('../src/nlp/attributions/index.js')

/** The newest modification time of the files under `dir` whose names pass `keep`. */
function newest(dir: string, keep: (name: string) => boolean): number {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, keep))
    else if (keep(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs)
  }
  return latest
}

const cpuMsOf = (run: () => unknown): number => {
  const cpu = process.cpuUsage()
  run()
  const used = process.cpuUsage(cpu)
  return (used.user + used.system) / 1000
}
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1] as number
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length
const sd = (values: number[]): number =>
  Math.sqrt(
    values.reduce((a, b) => a + (b - mean(values)) ** 2, 0) / Math.max(1, values.length - 1),
  )
const range = (values: number[]): string =>
  `${median(values).toFixed(1)} ms (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}; mean ${mean(values).toFixed(1)} ± ${sd(values).toFixed(1)})`

/** Times one code in this process and prints its figures. */
async function timeCode(code: Code): Promise<void> {
  // Set before the built code is compiled, as the launcher does (bin/corroborate.js).
  if (code === 'cli') setV8Flags()
  const module = (path: string): string =>
    new URL(
      `../${CODES[code].dir}/${code === 'source' ? path.replace(/\.js$/, '.ts') : path}`,
      import.meta.url,
    ).href
  const { annotateArticle } = (await import(module('nlp/annotate.js'))) as AnnotateModule
  const { defaultModel } = (await import(module('nlp/ner/model.js'))) as NameModelModule
  const { defaultAttributionModel } = (await import(
    module('nlp/attributions/index.js')
  )) as AttributionModule
  const texts = ecbTexts()
  const articles = repeatedWindows(texts, ARTICLES)
  // What every process and worker thread pays once before its first article: reading the two models.
  const nameModelMs = cpuMsOf(defaultModel)
  const attributionModelMs = cpuMsOf(defaultAttributionModel)
  // The passes below read articles the process has seen (the windows overlap and repeat), so every per-word
  // memo is warm, while a real article is new. First, windows that do not overlap, each read once: the first 20
  // warm the code up, the rest are what an article of unseen text costs (its new words, forms and names).
  const freshArticles = freshWindows(texts)
  for (const text of freshArticles.slice(0, 20)) annotateArticle({ text })
  // The main thread's share, from /proc (Linux; null elsewhere): the rest of the process's CPU ran on V8's helper
  // threads, mostly its optimising compiler, which is still compiling the code paths these new texts reach.
  const mainThread = (): number | null => cpuOf(`/proc/self/task/${process.pid}`)
  const mainBefore = mainThread()
  const freshMs =
    cpuMsOf(() => {
      for (const text of freshArticles.slice(20)) annotateArticle({ text })
    }) /
    (freshArticles.length - 20)
  const mainAfter = mainThread()
  const freshMainMs =
    mainBefore === null || mainAfter === null
      ? null
      : ((mainAfter - mainBefore) * 1000) / (freshArticles.length - 20)
  for (const text of articles.slice(0, 20)) annotateArticle({ text })
  // Several passes over the same articles: on a shared machine one pass can be slowed by other processes; the
  // median and range of the passes say how much.
  const cpuMs: number[] = []
  const wallMs: number[] = []
  let names = 0
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now()
    const cpu = process.cpuUsage()
    names = 0
    for (const text of articles) names += annotateArticle({ text }).entities.length
    const used = process.cpuUsage(cpu)
    wallMs.push((performance.now() - started) / ARTICLES)
    cpuMs.push((used.user + used.system) / 1000 / ARTICLES)
  }
  console.log(`  ${CODES[code].label}; load average ${loadavg()[0]?.toFixed(1)} at its end:`)
  console.log(
    `    annotateArticle: ${range(cpuMs)} CPU and ${range(wallMs)} wall per article, ${(1000 / median(cpuMs)).toFixed(0)} articles per CPU second, ${(names / ARTICLES).toFixed(0)} names each`,
  )
  console.log(
    `    articles read once (${freshArticles.length - 20} windows that do not overlap, after 20 others): ${freshMs.toFixed(1)} ms CPU per article${freshMainMs === null ? '' : `, of which ${freshMainMs.toFixed(1)} ms on the main thread and ${(freshMs - freshMainMs).toFixed(1)} ms on V8's helper threads (compiler, GC)`}`,
  )
  console.log(
    `    reading the models once per process or worker thread: ${nameModelMs.toFixed(0)} ms CPU (names) + ${attributionModelMs.toFixed(0)} ms CPU (attributions)`,
  )
}

const only = process.env.BENCH_ANNOTATE_RUN as Code | undefined
if (only !== undefined) await timeCode(only)
else {
  const codes = (process.env.BENCH_ANNOTATE_CODE ?? 'cli,library,source').split(',') as Code[]
  for (const code of codes)
    if (!(code in CODES))
      throw new Error(`BENCH_ANNOTATE_CODE: no code '${code}' (cli, library, source)`)
  console.log(
    `\nAnnotation — ${ARTICLES} articles of ${ARTICLE_CHARS} characters, one core, ${PASSES} passes (median, range); load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(', ')}`,
  )
  const built = statSync(join(ROOT, 'dist/nlp/annotate.js'), { throwIfNoEntry: false })?.mtimeMs
  const sources = newest(
    join(ROOT, 'src'),
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
  )
  if (codes.some((code) => CODES[code].dir === 'dist') && (built === undefined || built < sources))
    console.log(
      `  NOTE: dist/ is ${built === undefined ? 'missing' : 'older than src/'}: the built code's figures are not this checkout's (npm run build)`,
    )
  // One process per code (this script again, under the same tsx), so that the CLI's flags reach nothing else.
  for (const code of codes) {
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_ANNOTATE_RUN: code },
      stdio: 'inherit',
    })
    if (run.status !== 0) throw new Error(`the ${code} run failed`)
  }
}
