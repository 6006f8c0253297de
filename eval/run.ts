/**
 * The quality gate: scores corroborate against the external gold data in ../shared/data, prints each figure
 * beside the peers' figures, and fails when a figure drops below its floor in eval/baseline.json.
 * `npm run eval -- --update` raises floors to the current figures (never lowers them).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { DEFAULT_CLUSTER_OPTIONS } from '../src/stories/cluster.js'
import {
  loadClusteringDatasets,
  onlineScores,
  streamedScores,
  topicHalves,
  tunedBaseline,
} from './clustering.js'
import { DATE_PEERS, dateF, evaluateDates } from './dates.js'
import { evaluateExtraction } from './extraction.js'
import { evaluateMetadataPages } from './metadata-pages.js'
import { aggregate } from './shingle-metric.js'
import { byFold, formatMeanSd, meanSd, siteOf } from './site-folds.js'
import { crossValidateTitleAgreement } from './title-agreement.js'
import { seedChecks } from './seeds.js'

/** Noise allowed below a floor before the gate fails. */
const EPSILON = 0.002
const BASELINE_FILE = new URL('./baseline.json', import.meta.url)

const figures: Record<string, number> = {}
const row = (name: string, ...cells: (string | number)[]): void =>
  console.log(
    `  ${name.padEnd(48)}${cells.map((cell) => (typeof cell === 'number' ? cell.toFixed(3) : cell).padStart(11)).join('')}`,
  )

console.log('\nArticle extraction — ScrapingHub benchmark, dev half (91 pages), benchmark metric')
row('', 'F1', 'precision', 'recall', 'accuracy')
const extraction = evaluateExtraction()
row(
  'corroborate',
  extraction.ours.f1,
  extraction.ours.precision,
  extraction.ours.recall,
  extraction.ours.accuracy,
)
for (const peer of extraction.peers)
  row(peer.name, peer.score.f1, peer.score.precision, peer.score.recall, peer.score.accuracy)
console.log(
  `  (${extraction.seconds.toFixed(1)} s for 91 pages in-process; worst pages: ${extraction.worst
    .slice(0, 3)
    .map((page) => `${page.url} ${page.f1.toFixed(2)}`)
    .join(', ')})`,
)
figures['extraction.f1'] = extraction.ours.f1
const extractionFolds = byFold(extraction.pages, (page) => siteOf(page.url, page.url)).map(
  (fold) => aggregate(fold.map((page) => page.score)).f1,
)
console.log(`  corroborate F1 by site fold (5 folds): ${formatMeanSd(extractionFolds)}`)
figures['extraction.f1.cv'] = meanSd(extractionFolds).mean

console.log('\nPublication dates — htmldate evaluation set, dev half (500 pages), htmldate metric')
row('', 'F', 'precision', 'recall', 'accuracy')
const dates = evaluateDates()
row('corroborate (dev half)', dates.f, dates.precision, dates.recall, dates.accuracy)
for (const peer of DATE_PEERS)
  row(`${peer.name} (published, full set)`, peer.f, peer.precision, peer.recall, '')
figures['dates.f'] = dates.f
const dateFolds = byFold(dates.outcomes, (page) => siteOf(page.url, page.url)).map(dateF)
console.log(`  corroborate F by site fold (5 folds): ${formatMeanSd(dateFolds)}`)
figures['dates.f.cv'] = meanSd(dateFolds).mean

