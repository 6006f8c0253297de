/**
 * Lists every publication-date miss of the trafilatura dev pages (gold, ours, where ours came from, every
 * candidate the page gave) and prints the date figures by site fold of both date sets (trafilatura pages,
 * htmldate dev half), so that a date rule is judged fold by fold before it is kept. Dates do not read the
 * nlp annotations, so pages are extracted without them (the same metadata as `extract()` gives).
 * `tsx scripts/date-misses.ts [--json FILE] [--figures-only]` (FILE: every page's outcome, to diff two trees).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { extract } from '../src/index.js'
import { documentsFromBytes } from '../src/ingest/read-inputs.js'
import { extractArticle } from '../src/extract/extract-article.js'
import { dataPath } from '../eval/data.js'
import { dateF } from '../eval/dates.js'
import { loadMetadataPages } from '../eval/metadata-pages.js'
import { byFold, formatMeanSd, siteOf } from '../eval/site-folds.js'

type Outcome = 'tp' | 'fp' | 'fn'
const outcomes: Record<string, Outcome> = {}
const lines: string[] = []

const pages = loadMetadataPages()
const pageOutcomes: { site: string; outcome: Outcome }[] = []
for (const page of pages) {
  if (page.gold.date === null || page.gold.date === '') continue
  const input = { id: page.id, html: page.html, ...(page.gold.url ? { url: page.gold.url } : {}) }
  const got = extract(input, { annotate: false })
  const day = got.published?.slice(0, 10) ?? null
  const accepted = [page.gold.date, ...(page.gold.date_alt ?? [])]
  const outcome: Outcome = day === null ? 'fn' : accepted.includes(day) ? 'tp' : 'fp'
  const site = siteOf(page.gold.url, page.id)
  outcomes[page.id] = outcome
  pageOutcomes.push({ site, outcome })
  if (outcome !== 'tp') {
    const evidence = got.dateEvidence
      .map((e) => `      ${e.kind}: ${e.text.replace(/\s+/g, ' ').slice(0, 90)}`)
      .join('\n')
    lines.push(
      `${page.id} ${site} gold ${accepted.join('|')} ours ${day} updated ${got.updated ?? null}\n${evidence}`,
    )
  }
}

const foldFigures = (items: { site: string; outcome: Outcome }[]): number => {
  const count = (kind: Outcome): number => items.filter((item) => item.outcome === kind).length
  const tp = count('tp')
  const p = tp / Math.max(1, tp + count('fp'))
  const r = tp / Math.max(1, items.length)
  return p + r === 0 ? 0 : (2 * p * r) / (p + r)
}
if (!process.argv.includes('--figures-only'))
  console.log(`== date misses: ${lines.length} pages\n${lines.join('\n')}`)
const folds = byFold(pageOutcomes, (item) => item.site).map(foldFigures)
console.log(
  `trafilatura date F1 ${formatMeanSd(folds)} [${folds.map((v) => v.toFixed(3)).join(' ')}] pooled ${foldFigures(pageOutcomes).toFixed(3)}`,
)

// htmldate dev half, as eval/dates.ts reads it, without annotations.
const truth = JSON.parse(
  readFileSync(dataPath('date-extraction', 'ground-truth.json'), 'utf8'),
) as Record<string, { file: string; date: string | null }>
const dateOutcomes: { url: string; outcome: Outcome }[] = []
const htmldateMisses: string[] = []
for (const [url, entry] of Object.entries(truth).sort(([a], [b]) => (a < b ? -1 : 1))) {
  const bytes = readFileSync(dataPath('date-extraction', 'html', entry.file))
  const first = documentsFromBytes(bytes, url, url, null).next().value
  const article =
    first === undefined || 'problem' in first
      ? null
      : extractArticle(first.document, { annotate: false })
  const ours = article?.published?.slice(0, 10) ?? null
  const outcome: Outcome = ours === null ? 'fn' : ours === entry.date ? 'tp' : 'fp'
  dateOutcomes.push({ url, outcome })
  outcomes[`htmldate:${url}`] = outcome
  if (outcome !== 'tp')
    htmldateMisses.push(
      `${url} gold ${entry.date} ours ${ours} ${article?.dateEvidence.map((e) => `${e.kind}:${e.text.slice(0, 30)}`).join(' | ')}`,
    )
}
if (process.argv.includes('--htmldate')) console.log(htmldateMisses.join('\n'))
const dateFolds = byFold(dateOutcomes, (page) => siteOf(page.url, page.url)).map(dateF)
console.log(
  `htmldate F        ${formatMeanSd(dateFolds)} [${dateFolds.map((v) => v.toFixed(3)).join(' ')}] pooled ${dateF(dateOutcomes).toFixed(3)}`,
)
const json = process.argv.indexOf('--json')
if (json >= 0 && process.argv[json + 1] !== undefined)
  writeFileSync(process.argv[json + 1] as string, JSON.stringify(outcomes, null, 1))
