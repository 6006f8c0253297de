/**
 * Annotation speed (npm run bench): `annotateArticle` (sentences, names, identities, attributions) on
 * 5,000-character articles made of the ECB+ dev texts, one core, in-process after one warm-up pass (the
 * model is read once per process). Figures only: nothing here asserts a time.
 */
import { annotateArticle } from '../src/nlp/annotate.js'
import { readJsonLines } from '../eval/data.js'

const ARTICLE_CHARS = 5000
const ARTICLES = Number(process.env.BENCH_ANNOTATE_ARTICLES ?? 300)

const texts = readJsonLines<{ text: string }>('story-clustering-ecbplus', 'documents.jsonl').map(
  (row) => row.text,
)
// Consecutive documents joined and cut to 5,000 characters at a word boundary.
const articles: string[] = []
for (let index = 0; articles.length < ARTICLES; index++) {
  let text = ''
  for (let next = index; text.length < ARTICLE_CHARS; next++)
    text += `${texts[next % texts.length] as string}\n\n`
  articles.push(text.slice(0, text.lastIndexOf(' ', ARTICLE_CHARS)))
}
for (const text of articles.slice(0, 20)) annotateArticle({ text })
const started = performance.now()
const cpu = process.cpuUsage()
let names = 0
for (const text of articles) names += annotateArticle({ text }).entities.length
const seconds = (performance.now() - started) / 1000
const used = process.cpuUsage(cpu)
const cpuSeconds = (used.user + used.system) / 1e6
console.log(`\nAnnotation — ${ARTICLES} articles of ${ARTICLE_CHARS} characters, one core`)
console.log(
  `  annotateArticle: ${(ARTICLES / seconds).toFixed(0)} articles/s wall, ${(ARTICLES / cpuSeconds).toFixed(0)} per CPU second (${((cpuSeconds / ARTICLES) * 1000).toFixed(1)} ms CPU each, ${(names / ARTICLES).toFixed(0)} names each)`,
)
