import { splitSentences } from '../text/sentences.js'
import type { Article, ArticleEntity, Attribution, TextRange } from '../types.js'
import { resolveArticleEntities } from './identity.js'
import { nameKey, isShortFormOf } from './names.js'
import { defaultModel, type NerModel } from './ner/model.js'
import { recognizeNames } from './ner/recognize.js'
import { tokenize } from './ner/tokenize.js'
import { extractQuotes, type QuoteMention } from './quotes.js'

/**
 * What the nlp stage writes on an article, once, at assembly (ARCHITECTURE "One path"); every later stage
 * (clustering's split test, the story report, the timeline) reads these instead of re-deriving them.
 * Reads: `text`. Writes: `sentences`, `entities`, `attributions`.
 */
export interface ArticleAnnotations {
  sentences: TextRange[]
  entities: ArticleEntity[]
  attributions: Attribution[]
}

export interface AnnotateOptions {
  /** The name-recognition model (default: the shipped models/ner-en.json.gz). */
  model: NerModel
}

/** Annotates one article's text: sentences, named entities with within-article identities, attributions. */
export function annotateArticle(
  article: Pick<Article, 'text'>,
  options: Partial<AnnotateOptions> = {},
): ArticleAnnotations {
  const { text } = article
  const model = options.model ?? defaultModel()
  const tokens = tokenize(text)
  const entities = resolveArticleEntities(
    text,
    recognizeNames(text, model, tokens),
    tokens,
    model.gazetteer.roles,
  )
  return {
    sentences: splitSentences(text).map(({ start, end }) => ({ start, end })),
    entities,
    // The attribution stage plugs in here: findAttributions(text, { entities }).
    attributions: attributionsFromQuotes(text, extractQuotes(text), entities),
  }
}

/** The article with its annotations; an article that already carries them is returned as it is. */
export function withAnnotations<T extends Pick<Article, 'text'>>(
  article: T & Partial<ArticleAnnotations>,
): T & ArticleAnnotations {
  if (
    article.entities !== undefined &&
    article.attributions !== undefined &&
    article.sentences !== undefined
  )
    return article as T & ArticleAnnotations
  return { ...article, ...annotateArticle(article) }
}

/** Characters around a quote searched for the speaker's name as written. */
const SPEAKER_WINDOW = 160

/**
 * Direct quotations (src/nlp/quotes.ts) in the attribution shape: the speaker's words as written are the
 * source span; the speaker is the entity the source names (its canonical full name).
 */
function attributionsFromQuotes(
  text: string,
  quotes: QuoteMention[],
  entities: ArticleEntity[],
): Attribution[] {
  return quotes.map((quote) => {
    const source = quote.speaker === null ? null : sourceSpan(text, quote, quote.speaker)
    const entity =
      source === null ? undefined : speakerEntity(quote.speaker as string, source, entities)
    return {
      content: { start: quote.start, end: quote.end },
      cue: null,
      source,
      speaker: entity?.name ?? quote.speaker,
      entityId: entity?.entityId ?? null,
      kind: 'direct',
    }
  })
}

function sourceSpan(text: string, quote: QuoteMention, speaker: string): TextRange | null {
  const after = text.indexOf(speaker, quote.end)
  if (after >= 0 && after - quote.end <= SPEAKER_WINDOW)
    return { start: after, end: after + speaker.length }
  const before = text.lastIndexOf(speaker, quote.start)
  if (before >= 0 && quote.start - before <= SPEAKER_WINDOW)
    return { start: before, end: before + speaker.length }
  return null
}

/** The entity a source span names: a mention inside it, else a person whose fuller name it shortens. */
function speakerEntity(
  speaker: string,
  source: TextRange,
  entities: ArticleEntity[],
): ArticleEntity | undefined {
  const inside = entities.find(
    (entity) => entity.start < source.end && entity.end > source.start && entity.type === 'person',
  )
  if (inside !== undefined) return inside
  const key = nameKey(speaker)
  return entities.find(
    (entity) =>
      entity.type === 'person' &&
      (nameKey(entity.name) === key || isShortFormOf(key, nameKey(entity.name))),
  )
}
