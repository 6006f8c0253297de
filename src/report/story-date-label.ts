import type { Article, StoryReport } from '../types.js'
import { dateRange } from '../text/date-range.js'

/**
 * A story's days as the reports head it. A story none of whose articles has an original date known is dated by
 * its pages' dates (`storyDays`): said so, since those are republication days, not when the story broke.
 */
export function storyDateLabel(
  story: Pick<StoryReport, 'start' | 'end'>,
  articles: Pick<Article, 'published'>[],
): string {
  const days = dateRange(story.start, story.end)
  // Without its articles (a store missing them) nothing says the days are republication days.
  const republished = articles.length > 0 && articles.every((article) => article.published === null)
  return story.start !== null && republished ? `${days} (republished; original date unknown)` : days
}
