import type { StoryState } from '../stories/cluster.js'
import { datedByPages } from '../report/story-date-label.js'
import type { Article, StoryReport } from '../types.js'
import type { Snippet } from './snippet.js'

/** One row of a story list. */
export interface StorySummary {
  id: string
  title: string
  articleIds: string[]
  independentSources: number
  start: string | null
  end: string | null
  /**
   * Present, true, when `start` and `end` are its pages' dates (no original date known): republication days,
   * not when the story broke. Absent otherwise, and for stories written before it was stored.
   */
  datedByPages?: true
}

/** What a story list shows of an article: enough to name its outlet. */
export type ArticleHead = Pick<Article, 'id' | 'site' | 'publisher' | 'url' | 'path'>

/** Extension for `serve`: a row of the story list page, without reading the whole story. */
export interface StoryListRow extends StorySummary {
  sources: ArticleHead[]
  conflicts: number
}

export interface SearchResult {
  /** `snippet` as text; `highlights` (extension) where the query's words are in it (src/store/snippet.ts). */
  articles: ({ id: string; title: string | null } & Snippet)[]
  stories: { id: string; title: string }[]
}

/** Which unplaced articles to read: among some ids (a round of queued jobs), at most so many. */
export interface UnclusteredFilter {
  ids?: string[]
  limit?: number
}

/**
 * What one ingest changed in the stories of a store; written in one transaction. The changed stories come as a
 * stream, each finished (split test, report) only when the store is ready to write it: a batch's changed
 * stories may hold most of the store's articles, and holding all their members and reports at once made an
 * ingest's memory grow with the store (1.4 GiB into PostgreSQL for a 1 GB JSONL export).
 */
export interface ClusteringUpdate {
  /** Articles placed by this ingest, and their story before any split (a split's `moved` overrides it). */
  placed: { articleId: string; storyId: string }[]
  /** For each term, how many of the placed articles contain it (document frequencies grow by these). */
  termDocuments: Map<string, number>
  /** Stories merged into another: their members now belong to the one that took them. */
  merged: { from: string; into: string }[]
  /** Each story created or changed, finished one at a time; read once, inside the store's transaction. */
  stories: AsyncIterable<FinishedStory>
}

/** A story created or changed, after the split test and its reports. */
export interface FinishedStory {
  /** The story's parts (one, or two when it split): clustering state and report. */
  parts: { state: StoryState; report: StoryReport }[]
  /** Articles already placed that now belong to another story (the story split in two). */
  moved: { articleId: string; storyId: string }[]
  /** Its members as the story's analysis left them (story-level dates). */
  analyzedArticles: Article[]
}

/**
 * What a placement changed without the stories' reports (see `LaterReports`): a ClusteringUpdate whose stories
 * are their clustering states only.
 */
export interface PlacementUpdate {
  /** Articles placed, and their story after any split. */
  placed: ClusteringUpdate['placed']
  termDocuments: ClusteringUpdate['termDocuments']
  /** Stories created or changed, as the split test left them. */
  states: StoryState[]
  merged: ClusteringUpdate['merged']
  moved: FinishedStory['moved']
}

/** A story due for its report, taken by one worker (`mark`: which placement of the story it is due for). */
export interface ReportClaim {
  storyId: string
  mark: string
}

/** A claimed story's report as built (null: the story is gone), with its members as the report left them. */
export interface ClaimedReport {
  claim: ReportClaim
  report: StoryReport | null
  members: Article[]
}

/**
 * Extension for the workers (the PostgreSQL store): the one placer saves a placement without reports, each
 * story it changed is marked due, and any worker builds the due reports meanwhile, in parallel. A report
 * is a function of its story's state and members only (`reportPart`), so the stories end as one process's.
 */
export interface LaterReports {
  /** Saves a placement (as `saveClustering` does) and marks each story it changed due for its report. */
  savePlacement(update: PlacementUpdate): Promise<void>
  /**
   * Takes up to `limit` due stories, oldest mark first, for `leaseSeconds`: no other worker takes them
   * meanwhile, and a worker that died holding them leaves them to others once the lease ends.
   */
  claimReports(limit: number, leaseSeconds: number): Promise<ReportClaim[]>
  /**
   * Saves claimed stories' reports (null: the story is gone, merged into another) and their members as the
   * reports left them, in one transaction, each only if its story is still due under the claim's mark: a
   * placement that changed it since marked it anew, and a report built from an older state is dropped (false).
   */
  saveReports(reports: ClaimedReport[]): Promise<boolean[]>
  /** Stories due for a report, claimed or not. */
  reportsDue(): Promise<number>
}

