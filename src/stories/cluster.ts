import { contentId } from '../text/hash.js'
import { DEFAULT_STORY_THRESHOLD } from './threshold.js'
import { DEFAULT_SPLIT_LIMITS, type SplitLimits, divideStory } from './split.js'
import type { Article, Evidence } from '../types.js'
import {
  type ReferenceTable,
  type TermStatistics,
  blendedIdf,
  shippedReference,
} from './reference.js'
import { type DocumentTerms, type TermVector, cosine, documentTerms, topTerms } from './vectors.js'

export interface ClusterOptions {
  /** Cosine similarity to a story's centroid from which an article joins it (default: tuned in eval/). */
  threshold: number
  /** Days apart beyond which dated articles are less likely one story (default: 7). */
  timeWindowDays: number
  /**
   * Documents' worth of weight the reference document frequencies carry beside the batch's or store's own
   * (default: tuned in eval/; 0 = the batch's own only).
   */
  referencePrior: number
  /** The reference document frequencies (default: the table shipped in models/). */
  reference?: ReferenceTable | null
  /**
   * Weight of a term held by one document of the batch or store only (default: tuned in eval/): it can only
   * lengthen its article's vector, never be shared, so an article with many words of its own (a long one, a
   * reworded one) scores low against everything.
   */
  hapaxWeight: number
  /** What a cut of a story must show to part two events (default: DEFAULT_SPLIT_LIMITS). */
  splitLimits: SplitLimits
}

// Chosen by leave-topics-out cross-validation on the CLI input path (eval/clustering-cv.ts; 2-fold over ECB+
// topics, threshold tuned on the training folds). ECB+ CV B3-F1 / ECB+ events analysed alone as one story:
// batch weights only 0.917 / 12 of 66; reference prior 100, 300, 1,000 documents (hapax 0.5) 0.907 / 0.932 /
// 0.918; hapax weight 1, 0.7, 0.5, 0.35, 0 (prior 300) 0.927 / 0.932 / 0.932 / 0.897 / 0.916, alone 59 / 61
// / 63 / 64 / 63 of 66; a 30-day time window 0.921. BASIL CV 0.984-0.986 for all of them, 70 of 70 alone
// with any prior (58 of 70 without). Streamed into a store in ingests of 10, ECB+ 0.883 with batch weights,
// 0.876 / 0.885 / 0.865 at hapax 1 / 0.7 / 0.5 (an article's words are all new to a young store): 0.7 keeps
// the CV gain without that loss.
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  threshold: DEFAULT_STORY_THRESHOLD,
  timeWindowDays: 7,
  referencePrior: 300,
  hapaxWeight: 0.7,
  splitLimits: DEFAULT_SPLIT_LIMITS,
}
/** Heaviest terms of each article, under which its story is indexed and by which stories are looked up. */
export const INDEX_TERMS = 15
/** A term shared by more stories than this says little about any of them: it is not used for lookups. */
export const MAX_POSTINGS = 400
/**
 * Terms a story's centroid keeps (pruned when it holds twice as many). Calibrated on the scale bench (100k:
 * B3 0.833 → 0.888) with ECB+ and BASIL: ECB+ is flat from 150 to 1,000 terms; BASIL, 70 stories of three, moves
 * a lot with it (0.969 at 100 terms, 0.993 at 200, 0.986 at 300 and above; before lone stories were absorbed,
 * 0.952 / 0.990 / 0.979).
 */
export const CENTROID_TERMS = 200
/**
 * Stories this small at the end of a pass may join a larger story (absorbLoneStories), from this fraction of
 * the threshold. ECB+ dev B3-F1 0.919 → 0.945 (streamed into a store 0.938 → 0.947), BASIL 0.990 → 0.993; the
 * scores are flat for factors 0.7-0.85 and for sizes 1-3.
 */
export const LONE_STORY_SIZE = 2
export const ABSORB_FACTOR = 0.8

export interface StoryCluster {
  id: string
  articleIds: string[]
  membership: { articleId: string; evidence: Evidence[] }[]
}

/** A story as the online clusterer keeps it between articles (and a store keeps it between runs). */
export interface StoryState {
  id: string
  articleIds: string[]
  /** Sum of the members' vectors, and its squared norm kept up to date (no per-comparison normalising). */
  centroid: TermVector
  squaredNorm: number
  indexedTerms: Set<string>
  /** Earliest and latest day of its dated members, as epoch days. */
  firstDay: number | null
  lastDay: number | null
  membership: { articleId: string; evidence: Evidence[] }[]
}

