import { annotateArticle, type ArticleAnnotations } from '../src/nlp/annotate.js'
import { updateStore } from '../src/incremental.js'
import { clusterStories, type ClusterOptions } from '../src/stories/cluster.js'
import { openStore } from '../src/store/index.js'
import type { Article } from '../src/types.js'
import { averageLinkageDendrogram, cutDendrogram } from './batch-baseline.js'
import { type ClusterScores, scoreClustering } from './clustering-metrics.js'
import { readJsonLines } from './data.js'

export interface ClusteringDataset {
  name: string
  documents: {
    id: string
    title: string | null
    text: string
    published: string | null
    gold: string
  }[]
}

/** ECB+ and BASIL documents; only title, text and date are given to the clusterer (never the gold fields). */
/** The raw rows of the ECB+ and BASIL dev documents (text, title where given, gold event). */
export function devStoryDocuments(): { text: string; title?: string; cluster: string }[] {
  type Row = { text: string; title?: string; cluster: string }
  return [
    ...readJsonLines<Row>('story-clustering-ecbplus', 'documents.jsonl'),
    ...readJsonLines<Row>('story-clustering-basil', 'documents.jsonl'),
  ]
}

export function loadClusteringDatasets(): ClusteringDataset[] {
  const ecb = readJsonLines<Record<string, unknown>>(
    'story-clustering-ecbplus',
    'documents.jsonl',
  ).map((row) => ({
    id: String(row.doc_id),
    title: null,
    text: String(row.text),
    published: null,
    gold: String(row.cluster),
  }))
  const basil = readJsonLines<Record<string, unknown>>(
    'story-clustering-basil',
    'documents.jsonl',
  ).map((row) => ({
    id: String(row.doc_id),
    title: typeof row.title === 'string' ? row.title.trim() : null,
    text: String(row.text),
    published: typeof row.date === 'string' ? row.date : null,
    gold: String(row.cluster),
  }))
  return [
    { name: 'ECB+', documents: ecb },
    { name: 'BASIL', documents: basil },
  ]
}

export function asArticle(document: ClusteringDataset['documents'][number]): Article {
  return {
    schemaVersion: 1,
    id: document.id,
    path: null,
    url: null,
    title: document.title,
    authors: [],
    contributors: [],
    site: null,
    publisher: null,
    publisherEvidence: [],
    published: document.published,
    updated: null,
    pageDate: null,
    dateEvidence: [],
    dateConfidence: 0,
    dateline: null,
    language: 'en',
    text: document.text,
    removed: [],
    ...annotationsOf(document.text),
    messages: [],
  }
}

/** Annotated once per text: the datasets are turned into articles again for every scoring run. */
const annotated = new Map<string, ArticleAnnotations>()
function annotationsOf(text: string): ArticleAnnotations {
  let annotations = annotated.get(text)
  if (annotations === undefined) {
    annotations = annotateArticle({ text })
    annotated.set(text, annotations)
  }
  return annotations
}

export function onlineScores(
  dataset: ClusteringDataset,
  options: Partial<ClusterOptions> = {},
): ClusterScores {
  const stories = clusterStories(dataset.documents.map(asArticle), options)
  const storyOf = new Map<string, string>()
  for (const story of stories) for (const id of story.articleIds) storyOf.set(id, story.id)
  return scoreClustering(
    dataset.documents.map((document) => document.gold),
    dataset.documents.map((document) => storyOf.get(document.id) ?? document.id),
  )
}

/**
 * The same data arriving in small ingests into a store (`updateStore`, a feed poll of ten articles at a time):
 * dated articles in date order, the rest in a fixed shuffled order. Term weights drift as the store grows, as
 * they do for users.
 */
const STREAM_BATCH = 10

export async function streamedScores(dataset: ClusteringDataset): Promise<ClusterScores> {
  const store = await openStore(':memory:')
  let seed = 11
  const arrival = dataset.documents
    .map((document) => ({ document, key: (seed = (seed * 48271) % 2147483647) }))
    .sort(
      (x, y) =>
        (x.document.published ?? '').localeCompare(y.document.published ?? '') || x.key - y.key,
    )
  for (let start = 0; start < arrival.length; start += STREAM_BATCH)
    await updateStore(
      store,
      arrival.slice(start, start + STREAM_BATCH).map(({ document }) => asArticle(document)),
    )
  const storyOf = new Map<string, string>()
  for (const story of await store.listStories())
    for (const id of story.articleIds) storyOf.set(id, story.id)
  await store.close()
  return scoreClustering(
    dataset.documents.map((document) => document.gold),
    dataset.documents.map((document) => storyOf.get(document.id) ?? document.id),
  )
}

/** The batch baseline with its threshold tuned on the same data (an upper bound for that method). */
export function tunedBaseline(dataset: ClusteringDataset): {
  threshold: number
  scores: ClusterScores
} {
  let best = { threshold: 0, scores: scoreClustering([], []) }
  let bestF1 = -1
  const dendrogram = averageLinkageDendrogram(dataset.documents)
  for (let threshold = 0.05; threshold <= 0.6; threshold += 0.0125) {
    const scores = scoreClustering(
      dataset.documents.map((document) => document.gold),
      cutDendrogram(dendrogram, threshold),
    )
    if (scores.b3.f1 > bestF1) {
      bestF1 = scores.b3.f1
      best = { threshold, scores }
    }
  }
  return best
}

/**
 * A dataset cut in two by its gold topics (ECB+: odd and even topic numbers), each half clustered on its own:
 * settings tuned on the whole should hold on each half, as they must on data they were not tuned on.
 */
export function topicHalves(dataset: ClusteringDataset): ClusteringDataset[] {
  const topicOf = (gold: string): number => Number.parseInt(gold.split('_')[0] ?? '', 10)
  if (dataset.documents.some((document) => Number.isNaN(topicOf(document.gold)))) return []
  return [0, 1].map((parity) => ({
    name: `${dataset.name} ${parity === 0 ? 'even' : 'odd'} topics`,
    documents: dataset.documents.filter((document) => topicOf(document.gold) % 2 === parity),
  }))
}
