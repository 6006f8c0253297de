import { contentId } from '../text/hash.js'
import type { Article, Evidence } from '../types.js'
import {
  type DocumentTerms,
  type TermVector,
  cosine,
  documentTerms,
  inverseDocumentFrequencies,
  tfidfVector,
  topTerms,
} from './vectors.js'

export interface ClusterOptions {
  /** Cosine similarity to a story's centroid from which an article joins it (default: tuned in eval/). */
  threshold: number
  /** Days apart beyond which dated articles are less likely one story (default: 7). */
  timeWindowDays: number
}

// Calibrated on the dev halves of ECB+ and BASIL (see eval/clustering.ts and the README table).
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { threshold: 0.25, timeWindowDays: 7 }
/** Terms of a story's centroid kept in the candidate index. */
const INDEX_TERMS = 40
/** Terms of an article used to look up candidate stories. */
const QUERY_TERMS = 15

export interface StoryCluster {
  id: string
  articleIds: string[]
  membership: { articleId: string; evidence: Evidence[] }[]
}

interface WorkingStory {
  id: string
  articleIds: string[]
  centroid: TermVector
  days: string[]
  membership: { articleId: string; evidence: Evidence[] }[]
}

/**
 * Online clustering: articles are taken one at a time (in a canonical order, so the result does not depend
 * on input order); each joins the most similar story found through a term index, or starts one. An article
 * close to two stories bridges them: they merge, and the merge is logged in the membership evidence.
 */
export function clusterStories(
  articles: Article[],
  options: Partial<ClusterOptions> = {},
): StoryCluster[] {
  const settings = { ...DEFAULT_CLUSTER_OPTIONS, ...options }
  const ordered = [...articles].sort(canonicalOrder)
  const terms = ordered.map((article) => documentTerms(article.id, article.title, article.text))
  const idf = inverseDocumentFrequencies(terms)
  const stories = new Map<string, WorkingStory>()
  const index = new Map<string, Set<string>>()
  ordered.forEach((article, position) => {
    const vector = tfidfVector(terms[position] as DocumentTerms, idf)
    const scored = [...candidateStories(vector, index)]
      .map((storyId) => stories.get(storyId) as WorkingStory)
      .map((story) => ({
        story,
        score: cosine(vector, normalised(story.centroid)) * timeFactor(article, story, settings),
      }))
      .filter(({ score }) => score >= settings.threshold)
      .sort((x, y) => y.score - x.score || (x.story.id < y.story.id ? -1 : 1))
    const evidenceOf = (score: number, story: WorkingStory): Evidence[] => [
      { kind: 'similarity', text: score.toFixed(3) },
      { kind: 'shared-terms', text: sharedTerms(vector, story.centroid).join(', ') },
    ]
    const best = scored[0]
    if (best === undefined) {
      const story: WorkingStory = {
        id: `story-${contentId(article.id, 12)}`,
        articleIds: [],
        centroid: new Map(),
        days: [],
        membership: [],
      }
      stories.set(story.id, story)
      addToStory(
        story,
        article,
        vector,
        [{ kind: 'founded', text: 'first article of the story' }],
        index,
      )
      return
    }
    addToStory(best.story, article, vector, evidenceOf(best.score, best.story), index)
    for (const other of scored.slice(1))
      mergeInto(best.story, other.story, article.id, stories, index)
  })
  return [...stories.values()]
    .map((story) => ({
      id: story.id,
      articleIds: [...story.articleIds].sort(),
      membership: story.membership,
    }))
    .sort((x, y) => y.articleIds.length - x.articleIds.length || (x.id < y.id ? -1 : 1))
}

export function canonicalOrder(a: Article, b: Article): number {
  const dayA = a.published ?? '9999'
  const dayB = b.published ?? '9999'
  return dayA < dayB ? -1 : dayA > dayB ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function candidateStories(vector: TermVector, index: Map<string, Set<string>>): Set<string> {
  const found = new Set<string>()
  for (const term of topTerms(vector, QUERY_TERMS))
    for (const storyId of index.get(term) ?? []) found.add(storyId)
  return found
}

function addToStory(
  story: WorkingStory,
  article: Article,
  vector: TermVector,
  evidence: Evidence[],
  index: Map<string, Set<string>>,
): void {
  story.articleIds.push(article.id)
  story.membership.push({ articleId: article.id, evidence })
  if (article.published !== null) story.days.push(article.published.slice(0, 10))
  for (const [term, weight] of vector)
    story.centroid.set(term, (story.centroid.get(term) ?? 0) + weight)
  reindex(story, index)
}

function mergeInto(
  target: WorkingStory,
  source: WorkingStory,
  bridge: string,
  stories: Map<string, WorkingStory>,
  index: Map<string, Set<string>>,
): void {
  target.articleIds.push(...source.articleIds)
  target.days.push(...source.days)
  target.membership.push(
    ...source.membership.map((entry) => ({
      ...entry,
      evidence: [
        ...entry.evidence,
        {
          kind: 'merged',
          text: `story ${source.id} merged into ${target.id}, bridged by article ${bridge}`,
        },
      ],
    })),
  )
  for (const [term, weight] of source.centroid)
    target.centroid.set(term, (target.centroid.get(term) ?? 0) + weight)
  for (const ids of index.values()) ids.delete(source.id)
  stories.delete(source.id)
  reindex(target, index)
}

function reindex(story: WorkingStory, index: Map<string, Set<string>>): void {
  for (const term of topTerms(story.centroid, INDEX_TERMS)) {
    let ids = index.get(term)
    if (ids === undefined) index.set(term, (ids = new Set()))
    ids.add(story.id)
  }
}

function normalised(vector: TermVector): TermVector {
  let norm = 0
  for (const weight of vector.values()) norm += weight * weight
  norm = Math.sqrt(norm) || 1
  return new Map([...vector].map(([term, weight]) => [term, weight / norm]))
}

/** Articles far apart in time are less likely the same event; undated articles are not penalised. */
function timeFactor(article: Article, story: WorkingStory, options: ClusterOptions): number {
  if (article.published === null || story.days.length === 0) return 1
  const day = Date.parse(article.published.slice(0, 10))
  const nearest = Math.min(
    ...story.days.map((other) => Math.abs(Date.parse(other) - day) / 86_400_000),
  )
  return nearest <= options.timeWindowDays ? 1 : 0.5
}

function sharedTerms(vector: TermVector, centroid: TermVector): string[] {
  return [...vector.entries()]
    .filter(([term]) => centroid.has(term))
    .map(([term, weight]) => [term, weight * (centroid.get(term) ?? 0)] as const)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 8)
    .map(([term]) => term)
}
