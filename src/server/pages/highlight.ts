import { escapeHtml } from '../../report/escape.js'
import { SafeHtml } from '../html.js'

/** A stretch of an article's text to mark, from offsets (nothing is found again by searching strings). */
export interface Highlight {
  start: number
  end: number
  className: string
  title?: string
}

/**
 * The text cut at every highlight boundary; each piece carries the classes of the highlights covering it, so
 * overlapping highlights never produce crossed tags. The cited range is one `<mark id="cited">` around its
 * pieces (the link's #cited scrolls there; no cut crosses its ends). Every piece of text is escaped.
 */
export function highlightText(
  text: string,
  highlights: Highlight[],
  cited: { start: number; end: number } | null,
): SafeHtml {
  const inText = highlights.filter(
    (mark) => mark.start < mark.end && mark.start >= 0 && mark.end <= text.length,
  )
  const cuts = new Set([0, text.length])
  for (const mark of inText) cuts.add(mark.start).add(mark.end)
  if (cited !== null) cuts.add(cited.start).add(cited.end)
  const points = [...cuts].sort((a, b) => a - b)
  const sorted = [...inText].sort((a, b) => a.start - b.start)
  let active: Highlight[] = []
  let next = 0
  let out = ''
  for (let index = 0; index + 1 < points.length; index++) {
    const [from, to] = [points[index] as number, points[index + 1] as number]
    while (next < sorted.length && (sorted[next] as Highlight).start <= from)
      active.push(sorted[next++] as Highlight)
    active = active.filter((mark) => mark.end > from)
    if (from === cited?.start) out += '<mark class="cited" id="cited">'
    out += piece(text.slice(from, to), active)
    if (to === cited?.end) out += '</mark>'
  }
  return new SafeHtml(out)
}

/** One piece of text with the classes and titles of the highlights over it. */
function piece(text: string, over: Highlight[]): string {
  if (over.length === 0) return escapeHtml(text)
  const classes = [...new Set(over.map((mark) => mark.className))].join(' ')
  const titles = [
    ...new Set(over.flatMap((mark) => (mark.title === undefined ? [] : [mark.title]))),
  ]
  const title = titles.length === 0 ? '' : ` title="${escapeHtml(titles.join('; '))}"`
  return `<span class="${escapeHtml(classes)}"${title}>${escapeHtml(text)}</span>`
}
