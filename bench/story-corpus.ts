/**
 * A stream of articles with known stories, for the scale benches: each ECB+ and BASIL dev document becomes ten
 * mutated copies (sentences dropped, replaced or shuffled) dated over the days of its event; corpora larger
 * than one round re-use the documents in later rounds, 40 days apart, as new stories.
 */
import { splitSentences } from '../src/text/sentences.js'
import type { Article } from '../src/types.js'
import { asArticle, devStoryDocuments } from '../eval/clustering.js'

let state = 4242
const random = (): number => (state = (state * 48271) % 2147483647) / 2147483647

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

export interface StoryCorpus {
  articles: Article[]
  /** The gold story of each article (same order). */
  gold: string[]
  /** How many dev documents seed the stories. */
  seeds: number
}

export function storyCorpus(size: number): StoryCorpus {
  const bases = devStoryDocuments().map((row) => ({
    title: row.title ?? null,
    text: row.text,
    event: row.cluster,
  }))
  const pool = bases.flatMap((base) => splitSentences(base.text).map((sentence) => sentence.text))
  const articles: Article[] = []
  const gold: string[] = []
  const perStory = 10
  for (let index = 0; articles.length < size; index++) {
    const base = bases[index % bases.length] as (typeof bases)[number]
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
      articles.push(
        asArticle({
          id: `${story}-${index}-${copy}`,
          title: base.title,
          text: mutate(base.text, pool),
          published,
          gold: story,
        }),
      )
      gold.push(story)
    }
  }
  return { articles, gold, seeds: bases.length }
}
