/** What the routes read from a store, with fallbacks for stores that lack the list extensions. */
import { contentWords } from '../corroborate/group-similar.js'
import type { Store, StoryListRow } from '../store/index.js'
import type { Article, StoryReport } from '../types.js'
import { notFound } from './errors.js'
import { datedByPages } from '../report/story-date-label.js'

/** Ids longer than this are not ids (content hashes and JSONL ids are short); refused before any lookup. */
const MAX_ID = 200

function checkId(id: string, what: string): void {
  if (id.length === 0 || id.length > MAX_ID) throw notFound(what)
}

export async function storyRows(
  store: Store,
  offset: number,
  limit: number,
): Promise<StoryListRow[]> {
  if (store.listStoryRows !== undefined) return store.listStoryRows(offset, limit)
  const page = (await store.listStories()).slice(offset, offset + limit)
  return Promise.all(
    page.map(async (summary) => {
      const [story, articles] = await Promise.all([
        store.getStory(summary.id),
        Promise.all(summary.articleIds.map((id) => store.getArticle(id))),
      ])
      const sources = articles.filter((article): article is Article => article !== null)
      return {
        ...summary,
        conflicts: story?.conflicts.length ?? 0,
        sources,
        ...(datedByPages(summary, sources) ? { datedByPages: true as const } : {}),
      }
    }),
  )
}

export async function loadStory(store: Store, id: string): Promise<StoryReport> {
  checkId(id, `Story ${id}`)
  const story = await store.getStory(id)
  if (story === null) throw notFound(`Story ${id}`)
  return story
}

export async function loadArticle(store: Store, id: string): Promise<Article> {
  checkId(id, `Article ${id}`)
  const article = await store.getArticle(id)
  if (article === null) throw notFound(`Article ${id}`)
  return article
}

export async function articlesOf(store: Store, ids: string[]): Promise<Article[]> {
  return (await Promise.all(ids.map((id) => store.getArticle(id)))).filter(
    (article): article is Article => article !== null,
  )
}

/** The story an article is in: from the store when it can tell, else the one the link named if it holds it. */
export async function storyOfArticle(
  store: Store,
  articleId: string,
  named: string | undefined,
): Promise<StoryReport | null> {
  const id = store.storyOfArticle !== undefined ? await store.storyOfArticle(articleId) : named
  if (id === null || id === undefined || id.length > MAX_ID) return null
  const story = await store.getStory(id)
  return story !== null && story.articleIds.includes(articleId) ? story : null
}

/** Words of a claim searched one by one, and articles kept, to find the candidates of a store-wide check. */
const SEARCH_WORDS = 8
const CANDIDATES = 40

/**
 * The articles a store-wide claim check reads: full-text search for each of the claim's longest content
 * words, articles ranked by how many of them they hold (a claim's words ANDed together would miss paraphrase).
 */
export async function verifyCandidates(store: Store, claim: string): Promise<Article[]> {
  const words = [...contentWords(claim)]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, SEARCH_WORDS)
  const hits = new Map<string, number>()
  for (const word of words)
    for (const article of (await store.search(word, CANDIDATES * 2)).articles)
      hits.set(article.id, (hits.get(article.id) ?? 0) + 1)
  const ranked = [...hits.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
  return articlesOf(
    store,
    ranked.slice(0, CANDIDATES).map(([id]) => id),
  )
}
