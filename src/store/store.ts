import type { Article, StoryReport } from '../types.js'

/** One row of a story list. */
export interface StorySummary {
  id: string
  title: string
  articleIds: string[]
  independentSources: number
  start: string | null
  end: string | null
}

export interface SearchResult {
  articles: { id: string; title: string | null; snippet: string }[]
  stories: { id: string; title: string }[]
}

/**
 * Storage of articles, stories and the similarity index. Every method is async so that a networked database
 * (PostgreSQL) can implement the same interface without changing callers.
 */
export interface Store {
  /** Adds articles in one transaction; an article already stored (same id) is left as it is. */
  addArticles(articles: Article[]): Promise<{ added: string[]; existing: string[] }>
  /** The article as its latest analysis left it. */
  getArticle(id: string): Promise<Article | null>
  /** All articles as extracted, in id order. */
  listArticles(): Promise<Article[]>
  /**
   * Replaces all stories in one transaction (they are recomputed from the articles), with the articles as
   * the analysis left them (story-level dates). `listArticles` keeps returning the articles as extracted.
   */
  replaceStories(stories: StoryReport[], analyzedArticles?: Article[]): Promise<void>
  listStories(): Promise<StorySummary[]>
  getStory(id: string): Promise<StoryReport | null>
  /** Ids of stored articles that share an LSH bucket with the given band keys. */
  similarCandidates(bandKeys: string[]): Promise<string[]>
  search(query: string, limit?: number): Promise<SearchResult>
  close(): Promise<void>
}

export function summariseStory(story: StoryReport): StorySummary {
  return {
    id: story.id,
    title: story.title,
    articleIds: story.articleIds,
    independentSources: story.independentSources,
    start: story.start,
    end: story.end,
  }
}