/**
 * One pass of placement, the same for a batch and a store's ingest: each article (in canonical order) joins or
 * founds a story, then lone stories are absorbed. Returns the story each article was placed in (before any
 * later merge: see OnlineClusterer.mergedInto).
 */
export function placeArticles(
  clusterer: OnlineClusterer,
  articles: Article[],
  vectorOf: (article: Article) => TermVector,
): { articleId: string; storyId: string }[] {
  const placed = articles.map((article) => ({
    articleId: article.id,
    storyId: clusterer.add(article, vectorOf(article)),
  }))
  clusterer.absorbLoneStories()
  return placed
}

/**
 * A changed story whose articles have become two events (divideStory) as two stories, their centroids rebuilt
 * from the members with the current term weights; else the story as it is. `existing` says whether an id is
 * already another story's.
 */
export function splitIfTwoEvents(
  state: StoryState,
  members: Article[],
  vectorOf: (article: Article) => TermVector,
  existing: (id: string) => StoryState | undefined,
  limits: SplitLimits = DEFAULT_SPLIT_LIMITS,
): { state: StoryState; members: Article[] }[] {
  const parts = divideStory(state, members, (id) => existing(id) !== undefined, vectorOf, limits)
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

/** A story state built from its members and their vectors (after a split). */
export function stateFromMembers(
  id: string,
  members: { article: Article; vector: TermVector }[],
  membership: StoryState['membership'],
): StoryState {
  const story = newStory(id)
  for (const { article, vector } of members) {
    story.articleIds.push(article.id)
    if (article.published !== null) widenDays(story, epochDay(article.published))
    addVector(story, vector)
    for (const term of topTerms(vector, INDEX_TERMS)) story.indexedTerms.add(term)
  }
  story.membership = membership
  return story
}

/**
 * The IDF of the terms, from the batch's or store's own frequencies blended with the reference table (see
 * blendedIdf).
 */
export function termWeights(
  own: TermStatistics,
  options: Partial<ClusterOptions> = {},
): (term: string) => number {
  const prior = options.referencePrior ?? DEFAULT_CLUSTER_OPTIONS.referencePrior
  const hapax = options.hapaxWeight ?? DEFAULT_CLUSTER_OPTIONS.hapaxWeight
  const reference = prior > 0 ? (options.reference ?? shippedReference()) : null
  const idf = blendedIdf(own, reference, prior)
  return hapax === 1 ? idf : (term) => idf(term) * (own.frequency(term) <= 1 ? hapax : 1)
}

export function articleTerms(article: Article): DocumentTerms {
  return documentTerms(article.id, article.title, storyText(article), article.language)
}

/**
 * The text an article is placed by: its body, or, when extraction found no body (a page of short lines), the
 * lines it set aside for that reason: they are still what the page says (ECB+ through the CLI: 8 of 66
 * events analysed alone held such a page, each of them left a story of its own).
 */
function storyText(article: Article): string {
  if (article.text !== '') return article.text
  return article.removed
    .filter((block) => block.kind === 'no-body')
    .map((block) => block.text)
    .join('\n')
}

/**
 * Online clustering: each article joins the most similar story found through a term index, or starts one.
 * An article close to two stories whose centroids are close to each other too bridges them: they merge, and
 * the merge is logged in the membership evidence. Cost per article depends on the article and its candidate
 * stories, not on the number of stories. A clusterer can start from stored stories (`seed`) and report which
 * stories its articles changed, so a store is updated without re-clustering what it holds.
 */
export class OnlineClusterer {
  private readonly settings: ClusterOptions
  private readonly stories = new Map<string, StoryState>()
  private readonly index = new Map<string, Set<string>>()
  private readonly retirement: Retirement
  /** Stories created or changed since construction (seeding does not count). */
  readonly changed = new Set<string>()
  /** Stories merged into another since construction: id → the story that took them. */
  readonly mergedInto = new Map<string, string>()

  constructor(options: Partial<ClusterOptions> = {}) {
    this.settings = { ...DEFAULT_CLUSTER_OPTIONS, ...options }
    this.retirement = new Retirement(this.settings)
  }

  /** Adds stories as they were left by an earlier run (candidates of the articles to come). */
  seed(states: StoryState[]): void {
    for (const state of states) {
      if (this.stories.has(state.id)) continue
      this.stories.set(state.id, state)
      for (const term of state.indexedTerms) indexUnder(state, term, this.index)
      this.retirement.track(state)
    }
  }

  /** Places one article (articles should come in canonical order); returns the id of its story. */
  add(article: Article, vector: TermVector): string {
    const { settings, stories, index, retirement } = this
    const lookupTerms = topTerms(vector, INDEX_TERMS)
    if (article.published !== null)
      retirement.retireBefore(epochDay(article.published), stories, index)
    const candidates = candidateStories(lookupTerms, index)
    // Undated articles come last in the canonical order: they may belong to any story, retired or not.
    if (article.published === null)
      for (const id of candidateStories(lookupTerms, retirement.archive)) candidates.add(id)
    const scored = [...candidates]
      .map((storyId) => stories.get(storyId))
      .filter((story): story is StoryState => story !== undefined) // the archive may name merged stories
      .map((story) => ({
        story,
        score: similarityToStory(vector, story) * timeFactor(article, story, settings),
      }))
      .filter(({ score }) => score >= settings.threshold)
      .sort((x, y) => y.score - x.score || (x.story.id < y.story.id ? -1 : 1))
    const best = scored[0]
    if (best === undefined) {
      // Ids come from content; callers dedupe articles by id, but a repeated id must not alias two stories.
      const base = `story-${contentId(article.id, 12)}`
      let id = base
      for (let n = 2; stories.has(id); n++) id = `${base}-${n}`
      const story = newStory(id)
      stories.set(story.id, story)
      addToStory(
        story,
        article,
        vector,
        lookupTerms,
        [{ kind: 'founded', text: 'first article of the story' }],
        index,
      )
      retirement.track(story)
      this.changed.add(story.id)
      return story.id
    }
    const evidence: Evidence[] = [
      { kind: 'similarity', text: best.score.toFixed(3) },
      { kind: 'shared-terms', text: sharedTerms(vector, best.story.centroid).join(', ') },
    ]
    addToStory(best.story, article, vector, lookupTerms, evidence, index)
    this.changed.add(best.story.id)
    for (const other of scored.slice(1)) {
      if (storySimilarity(best.story, other.story) >= settings.threshold) {
        const note: Evidence = {
          kind: 'merged',
          text: `story ${other.story.id} merged into ${best.story.id}, bridged by article ${article.id}`,
        }
        mergeInto(best.story, other.story, note, stories, index)
        this.changed.delete(other.story.id)
        this.mergedInto.set(other.story.id, best.story.id)
      }
    }
    retirement.track(best.story)
    return best.story.id
  }

  /**
   * Stories of at most LONE_STORY_SIZE articles join the story they are now closest to, if it is larger, formed
   * no earlier than they did, and is similar enough. An article that arrives before its story has formed
   * founds a story of its own, and the story that forms later around other articles does not come back for
   * it. Called at the end of a pass (a batch, an ingest). The bar is lower than for an article
   * (ABSORB_FACTOR): a larger story's centroid averages its members, so any one article is less similar to it
   * than to the members themselves. A story that was already there when the article came had its chance at
   * the full threshold (without this rule, ingests of one article at a time took BASIL from 0.986 to 0.978).
   */
  absorbLoneStories(): void {
    const { stories, index, retirement, settings } = this
    const bar = settings.threshold * ABSORB_FACTOR
    const lone = [...stories.values()]
      .filter((story) => story.articleIds.length <= LONE_STORY_SIZE)
      .sort((x, y) => (x.id < y.id ? -1 : 1))
    for (const story of lone) {
      const terms = [...story.indexedTerms]
      const candidates = candidateStories(terms, index)
      for (const id of candidateStories(terms, retirement.archive)) candidates.add(id)
      const best = [...candidates]
        .map((id) => stories.get(id))
        .filter(
          (other): other is StoryState =>
            other !== undefined &&
            other.articleIds.length > story.articleIds.length &&
            formedLater(other, story),
        )
        .map((other) => ({ other, time: storiesTimeFactor(story, other, settings) }))
        // The archive holds every retired story: most are too far in time to be compared at all.
        .filter(({ time }) => time >= bar)
        .map(({ other, time }) => ({ other, score: storySimilarity(story, other) * time }))
        .sort((x, y) => y.score - x.score || (x.other.id < y.other.id ? -1 : 1))[0]
      if (best === undefined || best.score < bar) continue
      const note: Evidence = {
        kind: 'merged',
        text: `story ${story.id} (${story.articleIds.length} article${story.articleIds.length === 1 ? '' : 's'}) joined ${best.other.id}, similarity ${best.score.toFixed(3)}, once that story had formed`,
      }
      mergeInto(best.other, story, note, stories, index)
      this.changed.delete(story.id)
      this.changed.add(best.other.id)
      this.mergedInto.set(story.id, best.other.id)
      retirement.track(best.other)
    }
  }

  /** The current state of a story (undefined once merged away). */
  state(id: string): StoryState | undefined {
    return this.stories.get(id)
  }

  /** All stories, the largest first. */
  clusters(): StoryCluster[] {
    return [...this.stories.values()]
      .map(clusterOf)
      .sort((x, y) => y.articleIds.length - x.articleIds.length || (x.id < y.id ? -1 : 1))
  }
}

export function clusterOf(story: StoryState): StoryCluster {
  return { id: story.id, articleIds: [...story.articleIds].sort(), membership: story.membership }
}

export { canonicalOrder } from './order.js'

function newStory(id: string): StoryState {
  return {
    id,
    articleIds: [],
    centroid: new Map(),
    squaredNorm: 0,
    indexedTerms: new Set(),
    firstDay: null,
    lastDay: null,
    membership: [],
  }
}

function candidateStories(lookupTerms: string[], index: Map<string, Set<string>>): Set<string> {
  const found = new Set<string>()
  for (const term of lookupTerms) {
    const postings = index.get(term)
    if (postings !== undefined && postings.size <= MAX_POSTINGS)
      for (const storyId of postings) found.add(storyId)
  }
  return found
}

function similarityToStory(vector: TermVector, story: StoryState): number {
  return story.squaredNorm === 0 ? 0 : cosine(vector, story.centroid) / Math.sqrt(story.squaredNorm)
}

function storySimilarity(a: StoryState, b: StoryState): number {
  const norms = Math.sqrt(a.squaredNorm * b.squaredNorm)
  return norms === 0 ? 0 : cosine(a.centroid, b.centroid) / norms
}

function addToStory(
  story: StoryState,
  article: Article,
  vector: TermVector,
  lookupTerms: string[],
  evidence: Evidence[],
  index: Map<string, Set<string>>,
): void {
  story.articleIds.push(article.id)
  story.membership.push({ articleId: article.id, evidence })
  if (article.published !== null) widenDays(story, epochDay(article.published))
  addVector(story, vector)
  for (const term of lookupTerms) indexUnder(story, term, index)
}

function addVector(story: StoryState, vector: TermVector): void {
  for (const [term, weight] of vector) {
    const old = story.centroid.get(term) ?? 0
    const updated = old + weight
    story.centroid.set(term, updated)
    story.squaredNorm += updated * updated - old * old
  }
  if (story.centroid.size > 2 * CENTROID_TERMS) truncateCentroid(story)
}

/**
 * Keeps a story's heaviest terms only. A centroid that keeps every term of every member drifts toward the
 * corpus mean as the story grows, until it is close enough to everything nearby and swallows its neighbours
 * (at 100k articles of the scale bench, one story took 11,922 articles of other events).
 */
function truncateCentroid(story: StoryState): void {
  const kept = [...story.centroid]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, CENTROID_TERMS)
  story.centroid = new Map(kept)
  story.squaredNorm = kept.reduce((sum, [, weight]) => sum + weight * weight, 0)
}

