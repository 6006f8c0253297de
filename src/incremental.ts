import { type AnalyzeOptions, dedupeById } from './pipeline.js'
import { finishedStory, placementUpdate, reportPart } from './analysis.js'
import { withAnnotations } from './nlp/annotate.js'
import { MAX_POSTINGS, type StoryState } from './stories/cluster.js'
import {
  changedStories,
  lookupTerms,
  pendingTerms,
  pendingWeights,
  type Placement,
  placePending,
  type StoryPart,
  storyParts,
} from './stories/placement.js'
import type { FinishedStory, LaterReports, Store, UnclusteredFilter } from './store/store.js'
import { contentId } from './text/hash.js'
import { type Analysis, type Article, SCHEMA_VERSION, type StoryReport } from './types.js'

export interface StoreUpdateResult {
  added: string[]
  existing: string[]
  /** The id each given article is stored under, in their order: `id~hash` when the store held its id with another text. */
  ids: string[]
  /** Articles placed in stories by this run (the added ones, and any the store held unplaced). */
  placed: number
  /** Stories created or changed by this run, and stories merged into another. */
  changedStories: string[]
  merged: { from: string; into: string }[]
}

export interface StoreUpdateOptions extends AnalyzeOptions {
  /** Forget the stored stories first and re-cluster every stored article in one pass. */
  rebuild?: boolean
  /** Told when another writer holds the store and this update waits for it. */
  onWait?: (message: string) => void
  /** Told when this update holds the store (after any wait): lets a worker time its wait. */
  onLocked?: () => void
}

/**
 * Adds articles to a store and places them in its stories online: only the stories they join (or found, or
 * merge) are re-analysed, so the cost of an ingest follows its own articles, not the size of the store, and
 * story ids stay as they were. Term weights come from the document frequencies of everything clustered so
 * far. A store whose clustering was cleared (or an empty one) clusters all its articles in one pass, exactly
 * as `analyzeArticles` would. The whole update runs as the store's only writer: a placement reads the
 * clustering state and writes what it computed from it, so two interleaved updates would corrupt it.
 */
export async function updateStore(
  store: Store,
  articles: Article[],
  options: StoreUpdateOptions = {},
): Promise<StoreUpdateResult> {
  return store.asSoleWriter(async () => {
    options.onLocked?.()
    if (options.rebuild === true) await store.clearClustering()
    return placeInStore(store, articles, options)
  }, options.onWait)
}

/**
 * Places the store's unplaced articles if no other writer holds the store now; null (nothing done) when one
 * does. Workers use it so that none waits for another: the running placer, or the next, places what they added.
 */
export async function placeIfFree(
  store: Store,
  options: AnalyzeOptions = {},
): Promise<StoreUpdateResult | null> {
  return store.ifSoleWriter(() => placeInStore(store, [], options))
}

/**
 * Places stored articles not yet in a story: those among `filter.ids` (a round of queued jobs), or the first
 * `filter.limit`. The caller is the store's sole writer (`asSoleWriter`, `ifSoleWriter`).
 */
export async function placeStoredArticles(
  store: Store,
  filter: UnclusteredFilter,
  options: AnalyzeOptions = {},
): Promise<StoreUpdateResult> {
  return placeInStore(store, [], options, filter)
}

/**
 * Adds articles to a store with one article per id, across ingests as within a batch (`dedupeById`): an
 * article whose id the store holds with another text is kept under an id of its own (`id~hash`) with a
 * warning, instead of being taken for the stored one. The add every ingest and worker runs.
 */
export async function addArticles(
  store: Store,
  articles: Article[],
  onProblem?: AnalyzeOptions['onProblem'],
): Promise<{ added: string[]; existing: string[]; ids: string[] }> {
  if (articles.length === 0) return { added: [], existing: [], ids: [] }
  const stored = await store.getExtractedArticles(articles.map((article) => article.id))
  const storedText = new Map(stored.map((article) => [article.id, article.text]))
  const kept = dedupeById(articles, onProblem, storedText)
  return { ...(await store.addArticles(kept)), ids: storedIds(articles, kept, storedText) }
}

