import {
  type ClusterOptions,
  INDEX_TERMS,
  OnlineClusterer,
  type StoryCluster,
  type StoryState,
  articleTerms,
  canonicalOrder,
  clusterOf,
  placeArticles,
  splitIfTwoEvents,
  termWeights,
} from './cluster.js'
import { type DocumentTerms, type TermVector, tfidfVector, topTerms } from './vectors.js'
import type { Article } from '../types.js'

/**
 * The one path from articles to stories. `analyze` (state in memory: nothing clustered before), `ingest`,
 * `ingest --rebuild`, `analyze --db` and the workers (state in a store) run the same stages in the same order:
 *
 * 1. `pendingTerms`: the articles to place in canonical order, their terms and document frequencies;
 * 2. `placePending`: term weights from what was clustered before plus these articles, each article placed
 *    (joins, founds or bridges stories seeded from before), lone stories absorbed;
 * 3. `finishStory` (src/analysis.ts), for each story the placement changed (`changedStories`): the split
 *    test over all its members (`storyParts`), and the report of each part;
 * 4. `finishedStory` (src/analysis.ts): each changed story as a store saves it; a batch reads its stories from
 *    the same parts. `clusterStories` is stages 1-3 without reports (the eval and the scale bench).
 *
 * A store supplies what these stages read between them (stored document frequencies, stories indexed under
 * the pending articles' terms, stored members of a changed story); a batch supplies nothing, so a store that
 * holds no stories places its articles exactly as `analyze` does.
 */
export interface PendingTerms {
  /** The articles to place, in canonical order (results do not depend on input order). */
  articles: Article[]
  terms: DocumentTerms[]
  /** For each term, how many of the articles contain it. */
  termDocuments: Map<string, number>
}

/** Document frequencies of what was clustered before this placement (none for a batch). */
export interface PriorFrequencies {
  documents: number
  frequencies: ReadonlyMap<string, number>
}

export const NOTHING_BEFORE: PriorFrequencies = { documents: 0, frequencies: new Map() }

export interface Placement {
  clusterer: OnlineClusterer
  /** An article's vector under this placement's term weights (rebuilt on demand: holding all costs GBs at 100k). */
  vectorOf: (article: Article) => TermVector
  /** Each placed article and its story after merges (before any split). */
  placed: { articleId: string; storyId: string }[]
  merged: { from: string; into: string }[]
  termDocuments: Map<string, number>
}

/** A story as its placement left it: one part, or two when the split test parted two events. */
export interface StoryPart {
  state: StoryState
  members: Article[]
}

export function pendingTerms(articles: Article[]): PendingTerms {
  const ordered = [...articles].sort(canonicalOrder)
  const terms = ordered.map(articleTerms)
  const termDocuments = new Map<string, number>()
  for (const document of terms)
    for (const term of document.counts.keys())
      termDocuments.set(term, (termDocuments.get(term) ?? 0) + 1)
  return { articles: ordered, terms, termDocuments }
}

/**
 * Term weights from the prior frequencies and the pending articles' own, each term's weighed once per placement:
 * every article vector the placement and the split test build (`vectorOf`, again for each story tested) asks
 * for the weights of its terms, and the counts they come from do not change during a placement.
 */
export function pendingWeights(
  pending: PendingTerms,
  prior: PriorFrequencies,
  options: Partial<ClusterOptions> = {},
): (term: string) => number {
  const weight = termWeights(
    {
      documents: prior.documents + pending.articles.length,
      frequency: (term) =>
        (prior.frequencies.get(term) ?? 0) + (pending.termDocuments.get(term) ?? 0),
    },
    options,
  )
  const weighed = new Map<string, number>()
  return (term) => {
    let found = weighed.get(term)
    if (found === undefined) weighed.set(term, (found = weight(term)))
    return found
  }
}

