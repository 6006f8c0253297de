/**
 * Annotation speed (npm run bench): `annotateArticle` (sentences, names, identities, attributions) on
 * 5,000-character articles made of the ECB+ dev texts, one core, in-process after a warm-up on 20 of them
 * (the model is read once per process). Figures only: nothing here asserts a time.
 */
import { loadavg } from 'node:os'
import { annotateArticle } from '../src/nlp/annotate.js'
import { defaultAttributionModel } from '../src/nlp/attributions/index.js'
import { defaultModel } from '../src/nlp/ner/model.js'
import { ARTICLE_CHARS, ecbTexts, freshWindows, repeatedWindows } from './annotate-windows.js'
import { cpuOf } from './scale-tools.js'

const ARTICLES = Number(process.env.BENCH_ANNOTATE_ARTICLES ?? 300)

const texts = ecbTexts()
const articles = repeatedWindows(texts, ARTICLES)
// What every process and worker thread pays once before its first article: reading the two models.
const cpuMsOf = (run: () => unknown): number => {
  const cpu = process.cpuUsage()
  run()
  const used = process.cpuUsage(cpu)
  return (used.user + used.system) / 1000
}
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
const PASSES = Number(process.env.BENCH_ANNOTATE_PASSES ?? 5)
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
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1] as number
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length
const sd = (values: number[]): number =>
  Math.sqrt(
    values.reduce((a, b) => a + (b - mean(values)) ** 2, 0) / Math.max(1, values.length - 1),
  )
const range = (values: number[]): string =>
  `${median(values).toFixed(1)} ms (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}; mean ${mean(values).toFixed(1)} ± ${sd(values).toFixed(1)})`
console.log(
  `\nAnnotation — ${ARTICLES} articles of ${ARTICLE_CHARS} characters, one core, ${PASSES} passes (median, range); load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(', ')}`,
)
console.log(
  `  annotateArticle: ${range(cpuMs)} CPU and ${range(wallMs)} wall per article, ${(1000 / median(cpuMs)).toFixed(0)} articles per CPU second, ${(names / ARTICLES).toFixed(0)} names each`,
)
console.log(
  `  articles read once (${freshArticles.length - 20} windows that do not overlap, after 20 others): ${freshMs.toFixed(1)} ms CPU per article${freshMainMs === null ? '' : `, of which ${freshMainMs.toFixed(1)} ms on the main thread and ${(freshMs - freshMainMs).toFixed(1)} ms on V8's helper threads (compiler, GC)`}`,
)
console.log(
  `  reading the models once per process or worker thread: ${nameModelMs.toFixed(0)} ms CPU (names) + ${attributionModelMs.toFixed(0)} ms CPU (attributions)`,
)