/**
 * The id each given article is stored under, in their order: its own, unless the store or an earlier article
 * of the batch held that id with another text, in which case `dedupeById` gave it `id~hash` of its text.
 */
function storedIds(
  articles: Article[],
  kept: Article[],
  storedText: ReadonlyMap<string, string>,
): string[] {
  const textOf = new Map(storedText)
  for (const article of kept) if (!textOf.has(article.id)) textOf.set(article.id, article.text)
  return articles.map((article) =>
    textOf.get(article.id) === article.text
      ? article.id
      : `${article.id}~${contentId(article.text, 8)}`,
  )
}

/**
 * The placement itself (the stages of src/stories/placement.ts and src/analysis.ts, as `analyzeArticles` runs
 * them, with the state read from the store); the caller holds the store's writer lock. Each changed story is
 * read, split and reported as the store writes it, so that memory holds one story's members at a time.
 */
async function placeInStore(
  store: Store,
  articles: Article[],
  options: AnalyzeOptions,
  filter?: UnclusteredFilter,
): Promise<StoreUpdateResult> {
  const { added, existing, ids } = await addArticles(store, articles, options.onProblem)
  const result: StoreUpdateResult = {
    added,
    existing,
    ids,
    placed: 0,
    changedStories: [],
    merged: [],
  }
  const placement = await placeStored(store, options, filter)
  if (placement === null) return result
  const changed: string[] = []
  const total = changedStories(placement).length
  let done = 0
  async function* finished(placed: Placement): AsyncGenerator<FinishedStory> {
    for await (const { storyId, parts } of splitChanged(store, placed, options)) {
      const reported = parts.map((part) => reportPart(part, options))
      changed.push(...reported.map((part) => part.state.id))
      options.onStory?.(++done, total)
      yield finishedStory(storyId, reported)
    }
  }
  const { placed, termDocuments, merged } = placement
  await store.saveClustering({ placed, termDocuments, merged, stories: finished(placement) })
  return { ...result, placed: placed.length, changedStories: changed, merged }
}

/**
 * Places stored articles as `placeStoredArticles` does, but saves the clustering without the stories'
 * reports: each story it changed is marked due, for any worker to report (`reportDueStories`). The workers'
 * placer, so that the one serial step holds no report building. The caller holds the store's writer lock.
 */
export async function placeStoredArticlesReportingLater(
  store: Store & LaterReports,
  filter: UnclusteredFilter,
  options: AnalyzeOptions = {},
): Promise<{ placed: number }> {
  const placement = await placeStored(store, options, filter)
  if (placement === null) return { placed: 0 }
  // States only: a story's members are dropped once its split test is done.
  const stories: { storyId: string; parts: { state: StoryState }[] }[] = []
  for await (const { storyId, parts } of splitChanged(store, placement, options))
    stories.push({ storyId, parts: parts.map((part) => ({ state: part.state })) })
  await store.savePlacement(placementUpdate(placement, stories))
  return { placed: placement.placed.length }
}

/**
 * Builds the reports of up to `limit` stories due for one (claimed for `leaseSeconds`), from each story's
 * stored state and members, as `placeInStore` builds them after its split test. Needs no lock: a report saved
 * is the one of the story's state under the claim's mark (see `LaterReports.saveReports`). Returns how many
 * stories it claimed.
 */