console.log(
  "\nHeadline, authors, publication day, main text — trafilatura's evaluation pages, dev half (342 pages),\n" +
    '  score_pages.py metrics, through extract() as a JSONL line {id, url, html}; by site fold: mean ± sd of 5',
)
row('', 'headline', 'authors F1', 'date F1', 'segm. F1')
const pages = evaluateMetadataPages()
for (const system of [pages.ours, ...pages.peers]) {
  const { titleExact, authorsF1, dateF1, segmentsF1 } = system.figures
  row(system.name, titleExact, authorsF1, dateF1, segmentsF1)
  const fold = (key: keyof typeof system.figures): string =>
    formatMeanSd(system.folds.map((figures) => figures[key]))
  console.log(
    `  ${'  by site fold'.padEnd(48)}${[fold('titleExact'), fold('authorsF1'), fold('dateF1'), fold('segmentsF1')].map((cell) => ` ${cell}`).join('')}`,
  )
}
const ours = pages.ours.figures
console.log(
  `  corroborate authors P ${ours.authorsP.toFixed(3)} R ${ours.authorsR.toFixed(3)}; date P ${ours.dateP.toFixed(3)} R ${ours.dateR.toFixed(3)}; segments P ${ours.segmentsP.toFixed(3)} R ${ours.segmentsR.toFixed(3)}; ${pages.seconds.toFixed(1)} s`,
)
const titleCv = crossValidateTitleAgreement(pages.pages)
console.log(
  `  headline agreement bar (shipped ${titleCv.shipped}): chosen per fold ${titleCv.chosen.join(', ')}, held-out headline exact ${titleCv.mean.toFixed(3)} ± ${titleCv.sd.toFixed(3)}`,
)
for (const [key, name] of [
  ['titleExact', 'title'],
  ['authorsF1', 'authors.f1'],
  ['dateF1', 'date.f1'],
  ['segmentsF1', 'segments.f1'],
] as const)
  figures[`pages.${name}.cv`] = meanSd(pages.ours.folds.map((figures) => figures[key])).mean
figures['pages.title.agreement.cv'] = titleCv.mean

console.log(
  '\nStory clustering — B-cubed and pairwise F1, online vs a batch baseline tuned on the same data',
)
row('', 'B3 F1', 'B3 P', 'B3 R', 'pair F1')
for (const dataset of loadClusteringDatasets()) {
  const online = onlineScores(dataset)
  const baseline = tunedBaseline(dataset)
  row(
    `${dataset.name} corroborate (online, ${DEFAULT_CLUSTER_OPTIONS.threshold})`,
    online.b3.f1,
    online.b3.precision,
    online.b3.recall,
    online.pairwise.f1,
  )
  const streamed = await streamedScores(dataset)
  row(
    `${dataset.name} corroborate (store, ingests of 10)`,
    streamed.b3.f1,
    streamed.b3.precision,
    streamed.b3.recall,
    streamed.pairwise.f1,
  )
  row(
    `${dataset.name} avg-linkage (tuned ${baseline.threshold.toFixed(3)})`,
    baseline.scores.b3.f1,
    baseline.scores.b3.precision,
    baseline.scores.b3.recall,
    baseline.scores.pairwise.f1,
  )
  for (const half of topicHalves(dataset)) {
    const scores = onlineScores(half)
    row(
      `  ${half.name} (online, alone)`,
      scores.b3.f1,
      scores.b3.precision,
      scores.b3.recall,
      scores.pairwise.f1,
    )
  }
  const key = `clustering.${dataset.name.toLowerCase().replace(/\W/g, '')}`
  figures[`${key}.b3f1`] = online.b3.f1
  figures[`${key}.streamed.b3f1`] = streamed.b3.f1
}

console.log('\nSeed story (examples/aurus-gift)')
for (const [name, value] of Object.entries(await seedChecks())) {
  row(name, value)
  figures[`seeds.${name}`] = value
}

const floors = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Record<string, number>
const failures = Object.entries(floors).filter(
  ([name, floor]) => (figures[name] ?? 0) < floor - EPSILON,
)
if (process.argv.includes('--update')) {
  const raised = Object.fromEntries(
    Object.entries(figures).map(([name, value]) => [
      name,
      Math.max(floors[name] ?? 0, Math.floor(value * 1000) / 1000),
    ]),
  )
  writeFileSync(BASELINE_FILE, `${JSON.stringify(raised, null, 2)}\n`)
  console.log('\nfloors raised where figures improved (eval/baseline.json)')
}
console.log()
for (const [name, floor] of failures)
  console.error(`FAIL ${name}: ${(figures[name] ?? 0).toFixed(3)} is below its floor ${floor}`)
if (failures.length > 0) process.exit(1)
console.log('all figures at or above their floors')
