/**
 * Worker thread of the extraction pool: extracts the documents it is sent and posts the articles back.
 * Extraction is pure, so a worker needs nothing but the document and the options.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { RawDocument } from '../types.js'
import {
  type ExtractOptions,
  type Extractor,
  loadExtractor,
  type PageArticle,
} from './extract-page.js'
import { failedExtraction } from './failed.js'

/** A document to extract; the options are the pool's, given once as the thread's `workerData`. */
export interface ExtractTask {
  id: number
  document: RawDocument
}

/** What a worker posts back: once `ready` when its extractor is loaded and warm, then one article per task. */
export type WorkerAnswer = { ready: true } | { id: number; article: PageArticle }

// The extractor (code and models, about 0.5 s) loads and warms up as the thread starts, with the pool's options,
// not on the first document: the pool sends nothing before `ready`, and the main thread extracts meanwhile (it
// used to wait 0.3 to 0.5 s, in one stretch, for the first documents sent to a worker still loading).
const options = workerData as Partial<ExtractOptions>
const extractor = loadExtractor(options)
void extractor.then((extractOne) => {
  warmUp(extractOne)
  parentPort?.postMessage({ ready: true } satisfies WorkerAnswer)
})

/**
 * A first extraction costs about 1 s more than the next ones (what extraction and annotation build on first use,
 * and cold code), measured on a worker's first ECB+ document after its models had loaded: spent on this page
 * before `ready`, it is spent while the main thread extracts, not while the main thread waits for that document.
 * Extraction is pure, so the page changes no later article; a failure here only leaves the worker cold.
 */
function warmUp(extractOne: Extractor): void {
  try {
    extractOne(WARM_UP_PAGE, options)
  } catch {
    // The documents will show any real problem.
  }
}

const WARM_UP_PAGE: RawDocument = {
  id: null,
  path: null,
  url: 'https://news.example.com/2024/03/05/council-vote',
  kind: 'html',
  content: `<!doctype html><html><head><title>Council approves new bridge - Example News</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Council approves new bridge</h1>
<p class="byline">By Jane Smith, March 5, 2024</p>
<p>LONDON (Reuters) - The city council voted 7-2 on Tuesday to build a new bridge over the River Thames, Mayor
John Doe said, after a two-year debate that cost $4.5 million.</p>
<p>"We have waited long enough," Doe told reporters outside City Hall. "This bridge will serve everyone."</p>
<p>Critics, including the Green Party, said the plan ignored the views of residents. According to a survey by
YouGov, 54% of Londoners support it. The work starts in May and will end in 2027, officials said.</p>
</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>`,
  hints: { title: null, published: null, site: null },
  messages: [],
}

parentPort?.on('message', async ({ id, document }: ExtractTask) => {
  const extractOne = await extractor
  let article
  try {
    article = extractOne(document, options)
  } catch (error) {
    article = failedExtraction(document, error as Error, options, extractOne)
  }
  parentPort?.postMessage({ id, article } satisfies WorkerAnswer)
})