export async function reportDueStories(
  store: Store & LaterReports,
  limit: number,
  options: AnalyzeOptions = {},
  leaseSeconds = REPORT_LEASE_SECONDS,
): Promise<number> {
  const claims = await store.claimReports(limit, leaseSeconds)
  if (claims.length === 0) return 0
  // One read of the states, one of all their members, one transaction for all the reports: the database's
  // work per report is then its rows, not its round trips and commit.
  const states = new Map(
    (await store.loadStoryStates(claims.map((claim) => claim.storyId))).map((state) => [
      state.id,
      state,
    ]),
  )
  const stored = await store.getExtractedArticles(
    [...states.values()].flatMap((state) => state.articleIds),
  )
  const reports = claims.map((claim) => {
    const state = states.get(claim.storyId)
    if (state === undefined) return { claim, report: null, members: [] }
    // The members in the store's order, as a read of this story's members alone gives them.
    const ids = new Set(state.articleIds)
    const members = stored.filter((article) => ids.has(article.id)).map(withAnnotations)
    const reported = reportPart({ state, members }, options)
    return { claim, report: reported.report, members: reported.members }
  })
  await store.saveReports(reports)
  return claims.length
}

/** How long a claim on a story's report lasts: a report takes seconds even for a large story. */
const REPORT_LEASE_SECONDS = 300

/**
 * Stages 1–2: the pending articles (all unplaced ones, or those of `filter`) placed among the stored stories;
 * null when nothing is pending.
 */
async function placeStored(
  store: Store,
  options: AnalyzeOptions,
  filter?: UnclusteredFilter,
): Promise<Placement | null> {
  // Rows stored before annotations existed are annotated as they are read.
  const pending = pendingTerms((await store.unclusteredArticles(filter)).map(withAnnotations))
  if (pending.articles.length === 0) return null
  const prior = await store.termDocuments([...pending.termDocuments.keys()])
  const idf = pendingWeights(pending, prior, options.cluster)
  const candidates = await store.storiesIndexedUnder(lookupTerms(pending, idf), MAX_POSTINGS)
  return placePending(pending, idf, await store.loadStoryStates(candidates), options.cluster)
}

/**
 * Stage 3 without reports, one story at a time: each story the placement changed, its stored members read
 * back, and its parts after the split test. A batch's changed stories may hold most of the store's articles;
 * read one story at a time, memory holds the largest story, not all of them.
 */
async function* splitChanged(
  store: Store,
  placement: Placement,
  options: AnalyzeOptions,
): AsyncGenerator<{ storyId: string; parts: StoryPart[] }> {
  for (const state of changedStories(placement)) {
    const members = (await store.getExtractedArticles(state.articleIds)).map(withAnnotations)
    yield { storyId: state.id, parts: storyParts(placement, state, members, options.cluster) }
  }
}

/**
 * The stories that hold the given articles as a store reports them, with every member as its story's analysis
 * left it: what `analyze --db` prints after placing its batch through `updateStore` (the batch is analysed
 * once, in the store). A store that held nothing before gives the report `analyzeArticles` gives; a store that
 * did reports the stored stories the batch joined, under their stored ids. Articles come in the order of
 * `articleIds`, then the other members of their stories.
 */
export async function storedAnalysis(store: Store, articleIds: string[]): Promise<Analysis> {
  const wanted = new Set(articleIds)
  const storyIds = new Set<string>()
  if (store.storyOfArticle !== undefined) {
    for (const id of wanted) {
      const storyId = await store.storyOfArticle(id)
      if (storyId !== null) storyIds.add(storyId)
    }
  } else
    for (const story of await store.listStories())
      if (story.articleIds.some((id) => wanted.has(id))) storyIds.add(story.id)
  const stories: StoryReport[] = []
  for (const id of storyIds) {
    const report = await store.getStory(id)
    if (report !== null) stories.push(report)
  }
  stories.sort((x, y) => y.articleIds.length - x.articleIds.length || (x.id < y.id ? -1 : 1))
  const order = [...new Set([...articleIds, ...stories.flatMap((story) => story.articleIds)])]
  const articles: Article[] = []
  for (const id of order) {
    const article = await store.getArticle(id)
    if (article !== null) articles.push(article)
  }
  return { schemaVersion: SCHEMA_VERSION, articles, stories }
}
