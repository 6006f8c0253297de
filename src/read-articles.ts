/**
 * Reading a batch: inputs (paths, URLs, article objects) to extracted articles, one per id. Its own module, apart
 * from the analysis stages, so that `extract` loads what extraction needs and nothing more.
 */
import {
  type Extractor,
  type ExtractOptions,
  loadExtractor,
  type PageArticle,
} from './extract/extract-page.js'
import { failedExtraction } from './extract/failed.js'
import { canUseWorkers, createExtractionPool, type ExtractionPool } from './extract/pool.js'
import { documentFromInput, takenAsGiven } from './ingest/document.js'
import { readInputs } from './ingest/read-inputs.js'
import { DEFAULT_LIMITS, type InputLimits } from './ingest/limits.js'
import type { InputProblem } from './ingest/problem.js'
import type { ReuseOptions } from './reuse/links.js'
import type { ClusterOptions } from './stories/cluster.js'
import { contentId } from './text/hash.js'
import type { Article, ArticleInput, RawDocument } from './types.js'

export interface AnalyzeOptions {
  cluster?: Partial<ClusterOptions>
  reuse?: Partial<ReuseOptions>
  extract?: Partial<ExtractOptions>
  limits?: Partial<InputLimits>
  /** Called for each input that yields no article (the batch goes on). */
  onProblem?: (problem: InputProblem) => void
  /** Called after each article is extracted, for progress reports. */
  onArticle?: (article: Article) => void
  /** Called after each story is reported, with how many are done of how many, for progress reports. */
  onStory?: (done: number, total: number) => void
  /**
   * Threads that extract files and URLs in parallel, this one included (default 1: in-process); the others
   * (`workers` - 1 worker threads) start once more than 200 documents were read. Used when running compiled
   * code; results and their order are the same either way.
   */
  workers?: number
  /**
   * Every plain-text document (text files, stdin, JSONL lines' `text`) is the article body as given, as a
   * JSONL line's `"clean": true` says for its own text: no boilerplate removal (default: false).
   */
  cleanText?: boolean
}

/**
 * Reads and extracts a batch's inputs (paths and URLs as a stream, see `extractInputs`; article inputs and
 * Articles as they are), with one article per id (`dedupeById`). Holds the extracted articles, never the
 * inputs' bytes or markup: a 1 GB crawler export whose lines carry 200 KB of markup each takes the memory of
 * its clean texts.
 */
export async function collectArticles(
  inputs: (string | ArticleInput | Article)[],
  options: AnalyzeOptions = {},
): Promise<Article[]> {
  const articles: Article[] = []
  const paths = inputs.filter((input): input is string => typeof input === 'string')
  for await (const article of extractInputs(paths, options)) articles.push(article)
  let extractOne: Extractor | null = null
  for (const input of inputs) {
    if (typeof input === 'string') continue
    extractOne ??= await loadExtractor(options.extract)
    const article =
      'schemaVersion' in input
        ? (input as Article)
        : asArticle(extractOne(documentFromInput(input as ArticleInput), options.extract))
    articles.push(article)
    options.onArticle?.(article)
  }
  return dedupeById(articles, options.onProblem)
}

/**
 * Reads paths and URLs one document at a time and extracts each as it is read, yielding articles in input
 * order; problems go to `onProblem`, each article to `onArticle`. With `workers` > 1 (and compiled code),
 * extraction is shared with a pool of `workers` - 1 worker threads once more than MIN_DOCUMENTS_FOR_WORKERS
 * documents were read, with at most IN_FLIGHT_PER_WORKER documents per thread in flight: memory holds those
 * few documents, whatever the size of the inputs. The batch (`analyze`), the stream into a store (`ingest`) and the workers read
 * through it; results and their order are the same with or without threads.
 */
