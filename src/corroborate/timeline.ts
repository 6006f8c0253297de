import type { Article, Span } from '../types.js'

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const DATED =
  /\b(?:(January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:(\d{1,2}),?\s+)?((?:19|20)\d{2})|in\s+((?:19|20)\d{2}))\b/g
const MAX_ENTRIES = 20

/** Events the articles date explicitly ("in September 2023", "in 2018"), grouped by date, oldest first. */
export function buildTimeline(
  articles: Article[],
): { date: string; text: string; spans: Span[] }[] {
  const byDate = new Map<string, { date: string; text: string; spans: Span[] }>()
  for (const article of articles) {
    for (const { start, end } of article.sentences) {
      const sentence = { text: article.text.slice(start, end), start, end }
      for (const match of sentence.text.matchAll(DATED)) {
        const [, month, day, year, bareYear] = match
        const date =
          bareYear ??
          `${year}-${String(MONTHS.indexOf((month ?? '').toLowerCase()) + 1).padStart(2, '0')}${day === undefined ? '' : `-${day.padStart(2, '0')}`}`
        const span = { articleId: article.id, start: sentence.start, end: sentence.end }
        const entry = byDate.get(date)
        if (entry === undefined) byDate.set(date, { date, text: sentence.text, spans: [span] })
        else if (
          !entry.spans.some(
            (known) => known.articleId === span.articleId && known.start === span.start,
          )
        )
          entry.spans.push(span)
      }
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1)).slice(-MAX_ENTRIES)
}
