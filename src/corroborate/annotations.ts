import { extractEntities } from '../nlp/entities.js'
import { extractFacts, type FactMention } from '../nlp/facts.js'
import { extractQuotes } from '../nlp/quotes.js'
import type { Article, EntityType } from '../types.js'

/**
 * What the corroborate stage reads of an article's annotations: names, quotes with speakers, and number
 * facts. This is the ONE place that knows where they come from. Today it derives them from the text with
 * src/nlp (entities.ts, quotes.ts, facts.ts); when articles carry `annotations` computed once by the nlp
 * stage, point `readAnnotations` there (entities with ids, attributions with speakers) and nothing else in
 * src/corroborate changes.
 */
export interface StoryAnnotations {
  entities: { text: string; key: string; type: EntityType; start: number; end: number }[]
  quotes: {
    text: string
    start: number
    end: number
    speaker: string | null
    speakerRole: string | null
  }[]
  facts: FactMention[]
}

const cache = new WeakMap<Article, StoryAnnotations>()

export function readAnnotations(article: Article): StoryAnnotations {
  let found = cache.get(article)
  if (found === undefined) {
    found = {
      entities: extractEntities(article.text, article.language),
      quotes: extractQuotes(article.text),
      facts: extractFacts(article.text),
    }
    cache.set(article, found)
  }
  return found
}
