/** An excerpt in three parts, so that a report can mark the span that decides (`marked`) among its context. */
export interface Excerpt {
  lead: string
  marked: string
  trail: string
}

/**
 * The words around a span, as a reader needs them to see it in place: up to `before` characters before it and
 * `after` after it, cut between words (half a word reads as a typo in the quoted source), "…" where the text
 * goes on, spaces folded. The span itself is never cut.
 */
export function excerptParts(
  text: string,
  span: { start: number; end: number },
  before = 80,
  after = 40,
): Excerpt {
  let from = Math.max(0, span.start - before)
  if (from > 0 && /\S/.test(text[from - 1] ?? '')) {
    const gap = text.slice(from, span.start).search(/\s/)
    from = gap === -1 ? span.start : from + gap + 1
  }
  let to = Math.min(text.length, span.end + after)
  if (to < text.length && /\S/.test(text[to] ?? '')) {
    const tail = text.slice(span.end, to)
    // The last white space of any kind, as the start is cut (a page's no-break spaces stay in its text).
    const gap = tail.search(/\s\S*$/)
    to = gap === -1 ? span.end : span.end + gap
  }
  const folded = (part: string): string => part.replace(/\s+/g, ' ')
  return {
    lead: `${from > 0 ? '… ' : ''}${folded(text.slice(from, span.start)).trimStart()}`,
    marked: folded(text.slice(span.start, span.end)),
    trail: `${folded(text.slice(span.end, to)).trimEnd()}${to < text.length ? ' …' : ''}`,
  }
}
