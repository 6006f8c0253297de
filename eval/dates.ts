import { readFileSync } from 'node:fs'
import { extractArticle } from '../src/extract/extract-article.js'
import { documentsFromBytes } from '../src/ingest/read-inputs.js'
import { dataPath } from './data.js'

/** htmldate's published figures on the full 1000-page set (docs/evaluation.rst, 2026-06-01). */
export const DATE_PEERS = [
  { name: 'htmldate extensive 1.10.0', precision: 0.908, recall: 0.993, f: 0.949 },
  { name: 'htmldate fast 1.10.0', precision: 0.924, recall: 0.927, f: 0.925 },
  { name: 'newspaper4k 0.9.5', precision: 0.912, recall: 0.728, f: 0.81 },
  { name: 'news-please 1.6.16', precision: 0.845, recall: 0.777, f: 0.81 },
]

export interface DateResult {
  precision: number
  recall: number
  f: number
  accuracy: number
  pages: number
  wrong: { url: string; gold: string | null; ours: string | null; evidence: string }[]
  /** Each page's outcome, for figures by site fold. */
  outcomes: { url: string; outcome: 'tp' | 'fp' | 'fn' }[]
}

/** htmldate's metric: a wrong date is a false positive only; no date is a false negative. */
export function evaluateDates(): DateResult {
  const truth = JSON.parse(
    readFileSync(dataPath('date-extraction', 'ground-truth.json'), 'utf8'),
  ) as Record<string, { file: string; date: string | null }>
  let tp = 0
  let fp = 0
  let fn = 0
  const wrong: DateResult['wrong'] = []
  const outcomes: DateResult['outcomes'] = []
  const entries = Object.entries(truth).sort(([a], [b]) => (a < b ? -1 : 1))
  for (const [url, entry] of entries) {
    const bytes = readFileSync(dataPath('date-extraction', 'html', entry.file))
    const first = documentsFromBytes(bytes, url, url, null).next().value
    const article =
      first === undefined || 'problem' in first ? null : extractArticle(first.document)
    const ours = article?.published?.slice(0, 10) ?? null
    const outcome = ours === null ? 'fn' : ours === entry.date ? 'tp' : 'fp'
    outcomes.push({ url, outcome })
    if (outcome === 'fn') fn++
    else if (outcome === 'tp') tp++
    else fp++
    if (ours !== entry.date)
      wrong.push({
        url,
        gold: entry.date,
        ours,
        evidence: article?.dateEvidence.map((evidence) => evidence.kind).join(',') ?? '',
      })
  }
  const precision = tp / Math.max(1, tp + fp)
  const recall = tp / Math.max(1, tp + fn)
  return {
    precision,
    recall,
    f: (2 * tp) / Math.max(1, 2 * tp + fp + fn),
    accuracy: tp / entries.length,
    pages: entries.length,
    wrong,
    outcomes,
  }
}

/** htmldate's F over a set of page outcomes (a wrong date is a false positive only). */
export function dateF(outcomes: DateResult['outcomes']): number {
  const count = (kind: string): number => outcomes.filter((page) => page.outcome === kind).length
  const tp = count('tp')
  return (2 * tp) / Math.max(1, 2 * tp + count('fp') + count('fn'))
}