export async function* extractInputs(
  paths: string[],
  options: AnalyzeOptions = {},
): AsyncGenerator<Article> {
  const workers = options.workers ?? 1
  const extractOne = await loadExtractor(options.extract)
  let pool: ExtractionPool | null = null
  let documents = 0
  const inFlight: Promise<Article>[] = []
  const done = (article: Article): Article => {
    options.onArticle?.(article)
    return article
  }
  try {
    for await (const result of readInputs(paths, { ...DEFAULT_LIMITS, ...options.limits })) {
      if ('problem' in result) {
        options.onProblem?.(result.problem)
        continue
      }
      documents++
      const document = options.cleanText === true ? takenAsGiven(result.document) : result.document
      if (pool === null && workers > 1 && documents > MIN_DOCUMENTS_FOR_WORKERS && canUseWorkers())
        pool = createExtractionPool(workers - 1, options.extract ?? {}, extractOne, SENT_PER_WORKER)
      if (pool === null) {
        yield done(safeExtractWith(extractOne, document, options))
        continue
      }
      // The threads' finished documents are taken in (and more sent) before this thread decides: reading a
      // buffered file never yields to them, and a count of pending documents not yet taken in would have this
      // thread extract while a worker sits idle (measured: a worker idle 1.7 of 5 s, this thread waiting 3 s).
      await new Promise((resolve) => setImmediate(resolve))
      // This thread is one of the `workers`: it extracts the document itself whenever the pool's threads
      // have enough queued or are still loading, rather than wait idle for them (one thread fewer loads the
      // code and models).
      inFlight.push(
        pool.hasRoom()
          ? pool.extract(document).then(asArticle)
          : Promise.resolve(safeExtractWith(extractOne, document, options)),
      )
      while (inFlight.length > workers * IN_FLIGHT_PER_WORKER)
        yield done(await (inFlight.shift() as Promise<Article>))
    }
    while (inFlight.length > 0) yield done(await (inFlight.shift() as Promise<Article>))
  } finally {
    await pool?.close()
  }
}

/**
 * Documents extracted in-process before a pool of threads starts: below this many, starting threads (each loads
 * and warms up its own code) costs more than it saves.
 */
const MIN_DOCUMENTS_FOR_WORKERS = 200

/**
 * Documents in flight per thread (the pool's and this one), read ahead of the one awaited: enough that this thread
 * goes on extracting while a new worker loads its code and models (about 0.5 s: with 4, this thread waited 0.6 to
 * 0.9 s of a 5 s extraction, with 16 about 0.3 s), few enough to bound memory. Since a worker is sent nothing
 * before it is loaded and warm (extract/worker.ts), this thread no longer waits for its start at all (0.01 s);
 * 16 was not measured again under that rule.
 */
const IN_FLIGHT_PER_WORKER = 16

/**
 * Documents sent to each pool thread at once: two keep it busy between this thread's looks at the pool (one
 * document's extraction apart), and fewer than IN_FLIGHT_PER_WORKER leave the oldest document in flight done
 * by the time this thread waits for it (sent four, the oldest was the one a thread was still extracting:
 * this thread waited 1.5 to 2 s of a 5 s extraction).
 */
const SENT_PER_WORKER = 2

/** Extraction must never stop a batch (see failedExtraction). */
export function safeExtractWith(
  extractOne: Extractor,
  document: RawDocument,
  options: AnalyzeOptions,
): Article {
  try {
    return asArticle(extractOne(document, options.extract))
  } catch (error) {
    return asArticle(failedExtraction(document, error as Error, options.extract ?? {}, extractOne))
  }
}

/**
/**
 * An extracted article as the batch's stages type it. Annotation is off (`extract: { annotate: false }`) only
 * for `extract --no-annotate`, whose articles go straight to output; every stage that reads annotations
 * annotates an article that lacks them (`withAnnotations`), so nothing downstream reads a missing field.
 */
function asArticle(article: PageArticle): Article {
  return article as Article
}

/**
 * The same content read twice is one article. Two articles under one id with different texts (a JSONL export
 * that reuses ids) are both kept: the later one gets an id of its own, derived from its text, and a warning.
 * `stored` holds the texts a store already keeps under some of these ids: an article with one of those ids and
 * another text is renamed in the same way (one with the same text passes, for the store to count as existing).
 */
export function dedupeById(
  articles: Article[],
  onProblem: AnalyzeOptions['onProblem'],
  stored: ReadonlyMap<string, string> = new Map(),
): Article[] {
  const textOf = new Map<string, string>()
  const kept: Article[] = []
  for (const article of articles) {
    const inBatch = textOf.get(article.id)
    if (inBatch === article.text) continue
    const earlier = inBatch ?? stored.get(article.id)
    let distinct = article
    if (earlier !== undefined && earlier !== article.text) {
      distinct = { ...article, id: `${article.id}~${contentId(article.text, 8)}` }
      if (textOf.has(distinct.id)) continue
      onProblem?.({
        input: article.path ?? article.url ?? article.id,
        ruleId: 'duplicate-id',
        reason: `Unexpected id ${JSON.stringify(article.id)} already used by an article with another text; this one is ${JSON.stringify(distinct.id)}`,
      })
    }
    textOf.set(distinct.id, distinct.text)
    kept.push(distinct)
  }
  return kept
}
