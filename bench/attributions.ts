/**
 * Attribution speed (npm run bench): findAttributions on 5,000-character articles, one core, in-process.
 * Articles are windows of PolNeAR dev texts cut at paragraph breaks to about 5,000 characters. CPU time is
 * measured (process.cpuUsage), so that the figure moves less with the load of a shared machine.
 * Figures only: nothing here asserts a time.
 */
import { loadPolnear } from '../eval/polnear.js'
import { findAttributions } from '../src/nlp/attributions/index.js'

const SIZE = 5000
const ROUNDS = Number(process.env.BENCH_RUNS ?? 3)

/** Texts of about SIZE characters, cut at paragraph breaks from the dev texts laid end to end. */
function articlesOfSize(texts: string[]): string[] {
  const paragraphs = texts.flatMap((text) => text.split(/\n\s*\n/))
  const articles: string[] = []
  let current = ''
  for (const paragraph of paragraphs) {
    current = current === '' ? paragraph : `${current}\n\n${paragraph}`
    if (current.length >= SIZE) {
      articles.push(current.slice(0, SIZE))
      current = ''
    }
  }
  return articles
}

const articles = articlesOfSize(loadPolnear('dev').map((article) => article.text))
findAttributions(articles[0] ?? '') // loads the model, outside the timing
let best = Infinity
for (let round = 0; round < ROUNDS; round++) {
  const before = process.cpuUsage()
  for (const text of articles) findAttributions(text)
  const used = process.cpuUsage(before)
  best = Math.min(best, (used.user + used.system) / 1e6)
}
console.log(
  `\nAttributions — findAttributions on ${articles.length} articles of ${SIZE} characters, one core, best of ${ROUNDS}`,
)
console.log(
  `  ${(articles.length / best).toFixed(0)} articles/s (${((best / articles.length) * 1000).toFixed(2)} ms CPU per article; goal ≥ 100/s)`,
)