function mergeInto(
  target: StoryState,
  source: StoryState,
  note: Evidence,
  stories: Map<string, StoryState>,
  index: Map<string, Set<string>>,
): void {
  target.articleIds.push(...source.articleIds)
  target.membership.push(
    ...source.membership.map((entry) => ({ ...entry, evidence: [...entry.evidence, note] })),
  )
  addVector(target, source.centroid)
  if (source.firstDay !== null) widenDays(target, source.firstDay)
  if (source.lastDay !== null) widenDays(target, source.lastDay)
  for (const term of source.indexedTerms) {
    index.get(term)?.delete(source.id)
    indexUnder(target, term, index)
  }
  stories.delete(source.id)
}

/**
 * Stories whose last article is so old that the time factor keeps any new article below the threshold leave
 * the lookup index (into an archive that only undated articles search). Articles arrive in date order, so
 * this keeps the candidates of an article, and its cost, independent of how many stories came before.
 */
class Retirement {
  readonly archive = new Map<string, Set<string>>()
  private readonly byLastDay = new Map<number, Set<string>>()
  private readonly trackedDay = new Map<string, number>()
  private retiredThrough: number | null = null
  private readonly horizon: number

  constructor(options: ClusterOptions) {
    // timeFactor(distance) < threshold once distance > window × (1 + ln(1 / threshold)).
    this.horizon = Math.ceil(options.timeWindowDays * (1 + Math.log(1 / options.threshold)))
  }

