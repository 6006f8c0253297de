import type { Article, StoryReport } from '../types.js'
import { dateRange } from '../text/date-range.js'

/**
 * Whether a story's days are its pages' dates (`storyDays`): dated, yet none of its articles has an original
 * date known. Those are republication days, not when the story broke, so every place that shows them says so.
 */
export function datedByPages(
  story: Pick<StoryReport, 'start'>,
  articles: Pick<Article, 'published'>[],
): boolean {
  // Without its articles (a store missing them) nothing says the days are republication days.
  return (
    story.start !== null &&
    articles.length > 0 &&
    articles.every((article) => article.published === null)
  )
}

/** A story's days as the reports and pages head them, with the note when they are its pages' dates. */
export function daysLabel(story: Pick<StoryReport, 'start' | 'end'>, byPages: boolean): string {
  const days = dateRange(story.start, story.end)
  return byPages ? `${days} (republished; original date unknown)` : days
}

/** A story's days as the reports head them, from its articles. */
export function storyDateLabel(
  story: Pick<StoryReport, 'start' | 'end'>,
  articles: Pick<Article, 'published'>[],
): string {
  return daysLabel(story, datedByPages(story, articles))
}