/** The terms under which stories placed before are looked up for these articles (a store's seeds). */
export function lookupTerms(pending: PendingTerms, idf: (term: string) => number): string[] {
  return [
    ...new Set(pending.terms.flatMap((terms) => topTerms(tfidfVector(terms, idf), INDEX_TERMS))),
  ]
}

/** Places the pending articles among the seeded stories (none for a batch). */
export function placePending(
  pending: PendingTerms,
  idf: (term: string) => number,
  seeds: StoryState[],
  options: Partial<ClusterOptions> = {},
): Placement {
  const clusterer = new OnlineClusterer(options)
  clusterer.seed(seeds)
  const termsById = new Map(pending.terms.map((document) => [document.id, document]))
  // Stored members of a changed story (read back for the split test) have no pending terms.
  const vectorOf = (article: Article): TermVector =>
    tfidfVector(termsById.get(article.id) ?? articleTerms(article), idf)
  const placed = placeArticles(clusterer, pending.articles, vectorOf)
  const finalStory = (id: string): string => {
    const next = clusterer.mergedInto.get(id)
    return next === undefined ? id : finalStory(next)
  }
  return {
    clusterer,
    vectorOf,
    placed: placed.map((entry) => ({ ...entry, storyId: finalStory(entry.storyId) })),
    merged: [...clusterer.mergedInto].map(([from, into]) => ({ from, into: finalStory(into) })),
    termDocuments: pending.termDocuments,
  }
}

/** The stories the placement created or changed, in id order. */
export function changedStories(placement: Placement): StoryState[] {
  return [...placement.clusterer.changed]
    .sort()
    .map((id) => placement.clusterer.state(id))
    .filter((state): state is StoryState => state !== undefined)
}

/** A changed story after the split test, given all its members (`members` in the story's order). */
export function storyParts(
  placement: Placement,
  state: StoryState,
  members: Article[],
  options: Partial<ClusterOptions> = {},
): StoryPart[] {
  return splitIfTwoEvents(
    state,
    members,
    placement.vectorOf,
    (id) => placement.clusterer.state(id),
    options.splitLimits,
  )
}

/** Stages 1-2 for a batch in memory (nothing clustered before). */
export function placeInMemory(
  articles: Article[],
  options: Partial<ClusterOptions> = {},
): Placement & { pending: PendingTerms } {
  const pending = pendingTerms(articles)
  const idf = pendingWeights(pending, NOTHING_BEFORE, options)
  return { ...placePending(pending, idf, [], options), pending }
}

/** A batch's members of a story, from the batch itself. */
export function membersInMemory(pending: PendingTerms): (state: StoryState) => Article[] {
  const byId = new Map(pending.articles.map((article) => [article.id, article]))
  return (state) => state.articleIds.map((id) => byId.get(id) as Article)
}

/**
 * Batch entry: articles are taken one at a time in a canonical order (so the result does not depend on
 * input order), with term weights from the batch and the reference table. Clustering only: `analyzeArticles`
 * runs the same stages and reports each story (stages 3-4).
 */
export function clusterStories(
  articles: Article[],
  options: Partial<ClusterOptions> = {},
): StoryCluster[] {
  const { stories, placement } = placeBatch(articles, options)
  return stories
    .flatMap(({ state, members }) => storyParts(placement, state, members, options))
    .map((part) => clusterOf(part.state))
    .sort((x, y) => y.articleIds.length - x.articleIds.length || (x.id < y.id ? -1 : 1))
}

/**
 * A batch's stories after the online pass, before the split test (clusterStories without its last step), with
 * the vectors the split test reads.
 */
export function placeBatch(
  articles: Article[],
  options: Partial<ClusterOptions> = {},
): { stories: StoryPart[]; vectorOf: (article: Article) => TermVector; placement: Placement } {
  const placement = placeInMemory(articles, options)
  const members = membersInMemory(placement.pending)
  const stories = changedStories(placement).map((state) => ({ state, members: members(state) }))
  return { stories, vectorOf: placement.vectorOf, placement }
}
