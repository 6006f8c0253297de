import { type AnalyzeOptions, dedupeById, reportStory } from './pipeline.js'
import { withAnnotations } from './nlp/annotate.js'
import {
  INDEX_TERMS,
  MAX_POSTINGS,
  OnlineClusterer,
  articleTerms,
  canonicalOrder,
  clusterOf,
  placeArticles,
  splitIfTwoEvents,
  termWeights,
} from './stories/cluster.js'
import { type TermVector, tfidfVector, topTerms } from './stories/vectors.js'
import type { ClusteringUpdate, Store, UnclusteredFilter } from './store/store.js'
import { contentId } from './text/hash.js'
import type { Article } from './types.js'

export interface StoreUpdateResult {
  added: string[]
  existing: string[]
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

/** The placement itself; the caller holds the store's writer lock. */
async function placeInStore(
  store: Store,
  articles: Article[],
  options: AnalyzeOptions,
  filter?: UnclusteredFilter,
): Promise<StoreUpdateResult> {
  const { added, existing } = await addArticles(store, articles, options.onProblem)
  // Rows stored before annotations existed are annotated as they are read.
  const pending = (await store.unclusteredArticles(filter))
    .map(withAnnotations)
    .sort(canonicalOrder)
  const result: StoreUpdateResult = { added, existing, placed: 0, changedStories: [], merged: [] }
  if (pending.length === 0) return result

  const terms = pending.map(articleTerms)
  const termDocuments = new Map<string, number>()
  for (const document of terms)
    for (const term of document.counts.keys())
      termDocuments.set(term, (termDocuments.get(term) ?? 0) + 1)
  const stored = await store.termDocuments([...termDocuments.keys()])
  const idf = termWeights(
    {
      documents: stored.documents + pending.length,
      frequency: (term) => (stored.frequencies.get(term) ?? 0) + (termDocuments.get(term) ?? 0),
    },
    options.cluster,
  )
  const vectors = terms.map((document) => tfidfVector(document, idf))

  const clusterer = new OnlineClusterer(options.cluster)
  const lookupTerms = vectors.flatMap((vector) => topTerms(vector, INDEX_TERMS))
  const candidates = await store.storiesIndexedUnder(lookupTerms, MAX_POSTINGS)
  clusterer.seed(await store.loadStoryStates(candidates))
  // The split test and a split's new centroids ask for members' vectors too: each is built once per ingest.
  const vectorCache = new Map(pending.map((article, position) => [article.id, vectors[position]]))
  const vectorOf = (article: Article): TermVector => {
    let vector = vectorCache.get(article.id)
    if (vector === undefined)
      vectorCache.set(article.id, (vector = tfidfVector(articleTerms(article), idf)))
    return vector
  }
  const placed = placeArticles(clusterer, pending, vectorOf)

  const merged = [...clusterer.mergedInto].map(([from, into]) => ({ from, into: finalStory(into) }))
  function finalStory(id: string): string {
    const next = clusterer.mergedInto.get(id)
    return next === undefined ? id : finalStory(next)
  }
  const update: ClusteringUpdate = {
    placed: placed.map((entry) => ({ ...entry, storyId: finalStory(entry.storyId) })),
    termDocuments,
    stories: [],
    merged,
    moved: [],
    analyzedArticles: [],
  }
  for (const id of clusterer.changed) {
    const state = clusterer.state(id)
    if (state === undefined) continue
    const extracted = (await store.getExtractedArticles(state.articleIds)).map(withAnnotations)
    const parts = splitIfTwoEvents(
      state,
      extracted,
      vectorOf,
      (taken) => clusterer.state(taken),
      options.cluster?.splitLimits,
    )
    for (const part of parts) {
      const { report, members } = reportStory(clusterOf(part.state), part.members, options)
      update.stories.push({ state: part.state, report })
      update.analyzedArticles.push(...members)
      if (part.state.id !== id)
        for (const articleId of part.state.articleIds)
          update.moved.push({ articleId, storyId: part.state.id })
    }
  }
  // An article placed in a story that then split belongs to the split-off story.
  const movedTo = new Map(update.moved.map((entry) => [entry.articleId, entry.storyId]))
  update.placed = update.placed.map((entry) => ({
    ...entry,
    storyId: movedTo.get(entry.articleId) ?? entry.storyId,
  }))
  await store.saveClustering(update)
  return {
    ...result,
    placed: placed.length,
    changedStories: update.stories.map((story) => story.state.id),
    merged,
  }
}