/**
 * Storage of articles, stories, the similarity index and the online clustering state. Every method is async
 * so that a networked database (PostgreSQL) can implement the same interface without changing callers.
 */
export interface Store {
  /** Adds articles in one transaction; an article already stored (same id) is left as it is. */
  addArticles(articles: Article[]): Promise<{ added: string[]; existing: string[] }>
  /** The article as its latest analysis left it. */
  getArticle(id: string): Promise<Article | null>
  /** All articles as extracted, in id order. */
  listArticles(): Promise<Article[]>
  /** Articles as extracted (the input of analysis), by id; unknown ids are skipped. */
  getExtractedArticles(ids: string[]): Promise<Article[]>
  /**
   * Stored articles not yet in any story (just added, stored by an older version, or left by a failure), in id
   * order; only those among `ids` when given, and the first `limit` when given.
   */
  unclusteredArticles(filter?: UnclusteredFilter): Promise<Article[]>
  /** How many clustered articles contain each term, and how many articles are clustered. */
  termDocuments(terms: string[]): Promise<{ documents: number; frequencies: Map<string, number> }>
  /** Stories indexed under any of the terms; a term that indexes more than `maxPostings` stories is skipped. */
  storiesIndexedUnder(terms: string[], maxPostings: number): Promise<string[]>
  loadStoryStates(ids: string[]): Promise<StoryState[]>
  saveClustering(update: ClusteringUpdate): Promise<void>
  /** Forgets all stories and clustering state (articles stay): the next ingest clusters everything anew. */
  clearClustering(): Promise<void>
  listStories(): Promise<StorySummary[]>
  countStories(): Promise<number>
  getStory(id: string): Promise<StoryReport | null>
  /**
   * Extension for `serve` (optional: the server falls back on `listStories` and `getStory`): one page of the
   * story list, newest first, in the order of `listStories`.
   */
  listStoryRows?(offset: number, limit: number): Promise<StoryListRow[]>
  /** Extension for `serve` (optional: the server falls back on the story given in the link): an article's story. */
  storyOfArticle?(articleId: string): Promise<string | null>
  /**
   * Extension for `serve` (optional: without it the server keeps no rendered pages): a token that changes
   * whenever a write is committed to the store, by this process or by any other (an ingest running beside the
   * server). Two reads under the same token see the same stories and articles, so what was rendered from
   * them may be served again.
   */
  changeToken?(): Promise<string>
  /** Ids of stored articles that share an LSH bucket with the given band keys. */
  similarCandidates(bandKeys: string[]): Promise<string[]>
  search(query: string, limit?: number): Promise<SearchResult>
  /**
   * Runs `work` as the only writer of the store, across processes: another writer waits until it is done
   * (`onWait` is told once when this one has to wait). Updates that read and then write the clustering state
   * run inside it (`updateStore`).
   */
  asSoleWriter<T>(work: () => Promise<T>, onWait?: (message: string) => void): Promise<T>
  /** As `asSoleWriter`, but returns null at once, without running `work`, when another writer holds the store. */
  ifSoleWriter<T>(work: () => Promise<T>): Promise<T | null>
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

/** What a story list shows of a story beyond its columns, stored beside the report (a report is 256 KB on average). */
export interface StoryListFields {
  independentSources: number
  articleIds: string[]
  conflicts: number
  /** Present (true) only for a story dated by its pages alone; rows written before it lack it. */
  datedByPages?: true
}

/**
 * The list fields of a report, as stored in the `list_row` column of both stores. `analyzed` holds its members
 * as the story's analysis left them (a batch may hold other stories' members too: only the report's count).
 */
export function listFieldsOf(
  report: StoryReport,
  analyzed: Pick<Article, 'id' | 'published'>[],
): string {
  const members = new Set(report.articleIds)
  const byPages = datedByPages(
    report,
    analyzed.filter((article) => members.has(article.id)),
  )
  const fields: StoryListFields = {
    independentSources: report.independentSources,
    articleIds: report.articleIds,
    conflicts: report.conflicts?.length ?? 0,
    ...(byPages ? { datedByPages: true } : {}),
  }
  return JSON.stringify(fields)
}
