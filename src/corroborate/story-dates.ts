import type { Article } from '../types.js'

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/**
 * Pins the dates of a story's undated articles: when an article only says "Tuesday" and the best-dated
 * article of its story was published on a Tuesday, the article reports the same day. The evidence names the
 * anchor article; republication page dates are kept as they are.
 */
export function pinStoryDates(articles: Article[]): Article[] {
  const anchor = articles
    .filter((article) => article.published !== null && article.dateConfidence > 0)
    .sort(
      (a, b) =>
        b.dateConfidence - a.dateConfidence || ((a.published ?? '') < (b.published ?? '') ? -1 : 1),
    )[0]
  if (anchor === undefined || anchor.published === null) return articles
  const day = anchor.published.slice(0, 10)
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] as string
  return articles.map((article) => {
    if (article.published !== null) return article
    const mention = new RegExp(`\\b${weekday}\\b`).exec(article.text)
    if (mention === null) return article
    return {
      ...article,
      published: day,
      dateConfidence: Math.min(0.7, anchor.dateConfidence),
      dateEvidence: [
        ...article.dateEvidence,
        {
          kind: 'story-weekday',
          text: mention[0],
          start: mention.index,
          end: mention.index + mention[0].length,
        },
        {
          kind: 'story-anchor',
          text: `${anchor.id} (${anchor.title ?? 'untitled'}) was published ${weekday} ${day}`,
        },
      ],
    }
  })
}
