/**
 * The first span of each article, in order: a citation names an article once even when the article states the
 * thing in two places (a timeline entry, a claim both in the lead and in a later paragraph). Read by the brief
 * (which citations to check) and by the reports (which to show).
 */
export function onePerArticle<T extends { articleId: string }>(spans: T[]): T[] {
  const seen = new Set<string>()
  return spans.filter((span) => !seen.has(span.articleId) && seen.add(span.articleId))
}
