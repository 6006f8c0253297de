/**
 * Online story clustering at scale: 10k, 30k and 100k articles made from the ECB+ and BASIL documents by
 * controlled mutation (each story = one dev document and its rewrites: sentences dropped, replaced or
 * shuffled; dates spread over the days of the story). Reports articles/s, the cost per article in the first
 * and last tenth of the stream (it must not grow with the number of stories), peak memory, and B-cubed F1
 * against the known stories. Figures only; no assertion.
 */
import { clusterStories } from '../src/stories/cluster.js'
import { splitSentences } from '../src/text/sentences.js'
import type { Article } from '../src/types.js'
import { asArticle, devStoryDocuments } from '../eval/clustering.js'
import { scoreClustering } from '../eval/clustering-metrics.js'

let state = 4242
const random = (): number => (state = (state * 48271) % 2147483647) / 2147483647

/** Dev documents with their gold event: copies of documents of one event are one story. */
function baseDocuments(): { title: string | null; text: string; event: string }[] {
  const rows = devStoryDocuments()
  return rows.map((row) => ({ title: row.title ?? null, text: row.text, event: row.cluster }))
}

/** Each gold event gets its own day of the year, so that its copies are near each other in time. */
function eventDay(event: string): number {
  let hash = 0
  for (const char of event) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return hash
}

function mutate(text: string, pool: string[]): string {
  const sentences = splitSentences(text).map((sentence) => sentence.text)
  const kept = sentences
    .filter(() => random() > 0.25)
    .map((sentence) =>
      random() < 0.15 ? (pool[Math.floor(random() * pool.length)] as string) : sentence,
    )
  return (kept.length > 0 ? kept : sentences)
    .sort(() => (random() < 0.2 ? random() - 0.5 : 0))
    .join(' ')
}

function run(
  size: number,
  bases: { title: string | null; text: string; event: string }[],
  pool: string[],
): void {
  const articles: Article[] = []
  const gold: string[] = []
  // Ten copies per document; larger corpora re-use the documents in later rounds as new stories.
  const perStory = 10
  for (let index = 0; articles.length < size; index++) {
    const base = bases[index % bases.length] as {
      title: string | null
      text: string
      event: string
    }
    // A later round re-uses the documents as new events, placed 40 days later: same words, another story.
    const round = Math.floor(index / bases.length)
    const story = `${base.event}-${round}`
    const day = new Date(
      Date.UTC(2020, 0, 1) + round * 40 * 86_400_000 + (eventDay(base.event) % 365) * 86_400_000,
    )
    for (let copy = 0; copy < perStory && articles.length < size; copy++) {
      const published = new Date(day.getTime() + Math.floor(random() * 3) * 86_400_000)
        .toISOString()
        .slice(0, 10)
      articles.push({
        ...asArticle({
          id: `${story}-${index}-${copy}`,
          title: base.title,
          text: mutate(base.text, pool),
          published,
          gold: story,
        }),
      })
      gold.push(story)
    }
  }
  const started = performance.now()
  const stories = clusterStories(articles)
  const seconds = (performance.now() - started) / 1000
  const storyOf = new Map<string, string>()
  for (const story of stories) for (const id of story.articleIds) storyOf.set(id, story.id)
  const scores = scoreClustering(
    gold,
    articles.map((article) => storyOf.get(article.id) ?? article.id),
  )
  const peak = process.resourceUsage().maxRSS / 1024
  console.log(
    `  ${String(size).padStart(7)} articles ${(size / seconds).toFixed(0).padStart(7)} articles/s ${((seconds * 1e6) / size).toFixed(0).padStart(6)} µs/article ${peak.toFixed(0).padStart(6)} MiB peak   ${stories.length} stories (gold ${new Set(gold).size})  B3 F1 ${scores.b3.f1.toFixed(3)}`,
  )
}

const bases = baseDocuments()
const pool = bases.flatMap((base) => splitSentences(base.text).map((sentence) => sentence.text))
console.log(
  `\nOnline story clustering at scale — ${bases.length} dev documents as story seeds, mutated copies`,
)
for (const size of (process.env.CLUSTER_SIZES ?? '10000,30000,100000').split(',').map(Number))
  run(size, bases, pool)
