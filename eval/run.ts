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
import { DATE_PEERS, evaluateDates } from './dates.js'
import { evaluateExtraction } from './extraction.js'
import { seedChecks } from './seeds.js'
import { evaluateEmergent, evaluateFnc, stanceDataPresent } from './stance.js'

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

console.log('\nPublication dates — htmldate evaluation set, dev half (500 pages), htmldate metric')
row('', 'F', 'precision', 'recall', 'accuracy')
const dates = evaluateDates()
row('corroborate (dev half)', dates.f, dates.precision, dates.recall, dates.accuracy)
for (const peer of DATE_PEERS)
  row(`${peer.name} (published, full set)`, peer.f, peer.precision, peer.recall, '')
figures['dates.f'] = dates.f

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

if (stanceDataPresent()) {
  console.log(
    '\nStance — FNC-1 test half (12,597 pairs), through verify(claim, articles) as verify_runner.mjs calls it',
  )
  row('', 'FNC', 'macro-F1', 'accuracy', 'agree', 'disagree', 'discuss', 'unrelated')
  const fnc = evaluateFnc()
  const stanceRow = (name: string, scores: typeof fnc.ours): void =>
    row(
      name,
      scores.fnc,
      scores.macroF1,
      scores.accuracy,
      scores.f1.agree,
      scores.f1.disagree,
      scores.f1.discuss,
      scores.f1.unrelated,
    )
  stanceRow('corroborate (trained on FNC-1 train only)', fnc.ours)
  for (const peer of fnc.peers) stanceRow(`${peer.name} (published predictions)`, peer.scores)
  row('FNC-1 baseline (published, whole test)', 0.752, '', '', '', '', '', '')
  console.log(`  (${fnc.seconds.toFixed(0)} s for ${fnc.pairs} pairs)`)
  figures['stance.fnc.score'] = fnc.ours.fnc
  figures['stance.fnc.macroF1'] = fnc.ours.macroF1

  console.log(
    '\nStance — Emergent dev half (150 claims, 1,269 headlines), headline as the article text',
  )
  row('', 'accuracy', 'macro-F1', 'FV-test', 'sup. MAE', 'disp. MAE', 'exact')
  const emergent = evaluateEmergent()
  row(
    'corroborate',
    emergent.accuracy,
    emergent.macroF1,
    emergent.fvSubsetAccuracy,
    emergent.supportMae,
    emergent.disputeMae,
    emergent.countsExact,
  )
  row('Ferreira & Vlachos 2016 (their test pairs here)', '', '', emergent.peerFvSubsetAccuracy)
  row('all "for" (majority class)', 0.439, 0.203)
  console.log(
    `  (${emergent.headlinesInFncTrain} of 1,269 headlines are also FNC-1 training headlines: FNC-1 was built from Emergent)`,
  )
  figures['stance.emergent.accuracy'] = emergent.accuracy
} else console.log('\nStance — ../shared/data/stance-* not found, skipped')

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
