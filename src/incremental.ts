import { buildStoryReport } from './corroborate/report.js'
import { resolveStoryEntities, withStoryEntityIds } from './corroborate/story-entities.js'
import { withAnnotations } from './nlp/annotate.js'
import { pinStoryDates } from './corroborate/story-dates.js'
import type { AnalyzeOptions } from './pipeline.js'
import { findReuseLinks } from './reuse/links.js'
import {
  INDEX_TERMS,
  MAX_POSTINGS,
  OnlineClusterer,
  type StoryState,
  articleTerms,
  canonicalOrder,
  clusterOf,
  stateFromMembers,
} from './stories/cluster.js'
import { divideStory } from './stories/split.js'
import { type TermVector, smoothedIdf, tfidfVector, topTerms } from './stories/vectors.js'
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
 * A changed story whose articles have become two events (divideStory) as two stories, their centroids rebuilt
 * from the members with the current term weights; else the story as it is.
 */
function splitIfTwoEvents(
  state: StoryState,
  members: Article[],
  vectorOf: (article: Article) => TermVector,
  existing: (id: string) => StoryState | undefined,
): { state: StoryState; members: Article[] }[] {
  const parts = divideStory(state, members, (id) => existing(id) !== undefined, vectorOf)
  if (parts === null) return [{ state, members }]
  return parts.map((part) => ({
    state: stateFromMembers(
      part.id,
      part.articles.map((article) => ({ article, vector: vectorOf(article) })),
      part.membership,
    ),
    members: part.articles,
  }))
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
  // Rows stored before annotations existed are annotated as they are read.
  const pending = (await store.unclusteredArticles()).map(withAnnotations).sort(canonicalOrder)
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
    storyId: clusterer.add(article, vectors[position] as TermVector),
  }))
  clusterer.absorbLoneStories()

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
  // The split test and a split's new centroids both ask for members' vectors: each is built once per ingest.
  const vectorCache = new Map(pending.map((article, position) => [article.id, vectors[position]]))
  const vectorOf = (article: Article): TermVector => {
    let vector = vectorCache.get(article.id)
    if (vector === undefined)
      vectorCache.set(article.id, (vector = tfidfVector(articleTerms(article), idf)))
    return vector
  }
  for (const id of clusterer.changed) {
    const state = clusterer.state(id)
    if (state === undefined) continue
    const extracted = (await store.getExtractedArticles(state.articleIds)).map(withAnnotations)
    const parts = splitIfTwoEvents(state, extracted, vectorOf, (taken) => clusterer.state(taken))
    for (const part of parts) {
      const entities = resolveStoryEntities(part.members)
      const members = pinStoryDates(part.members).map((member) =>
        withStoryEntityIds(member, entities),
      )
      const links = findReuseLinks(members, options.reuse)
      update.stories.push({
        state: part.state,
        report: buildStoryReport(clusterOf(part.state), members, links, entities),
      })
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
