import { annotateArticle, type ArticleAnnotations } from '../src/nlp/annotate.js'
import { updateStore } from '../src/incremental.js'
import type { AnalyzeOptions } from '../src/pipeline.js'
import { openStore } from '../src/store/index.js'
import type { Article } from '../src/types.js'
import { type ClusterScores, scoreClustering } from './clustering-metrics.js'
import type { CliDataset } from './clustering-cv.js'
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

/** The raw rows of the ECB+ and BASIL dev documents (text, title where given, gold event). */
export function devStoryDocuments(): { text: string; title?: string; cluster: string }[] {
  type Row = { text: string; title?: string; cluster: string }
  return [
    ...readJsonLines<Row>('story-clustering-ecbplus', 'documents.jsonl'),
    ...readJsonLines<Row>('story-clustering-basil', 'documents.jsonl'),
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

/**
 * The same data arriving in small ingests into a store (`updateStore`, a feed poll of ten articles at a time):
 * dated articles in date order, the rest in a fixed shuffled order. Term weights drift as the store grows, as
 * they do for users.
 */
const STREAM_BATCH = 10

export async function streamedScores(
  dataset: CliDataset,
  options: AnalyzeOptions = {},
): Promise<ClusterScores> {
  const store = await openStore(':memory:')
  let seed = 11
  const arrival = dataset.articles
    .map((article) => ({ article, key: (seed = (seed * 48271) % 2147483647) }))
    .sort(
      (x, y) =>
        (x.article.published ?? '').localeCompare(y.article.published ?? '') || x.key - y.key,
    )
  for (let start = 0; start < arrival.length; start += STREAM_BATCH)
    await updateStore(
      store,
      arrival.slice(start, start + STREAM_BATCH).map(({ article }) => article),
      options,
    )
  const storyOf = new Map<string, string>()
  for (const story of await store.listStories())
    for (const id of story.articleIds) storyOf.set(id, story.id)
  await store.close()
  return scoreClustering(
    dataset.articles.map((article) => dataset.gold.get(article.id) ?? ''),
    dataset.articles.map((article) => storyOf.get(article.id) ?? article.id),
  )
}
