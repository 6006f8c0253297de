import { outletLabel } from '../../report/outlet-label.js'
import { independentGroups } from '../../reuse/links.js'
import type { Article, Span, StoryReport } from '../../types.js'
import type { SafeHtml } from '../html.js'
import { citations } from './links.js'

/** A story with its articles, numbered as on the page, and what every section needs to cite them. */
export interface StoryContext {
  story: StoryReport
  /** The story's articles, earliest first: source [1] is the first. */
  articles: Article[]
  byId: Map<string, Article>
  /** Copy group of each article: its root article id (articles that copied or rewrote one another). */
  groupOf: Map<string, string>
  numberOf: (articleId: string) => number
  textOf: (span: Span) => string
  outletOf: (articleId: string) => string
  cite: (spans: Span[]) => SafeHtml
}

export function storyContext(story: StoryReport, articles: Article[]): StoryContext {
  const ordered = [...articles].sort(
    (a, b) => (a.published ?? '9').localeCompare(b.published ?? '9') || a.id.localeCompare(b.id),
  )
  const byId = new Map(ordered.map((article) => [article.id, article]))
  const numbers = new Map(ordered.map((article, index) => [article.id, index + 1]))
  const numberOf = (id: string): number => numbers.get(id) ?? 0
  const textOf = (span: Span): string =>
    byId.get(span.articleId)?.text.slice(span.start, span.end) ?? ''
  return {
    story,
    articles: ordered,
    byId,
    groupOf: independentGroups(
      ordered.map((article) => article.id),
      story.reuse ?? [],
    ),
    numberOf,
    textOf,
    outletOf: (id) => {
      const article = byId.get(id)
      return article === undefined ? id : outletLabel(article)
    },
    cite: (spans) => citations(spans, { storyId: story.id, numberOf, textOf }),
  }
}

/** The sentence around a span (a cited number is read in its sentence), bounded in length. */
export function sentenceAround(
  text: string,
  span: { start: number; end: number },
  limit = 320,
): string {
  const before = text.slice(Math.max(0, span.start - limit), span.start)
  const after = text.slice(span.end, span.end + limit)
  const opening = Math.max(before.search(/[^.!?\n]*$/), 0)
  const closing = after.search(/[.!?](\s|$)|\n/)
  return (
    before.slice(opening) +
    text.slice(span.start, span.end) +
    (closing === -1 ? after : after.slice(0, closing + 1))
  ).trim()
}
