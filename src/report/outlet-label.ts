import type { Article, SourceAddition, StoryClaim, StoryReport } from '../types.js'
import { singleSpaced } from '../text/normalize.js'

/**
 * The outlet's name in reports: the site's name, else the domain of the article's URL, else "unknown outlet"
 * — never a file path or an id, which name the input, not who published it.
 */
export function outletName(article: Pick<Article, 'site' | 'url'>): string {
  return nonEmpty(article.site) ?? domainOf(article.url) ?? 'unknown outlet'
}

/** How an article is named in reports: its outlet, and the original publisher when that differs. */
export function outletLabel(article: Pick<Article, 'site' | 'publisher' | 'url'>): string {
  const site = outletName(article)
  const publisher = nonEmpty(article.publisher)
  return publisher !== null && publisher !== site ? `${site} (from ${publisher})` : site
}

/**
 * Short names of a story's articles, for the lines that cite them (a conflict's values, a reuse link): the
 * outlet, and the article's id after it only when two of the story's articles would read the same.
 */
export function citedNames(articles: Article[]): Map<string, string> {
  const uses = new Map<string, number>()
  for (const article of articles)
    uses.set(outletName(article), (uses.get(outletName(article)) ?? 0) + 1)
  return new Map(
    articles.map((article) => {
      const name = outletName(article)
      return [article.id, (uses.get(name) ?? 0) > 1 ? `${name} ${article.id}` : name]
    }),
  )
}

/**
 * A story entity's other names as a reader sees them: spaces of any kind written as one, so a form that
 * differs from the name only by a no-break space ("North\u00a0Korea") is not listed as another name.
 */
export function otherNames(entity: { name: string; aliases: string[] }): string[] {
  const names = new Set(entity.aliases.map(singleSpaced))
  names.delete(singleSpaced(entity.name))
  return [...names]
}

/** The article's own web address, when it is one a report may link to (http or https only). */
export function articleUrl(article: Pick<Article, 'url'>): string | null {
  const url = nonEmpty(article.url)
  return url !== null && /^https?:\/\/[^\s/]+/i.test(url) ? url : null
}

function domainOf(url: string | null): string | null {
  if (url === null) return null
  try {
    const host = new URL(url).hostname.replace(/^www\./, '')
    return host === '' ? null : host
  } catch {
    return null
  }
}

function nonEmpty(value: string | null): string | null {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === '' ? null : trimmed
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

/** How many articles carry spans (a quote split in two in one article counts once). */
export function articleCount(spans: { articleId: string }[]): number {
  return new Set(spans.map((span) => span.articleId)).size
}

/** The claims one source alone reports, from the indexes a `SourceAddition` holds into the story's claims. */
export function soleClaims(story: StoryReport, addition: SourceAddition): StoryClaim[] {
  return addition.claims.flatMap((index) => {
    const claim = story.claims[index]
    return claim === undefined ? [] : [claim]
  })
}

/** The words of a span, for quoting evidence. */
export function spanText(
  articles: Map<string, Article>,
  span: { articleId: string; start: number; end: number },
): string {
  return articles.get(span.articleId)?.text.slice(span.start, span.end) ?? ''
}
