/** A quoted stretch of text: offsets of the words inside the quotation marks. */
export interface Quotation {
  start: number
  end: number
}

/**
 * Finds quotations: curly “…” pairs, and straight "…" pairs within a paragraph. A quotation that runs over a
 * paragraph break without closing (the news convention for multi-paragraph quotes) ends at the break.
 */
export function findQuotations(text: string): Quotation[] {
  const quotations: Quotation[] = []
  // Scrapes mix curly and straight marks (“…" is common), so any double mark may close a quotation.
  const pattern = /[“"]([^”"“\n]*)(?:[”"]|(?=\n))/g
  for (const match of text.matchAll(pattern)) {
    const inner = match[1] ?? ''
    if (inner.trim() === '') continue
    const start = match.index + 1
    quotations.push({ start, end: start + inner.length })
  }
  return quotations
}

/** Share of the characters of [start, end) that lie inside quotations. */
export function quotedShare(quotations: Quotation[], start: number, end: number): number {
  if (end <= start) return 0
  let inside = 0
  for (const quotation of quotations) {
    const overlap = Math.min(end, quotation.end) - Math.max(start, quotation.start)
    if (overlap > 0) inside += overlap
  }
  return inside / (end - start)
}
