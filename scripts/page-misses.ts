/**
 * Lists the misses of the trafilatura dev pages by kind (headline, authors, date, text segments), with the
 * figures by site fold of the three datasets a metadata or main-text rule can move (trafilatura pages,
 * ScrapingHub extraction, htmldate dates), so that a rule is judged fold by fold before it is kept.
 * `tsx scripts/page-misses.ts [--json FILE]` (FILE: every page's outcome, to diff two trees).
 */
import { writeFileSync } from 'node:fs'
import { dateF, evaluateDates } from '../eval/dates.js'
import { evaluateExtraction } from '../eval/extraction.js'
import { evaluateMetadataPages } from '../eval/metadata-pages.js'
import { authorCounts, normName, normTitle } from '../eval/page-metrics.js'
import { aggregate } from '../eval/shingle-metric.js'
import { byFold, formatMeanSd, siteOf } from '../eval/site-folds.js'

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()
const cut = (text: string, length = 100): string =>
  text.length > length ? `${text.slice(0, length)}…` : text

const pages = evaluateMetadataPages()
const kinds: Record<string, string[]> = { headline: [], authors: [], date: [], segments: [] }
const outcome: Record<string, unknown> = {}
for (const page of pages.pages) {
  const got = pages.outputs.get(page.id)
  if (got === undefined) continue
  const { gold } = page
  const site = siteOf(gold.url, page.id)
  const where = `${page.id} ${site}`
  const record: Record<string, unknown> = {}
  if (
    gold.title?.some(Boolean) === true &&
    !gold.title.map(normTitle).includes(normTitle(got.title))
  )
    kinds.headline?.push(
      `${where}\n    gold ${JSON.stringify(gold.title)}\n    ours ${JSON.stringify(got.title)}`,
    )
  if (gold.authors !== null) {
    const counts = authorCounts(gold.authors, gold.authors_optional ?? [], got.authors)
    record.authors = counts
    if (counts.fp + counts.fn > 0)
      kinds.authors?.push(
        `${where} fp ${counts.fp} fn ${counts.fn}\n    gold ${JSON.stringify(gold.authors)} opt ${JSON.stringify(gold.authors_optional ?? [])}\n    ours ${JSON.stringify(got.authors.map(normName))}`,
      )
  }
  if (gold.date !== null && gold.date !== '') {
    const day = got.published?.slice(0, 10) ?? null
    const ok = day === gold.date || (gold.date_alt ?? []).includes(day ?? '')
    record.date = ok ? 'tp' : day === null ? 'fn' : 'fp'
    if (!ok)
      kinds.date?.push(
        `${where} gold ${gold.date} ours ${day} updated ${got.updated ?? null} evidence ${got.dateEvidence.map((e) => `${e.kind}:${e.text.slice(0, 40)}`).join(', ')}`,
      )
  }
  if (gold.with !== undefined && gold.with.length > 0) {
    const text = collapse(got.text)
    const missed = gold.with.filter((segment) => !text.includes(collapse(segment)))
    const kept = (gold.without ?? []).filter((segment) => text.includes(collapse(segment)))
    record.segments = { fn: missed.length, fp: kept.length }
    if (missed.length + kept.length > 0)
      kinds.segments?.push(
        `${where} fn ${missed.length}/${gold.with.length} fp ${kept.length}/${(gold.without ?? []).length} (${got.text.length} chars)\n${missed.map((s) => `    - missed ${JSON.stringify(cut(s))}`).join('\n')}${missed.length ? '\n' : ''}${kept.map((s) => `    + kept ${JSON.stringify(cut(s))}`).join('\n')}`,
      )
  }
  outcome[page.id] = record
}
if (!process.argv.includes('--figures-only'))
  for (const [kind, lines] of Object.entries(kinds))
    console.log(`\n== ${kind}: ${lines.length} pages\n${lines.join('\n')}`)

const fold = (key: keyof typeof pages.ours.figures): string =>
  `${formatMeanSd(pages.ours.folds.map((f) => f[key]))} [${pages.ours.folds.map((f) => f[key].toFixed(3)).join(' ')}] pooled ${pages.ours.figures[key].toFixed(3)}`
console.log('\ntrafilatura pages by site fold')
for (const key of ['titleExact', 'authorsF1', 'dateF1', 'segmentsF1'] as const)
  console.log(`  ${key.padEnd(12)} ${fold(key)}`)
if (!process.argv.includes('--pages-only')) {
  const extraction = evaluateExtraction()
  const extractionFolds = byFold(extraction.pages, (p) => siteOf(p.url, p.url)).map(
    (f) => aggregate(f.map((p) => p.score)).f1,
  )
  console.log(
    `  ScrapingHub  ${formatMeanSd(extractionFolds)} [${extractionFolds.map((v) => v.toFixed(3)).join(' ')}] pooled ${extraction.ours.f1.toFixed(3)}`,
  )
  const dates = evaluateDates()
  const dateFolds = byFold(dates.outcomes, (p) => siteOf(p.url, p.url)).map(dateF)
  console.log(
    `  htmldate     ${formatMeanSd(dateFolds)} [${dateFolds.map((v) => v.toFixed(3)).join(' ')}] pooled ${dates.f.toFixed(3)}`,
  )
  outcome['@extraction'] = extraction.pages.map((p) => p.score)
  outcome['@dates'] = dates.outcomes
}
const json = process.argv.indexOf('--json')
if (json >= 0 && process.argv[json + 1] !== undefined)
  writeFileSync(process.argv[json + 1] as string, JSON.stringify(outcome, null, 1))
