import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { extract } from '../src/index.js'
import { decodeBytes } from '../src/ingest/decode.js'
import type { Article } from '../src/types.js'
import { dataPath } from './data.js'
import {
  addCounts,
  bylineToAuthors,
  emptyCounts,
  figuresOf,
  type PageCounts,
  type PageFigures,
  type PageGold,
  type PageOutput,
  pageCounts,
} from './page-metrics.js'
import { byFold, siteOf } from './site-folds.js'

const SET = 'metadata-trafilatura-eval'

export interface MetadataPage {
  id: string
  gold: PageGold
  html: string
}

export interface ScoredSystem {
  name: string
  figures: PageFigures
  /** Figures of each site fold (for mean ± sd). */
  folds: PageFigures[]
  counts: Map<string, PageCounts>
}

export interface MetadataPagesResult {
  ours: ScoredSystem
  peers: ScoredSystem[]
  outputs: Map<string, Article>
  pages: MetadataPage[]
  seconds: number
}

export function loadMetadataPages(): MetadataPage[] {
  const gold = JSON.parse(readFileSync(dataPath(SET, 'gold.json'), 'utf8')) as Record<
    string,
    PageGold
  >
  return Object.keys(gold)
    .sort()
    .map((id) => ({
      id,
      gold: gold[id] as PageGold,
      html: decodeBytes(gunzipSync(readFileSync(dataPath(SET, 'pages', `${id}.html.gz`)))).text,
    }))
}

/** Each page through the public `extract()` as a user's JSONL line would give it ({id, url, html}). */
export function extractPages(pages: MetadataPage[]): Map<string, Article> {
  const outputs = new Map<string, Article>()
  for (const page of pages) {
    const input = { id: page.id, html: page.html, ...(page.gold.url ? { url: page.gold.url } : {}) }
    outputs.set(page.id, extract(input))
  }
  return outputs
}

export function scoreSystem(
  name: string,
  pages: MetadataPage[],
  output: (id: string) => PageOutput | undefined,
): ScoredSystem {
  const counts = new Map<string, PageCounts>()
  for (const page of pages) {
    const got = output(page.id)
    if (got !== undefined) counts.set(page.id, pageCounts(page.gold, got))
  }
  const pooled = (subset: MetadataPage[]): PageFigures =>
    figuresOf(
      subset.map((page) => counts.get(page.id) ?? emptyCounts()).reduce(addCounts, emptyCounts()),
    )
  const folds = byFold(pages, (page) => siteOf(page.gold.url, page.id)).map(pooled)
  return { name, figures: pooled(pages), folds, counts }
}

export function evaluateMetadataPages(): MetadataPagesResult {
  const pages = loadMetadataPages()
  const started = performance.now()
  const outputs = extractPages(pages)
  const seconds = (performance.now() - started) / 1000
  const ours = scoreSystem('corroborate', pages, (id) => outputs.get(id))
  const readability = JSON.parse(
    readFileSync(dataPath(SET, 'peer-outputs', 'readability_js.json'), 'utf8'),
  ) as Record<
    string,
    {
      title?: string | null
      byline?: string | null
      published?: string | null
      text?: string | null
    }
  >
  const peer = scoreSystem('readability.js 0.6.0', pages, (id) => {
    const found = readability[id]
    return found === undefined
      ? undefined
      : {
          title: found.title ?? null,
          authors: bylineToAuthors(found.byline),
          published: found.published ?? null,
          text: found.text ?? '',
        }
  })
  return { ours, peers: [peer], outputs, pages, seconds }
}
