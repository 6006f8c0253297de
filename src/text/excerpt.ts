/**
 * The words around a span, as a reader needs them to see it in place: up to `before` characters before it and
 * `after` after it, cut between words (half a word reads as a typo in the quoted source), "…" where the text
 * goes on, spaces folded. The span itself is never cut.
 */
export function excerpt(
  text: string,
  span: { start: number; end: number },
  before = 80,
  after = 40,
): string {
  let from = Math.max(0, span.start - before)
  if (from > 0 && /\S/.test(text[from - 1] ?? '')) {
    const gap = text.slice(from, span.start).search(/\s/)
    from = gap === -1 ? span.start : from + gap + 1
  }
  let to = Math.min(text.length, span.end + after)
  if (to < text.length && /\S/.test(text[to] ?? '')) {
    const tail = text.slice(span.end, to)
    const gap = Math.max(tail.lastIndexOf(' '), tail.lastIndexOf('\n'), tail.lastIndexOf('\t'))
    to = gap === -1 ? span.end : span.end + gap
  }
  const words = text.slice(from, to).replace(/\s+/g, ' ').trim()
  return `${from > 0 ? '… ' : ''}${words}${to < text.length ? ' …' : ''}`
}