  track(story: StoryState): void {
    if (story.lastDay === null) return
    const previous = this.trackedDay.get(story.id)
    if (previous === story.lastDay) return
    if (previous !== undefined) this.byLastDay.get(previous)?.delete(story.id)
    let bucket = this.byLastDay.get(story.lastDay)
    if (bucket === undefined) this.byLastDay.set(story.lastDay, (bucket = new Set()))
    bucket.add(story.id)
    this.trackedDay.set(story.id, story.lastDay)
  }

  retireBefore(
    day: number,
    stories: Map<string, StoryState>,
    index: Map<string, Set<string>>,
  ): void {
    const limit = day - this.horizon
    if (this.retiredThrough === null)
      this.retiredThrough = Math.min(...this.byLastDay.keys(), limit) - 1
    for (let current = this.retiredThrough + 1; current < limit; current++) {
      for (const id of this.byLastDay.get(current) ?? []) {
        const story = stories.get(id)
        if (story === undefined) continue // merged away
        for (const term of story.indexedTerms) {
          index.get(term)?.delete(id)
          let archived = this.archive.get(term)
          if (archived === undefined) this.archive.set(term, (archived = new Set()))
          archived.add(id)
        }
        this.trackedDay.delete(id)
      }
      this.byLastDay.delete(current)
    }
    this.retiredThrough = Math.max(this.retiredThrough, limit - 1)
  }
}

