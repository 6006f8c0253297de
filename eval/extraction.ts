import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { extractArticle } from '../src/extract/extract-article.js'
import { documentsFromBytes } from '../src/ingest/read-inputs.js'
import { dataPath } from './data.js'
import { aggregate, type BenchmarkScore, type PageScore, scorePage } from './shingle-metric.js'

/** Peers shown beside us: the strongest published extractors and the usual references. */
export const EXTRACTION_PEERS = [
  'AutoExtract',
  'rs_trafilatura',
  'go_trafilatura',
  'trafilatura',
  'readability_js',
  'newspaper',
  'Diffbot',
  'goose3',
  'justext',
]

export interface ExtractionResult {
  ours: BenchmarkScore
  peers: { name: string; score: BenchmarkScore }[]
  /** Each page's score, for figures by site fold. */
  pages: { url: string; score: PageScore }[]
  /** Per page F1 of ours, worst first, to look at. */
  worst: { id: string; f1: number; url: string }[]
  seconds: number
}

export function loadExtractionPages(): { id: string; url: string; truth: string; bytes: Buffer }[] {
  const truth = JSON.parse(
    readFileSync(dataPath('article-extraction', 'ground-truth.json'), 'utf8'),
  ) as Record<string, { articleBody: string; url: string }>
  const dir = dataPath('article-extraction', 'html')
  return readdirSync(dir)
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => {
      const id = name.replace(/\.html\.gz$/, '')
      const entry = truth[id] ?? { articleBody: '', url: '' }
      return { id, url: entry.url, truth: entry.articleBody, bytes: readFileSync(join(dir, name)) }
    })
}

export function extractBody(bytes: Buffer, url: string): string {
  const first = documentsFromBytes(bytes, url, url, 'utf-8').next().value
  if (first === undefined || 'problem' in first) return ''
  return extractArticle(first.document).text
}

export function evaluateExtraction(): ExtractionResult {
  const pages = loadExtractionPages()
  const started = performance.now()
  const ours = pages.map((page) => ({
    page,
    score: scorePage(page.truth, extractBody(page.bytes, page.url)),
  }))
  const seconds = (performance.now() - started) / 1000
  const peers = EXTRACTION_PEERS.map((name) => {
    const output = (
      JSON.parse(
        readFileSync(dataPath('article-extraction', 'peer-outputs', `${name}.json`), 'utf8'),
      ) as { output: Record<string, { articleBody?: string }> }
    ).output
    return {
      name,
      score: aggregate(
        pages.map((page) => scorePage(page.truth, output[page.id]?.articleBody ?? '')),
      ),
    }
  })
  const worst = ours
    .map(({ page, score }) => ({
      id: page.id,
      url: page.url,
      f1: score.tp === 0 ? 0 : (2 * score.tp) / (2 * score.tp + score.fp + score.fn),
    }))
    .sort((a, b) => a.f1 - b.f1)
    .slice(0, 10)
  return {
    ours: aggregate(ours.map(({ score }) => score)),
    peers,
    pages: ours.map(({ page, score }) => ({ url: page.url, score })),
    worst,
    seconds,
  }
}
