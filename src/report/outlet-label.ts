import type { Article } from '../types.js'

/** How an article is named in reports: its site, and the original publisher when that differs. */
export function outletLabel(
  article: Pick<Article, 'id' | 'site' | 'publisher' | 'url' | 'path'>,
): string {
  const site = article.site ?? article.url ?? article.path ?? article.id
  return article.publisher !== null && article.publisher !== article.site
    ? `${site} (from ${article.publisher})`
    : site
}

export function dateLabel(article: Article): string {
  const published = article.published ?? 'date unknown'
  return article.pageDate === null ? published : `${published}; page shows ${article.pageDate}`
}

export function articlesOf(ids: string[], articles: Article[]): Article[] {
  const byId = new Map(articles.map((article) => [article.id, article]))
  return ids
    .map((id) => byId.get(id))
    .filter((article): article is Article => article !== undefined)
}

/** The words of a span, for quoting evidence. */
export function spanText(
  articles: Map<string, Article>,
  span: { articleId: string; start: number; end: number },
): string {
  return articles.get(span.articleId)?.text.slice(span.start, span.end) ?? ''
}