function indexUnder(story: StoryState, term: string, index: Map<string, Set<string>>): void {
  let postings = index.get(term)
  if (postings === undefined) index.set(term, (postings = new Set()))
  postings.add(story.id)
  story.indexedTerms.add(term)
}

function epochDay(date: string): number {
  return Math.floor(Date.parse(date.slice(0, 10)) / 86_400_000)
}

function widenDays(story: StoryState, day: number): void {
  if (Number.isNaN(day)) return
  story.firstDay = story.firstDay === null ? day : Math.min(story.firstDay, day)
  story.lastDay = story.lastDay === null ? day : Math.max(story.lastDay, day)
}

/**
 * Articles far apart in time are less likely one event: beyond the window the similarity decays by e for
 * every further window (a month later, the same words are a new story). Undated articles are not penalised.
 */
function timeFactor(article: Article, story: StoryState, options: ClusterOptions): number {
  if (article.published === null) return 1
  const day = epochDay(article.published)
  return storiesTimeFactor({ firstDay: day, lastDay: day }, story, options)
}

/** Whether `story` began on or after the first day of `lone` (undated stories: assumed so). */
function formedLater(story: StoryState, lone: StoryState): boolean {
  return story.firstDay === null || lone.firstDay === null || story.firstDay >= lone.firstDay
}

/** timeFactor between two spans of days (a story's dated articles, or one article's day). */
function storiesTimeFactor(
  a: Pick<StoryState, 'firstDay' | 'lastDay'>,
  b: Pick<StoryState, 'firstDay' | 'lastDay'>,
  options: ClusterOptions,
): number {
  if (a.firstDay === null || a.lastDay === null || b.firstDay === null || b.lastDay === null)
    return 1
  const distance = Math.max(0, a.firstDay - b.lastDay, b.firstDay - a.lastDay)
  return distance <= options.timeWindowDays
    ? 1
    : Math.exp(-(distance - options.timeWindowDays) / options.timeWindowDays)
}

function sharedTerms(vector: TermVector, centroid: TermVector): string[] {
  return [...vector.entries()]
    .filter(([term]) => centroid.has(term))
    .map(([term, weight]) => [term, weight * (centroid.get(term) ?? 0)] as const)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 8)
    .map(([term]) => term)
}
