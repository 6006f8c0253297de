import { annotatedPart, withAnnotations } from '../nlp/annotate.js'
import { extractFacts, type FactMention } from '../nlp/facts.js'
import { nameKey } from '../nlp/names.js'
import { type Sentence, splitSentences } from '../text/sentences.js'
import type { Article, AttributionKind, EntityType } from '../types.js'

/**
 * What the corroborate stage reads of an article's annotations: names, quotes with speakers, and number
 * facts. This is the ONE place that knows where they come from: the annotations the nlp stage wrote on the
 * article once (`article.entities`, `article.attributions`; src/nlp/annotate.ts), kept with it in the store,
 * so a report built from a store reads what a report built in memory reads. An article without them (an old
 * store row, a caller's object) is annotated here by the same function.
 */
export interface StoryAnnotations {
  entities: { text: string; key: string; type: EntityType; start: number; end: number }[]
  quotes: {
    text: string
    start: number
    end: number
    /** The speaker's canonical full name, or the source as written for an unnamed one ("officials"). */
    speaker: string | null
    speakerRole: string | null
    /** The speaker's entity (story-level once the story's identities are resolved), when one is named. */
    entityId: string | null
    kind: AttributionKind
    /** Where the text names who says it ("Kremlin spokesperson Dmitry Peskov"), when it does. */
    source: { start: number; end: number } | null
  }[]
  facts: FactMention[]
}

const cache = new WeakMap<Article, StoryAnnotations>()

export function readAnnotations(article: Article): StoryAnnotations {
  let found = cache.get(article)
  if (found === undefined) {
    const annotated = withAnnotations(article)
    found = {
      entities: annotated.entities.map(({ text, type, start, end }) => ({
        text,
        key: nameKey(text),
        type,
        start,
        end,
      })),
      quotes: quotesOf(annotated),
      // Figures in the part names were read in: every pair of a story's figures is weighed for conflicts, and
      // a 1.5 MB text of figures ran out of memory there (issue 16 audit); the part holds 500,000 characters.
      facts: extractFacts(annotatedPart(article.text, annotated.sentences)),
    }
    cache.set(article, found)
  }
  return found
}

const sentenceCache = new WeakMap<object, Sentence[]>()

/**
 * The article's sentences with their text: the annotation stage's `sentences` (splitSentences of the whole
 * text, src/nlp/annotate.ts), read back instead of splitting the text again in each stage that reads sentences
 * (propositions, number facts, event dates); split here when an article carries none.
 */
export function sentencesOf(
  article: Pick<Article, 'text'> & Partial<Pick<Article, 'sentences'>>,
): Sentence[] {
  let found = sentenceCache.get(article)
  if (found === undefined) {
    found =
      article.sentences === undefined
        ? splitSentences(article.text)
        : article.sentences.map(({ start, end }) => ({
            text: article.text.slice(start, end),
            start,
            end,
          }))
    sentenceCache.set(article, found)
  }
  return found
}

/** The article's attributions as quotes: the content as written, the speaker and the role the text gives. */
function quotesOf(
  article: Pick<Article, 'text' | 'entities' | 'attributions'>,
): StoryAnnotations['quotes'] {
  // The role written before any mention of the speaker's entity ("Kremlin spokesman Dmitry Peskov").
  const roles = new Map<string, string>()
  for (const entity of article.entities)
    if (isRole(entity.role) && !roles.has(entity.entityId)) roles.set(entity.entityId, entity.role)
  return article.attributions.map((attribution) => ({
    text: article.text.slice(attribution.content.start, attribution.content.end),
    start: attribution.content.start,
    end: attribution.content.end,
    speaker: attribution.speaker,
    speakerRole: attribution.entityId === null ? null : (roles.get(attribution.entityId) ?? null),
    entityId: attribution.entityId,
    kind: attribution.kind,
    source:
      attribution.source === null
        ? null
        : { start: attribution.source.start, end: attribution.source.end },
  }))
}

// A courtesy title alone ("Ms Kim") says nothing of what the speaker is.
const COURTESY = /^(?:mr|mrs|ms|miss|dr)\.?$/i

/** Whether a role written before a name says what the person is: not a courtesy title alone ("Ms"). */
export function isRole(role: string | null | undefined): role is string {
  return typeof role === 'string' && !COURTESY.test(role.trim())
}
