import type { Span } from '../../types.js'
import { html, type SafeHtml } from '../html.js'

export function storyHref(id: string): string {
  return `/stories/${encodeURIComponent(id)}`
}

/** An article page; with a span, the page marks it and scrolls to it (#cited), without any script. */
export function articleHref(id: string, story?: string, span?: Span): string {
  const query = new URLSearchParams()
  if (story !== undefined) query.set('story', story)
  if (span !== undefined) {
    query.set('start', String(span.start))
    query.set('end', String(span.end))
  }
  const search = query.toString()
  return `/articles/${encodeURIComponent(id)}${search === '' ? '' : `?${search}`}${span === undefined ? '' : '#cited'}`
}

/** How long a cited passage may be in a citation's tooltip. */
const TOOLTIP = 160

/**
 * Citation marks for spans: one per source article, numbered as in the sources table, opening the article at
 * its first cited passage, highlighted (the tooltip shows that passage).
 */
export function citations(
  spans: Span[],
  context: {
    storyId: string
    numberOf: (articleId: string) => number
    textOf: (span: Span) => string
  },
): SafeHtml {
  const first = new Map<string, Span>()
  for (const span of spans) if (!first.has(span.articleId)) first.set(span.articleId, span)
  const cited = [...first.values()].sort(
    (a, b) => context.numberOf(a.articleId) - context.numberOf(b.articleId),
  )
  return html`${cited.map((span) => {
    const passage = context.textOf(span)
    const tooltip = passage.length > TOOLTIP ? `${passage.slice(0, TOOLTIP)}…` : passage
    // prettier-ignore
    return html`<a class="cite" href="${articleHref(span.articleId, context.storyId, span)}" title="${tooltip}">[${context.numberOf(span.articleId)}]</a>`
  })}`
}
