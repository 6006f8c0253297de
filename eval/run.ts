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
import { ENTITY_ANCHORS, evaluateEntities } from './entities.js'
import { evaluateExtraction } from './extraction.js'
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

console.log(
  '\nNamed entities — CoNLL-2003 test (exact span and type) and ECB+ dev entity layer (reference scorers)',
)
row('', 'F1', 'precision', 'recall')
const entities = await evaluateEntities()
row(
  'CoNLL PER/ORG/LOC corroborate',
  entities.conll.perOrgLoc.F1,
  entities.conll.perOrgLoc.P,
  entities.conll.perOrgLoc.R,
)
row(
  'CoNLL 4 types corroborate',
  entities.conll.fourTypes.F1,
  entities.conll.fourTypes.P,
  entities.conll.fourTypes.R,
)
for (const anchor of ENTITY_ANCHORS.conll) row(`CoNLL ${anchor.name}`, anchor.f1, '', '')
row(
  'ECB+ named mentions corroborate (untyped)',
  entities.ecb.untyped.F1,
  entities.ecb.untyped.P,
  entities.ecb.untyped.R,
)
row(
  'ECB+ named mentions corroborate (typed)',
  entities.ecb.typed.F1,
  entities.ecb.typed.P,
  entities.ecb.typed.R,
)
for (const anchor of ENTITY_ANCHORS.ecbMentions) row(`ECB+ ${anchor.name}`, anchor.f1, '', '')
row('ECB+ entity CoNLL-F1 within topic corroborate', entities.ecb.coref.topic.conll, '', '')
row('ECB+ entity CoNLL-F1 within story corroborate', entities.ecb.coref.story.conll, '', '')
for (const anchor of ENTITY_ANCHORS.ecbCoref) row(`ECB+ ${anchor.name}`, anchor.f1, '', '')
console.log(
  `  (the name model never saw CoNLL-2003 or ECB+: held-out figures; CoNLL ${entities.conll.seconds.toFixed(0)} s, ECB+ ${entities.ecb.seconds.toFixed(0)} s)`,
)
figures['entities.conll.perOrgLoc.f1'] = entities.conll.perOrgLoc.F1
figures['entities.ecb.mentions.f1'] = entities.ecb.untyped.F1
figures['entities.ecb.typed.f1'] = entities.ecb.typed.F1
figures['entities.ecb.coref.topic.conll'] = entities.ecb.coref.topic.conll

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
