import { buildStoryReport } from './corroborate/report.js'
import { pinStoryDates } from './corroborate/story-dates.js'
import type { AnalyzeOptions } from './pipeline.js'
import { findReuseLinks } from './reuse/links.js'
import {
  INDEX_TERMS,
  MAX_POSTINGS,
  OnlineClusterer,
  articleTerms,
  canonicalOrder,
  clusterOf,
} from './stories/cluster.js'
import { smoothedIdf, tfidfVector, topTerms } from './stories/vectors.js'
import type { ClusteringUpdate, Store } from './store/store.js'
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

/**
 * Adds articles to a store and places them in its stories online: only the stories they join (or found, or
 * merge) are re-analysed, so the cost of an ingest follows its own articles, not the size of the store, and
 * story ids stay as they were. Term weights come from the document frequencies of everything clustered so
 * far. A store whose clustering was cleared (or an empty one) clusters all its articles in one pass, exactly
 * as `analyzeArticles` would.
 */
export async function updateStore(
  store: Store,
  articles: Article[],
  options: AnalyzeOptions = {},
): Promise<StoreUpdateResult> {
  const { added, existing } = await store.addArticles(articles)
  const pending = (await store.unclusteredArticles()).sort(canonicalOrder)
  const result: StoreUpdateResult = { added, existing, placed: 0, changedStories: [], merged: [] }
  if (pending.length === 0) return result

  const terms = pending.map(articleTerms)
  const termDocuments = new Map<string, number>()
  for (const document of terms)
    for (const term of document.counts.keys())
      termDocuments.set(term, (termDocuments.get(term) ?? 0) + 1)
  const stored = await store.termDocuments([...termDocuments.keys()])
  const idf = smoothedIdf(
    stored.documents + pending.length,
    (term) => (stored.frequencies.get(term) ?? 0) + (termDocuments.get(term) ?? 0),
  )
  const vectors = terms.map((document) => tfidfVector(document, idf))

  const clusterer = new OnlineClusterer(options.cluster)
  const lookupTerms = vectors.flatMap((vector) => topTerms(vector, INDEX_TERMS))
  const candidates = await store.storiesIndexedUnder(lookupTerms, MAX_POSTINGS)
  clusterer.seed(await store.loadStoryStates(candidates))
  const placed = pending.map((article, position) => ({
    articleId: article.id,
    storyId: clusterer.add(article, vectors[position] as ReturnType<typeof tfidfVector>),
  }))

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
    analyzedArticles: [],
  }
  for (const id of clusterer.changed) {
    const state = clusterer.state(id)
    if (state === undefined) continue
    const members = pinStoryDates(await store.getExtractedArticles(state.articleIds))
    update.stories.push({
      state,
      report: buildStoryReport(clusterOf(state), members, findReuseLinks(members, options.reuse)),
    })
    update.analyzedArticles.push(...members)
  }
  await store.saveClustering(update)
  return {
    ...result,
    placed: placed.length,
    changedStories: update.stories.map((story) => story.state.id),
    merged,
  }
}
