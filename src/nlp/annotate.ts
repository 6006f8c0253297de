import { splitSentences } from '../text/sentences.js'
import type { Article, ArticleEntity, Attribution, TextRange } from '../types.js'
import { findAttributions } from './attributions/index.js'
import { resolveArticleEntities } from './identity.js'
import { defaultModel, type NerModel } from './ner/model.js'
import { recognizeNames } from './ner/recognize.js'
import { tokenize } from './ner/tokenize.js'
import { MAX_ANNOTATED_CHARS } from './annotation-limit.js'

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

export { MAX_ANNOTATED_CHARS } from './annotation-limit.js'

/** Annotates one article's text: sentences, named entities with within-article identities, attributions. */
export function annotateArticle(
  article: Pick<Article, 'text'>,
  options: Partial<AnnotateOptions> = {},
): ArticleAnnotations {
  const sentences = splitSentences(article.text).map(({ start, end }) => ({ start, end }))
  const text = annotatedPart(article.text, sentences)
  const entities = articleEntities(text, options.model)
  return {
    sentences,
    entities,
    // Speakers resolve to the entities just found, so an attribution's entityId is its speaker's identity.
    attributions: findAttributions(text, { entities }),
  }
}

/**
 * The part of a text the annotation stage reads (names, attributions; the story stage's figures too): all of
 * it, or a long text up to its last sentence end within MAX_ANNOTATED_CHARS. Offsets into it are offsets into
 * the text.
 */
export function annotatedPart(text: string, sentences: readonly TextRange[]): string {
  return text.length <= MAX_ANNOTATED_CHARS ? text : text.slice(0, annotatedEnd(sentences))
}

/** Where a long text's annotated part ends: at a sentence end, so no name or quotation is cut in two. */
function annotatedEnd(sentences: readonly TextRange[]): number {
  return (
    sentences.findLast((sentence) => sentence.end <= MAX_ANNOTATED_CHARS)?.end ??
    MAX_ANNOTATED_CHARS
  )
}

/**
 * The named entities of a text with their within-article identities, as annotateArticle gives them (also the
 * speaker candidates that scripts/train-attributions.ts and tune-attributions.ts score with, so that their
 * cross-validated figures describe the pipeline's path).
 */
export function articleEntities(text: string, model: NerModel = defaultModel()): ArticleEntity[] {
  const tokens = tokenize(text)
  return resolveArticleEntities(
    text,
    recognizeNames(text, model, tokens),
    tokens,
    model.gazetteer.roles,
  )
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
