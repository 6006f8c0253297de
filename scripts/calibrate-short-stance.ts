/**
 * Chooses the short-text model's class offsets (added to its log-probabilities; SHORT_TEXT_OFFSETS in
 * src/corroborate/verify.ts) by cross-validation over Emergent claims (dev half, ../shared/data/stance-emergent):
 * for each of 5 folds grouped by claim, the offsets that maximise accuracy on the other folds are scored on the
 * fold. Prints the mean ± sd of held-out accuracy and the offsets chosen on all claims.
 *
 *   nice npx tsx scripts/calibrate-short-stance.ts
 */
import { readFileSync } from 'node:fs'
import { prepareClaim, prepareText, stanceInput } from '../src/corroborate/stance/features.js'
import { predict, STANCES, unpackModel } from '../src/corroborate/stance/model.js'
import { SHORT_TEXT_STANCE_MODEL } from '../src/corroborate/stance/weights-short.js'
import { fnv1a32 } from '../src/text/hash.js'

const FOLDS = 5
const GRID = [-1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5]
const AS_EMERGENT = {
  agree: 'for',
  disagree: 'against',
  discuss: 'observing',
  unrelated: 'observing',
}

interface Row {
  claimId: string
  claim: string
  headline: string
  stance: string
}
const rows = readFileSync(
  new URL('../../shared/data/stance-emergent/stances.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row)

const model = unpackModel(SHORT_TEXT_STANCE_MODEL)
const scored = rows.map((row) => {
  const { input } = stanceInput(
    prepareClaim(row.claim),
    prepareText(row.headline),
    model.layout,
    model.idf,
  )
  return {
    fold: fnv1a32(row.claimId) % FOLDS,
    gold: row.stance,
    logs: predict(model, input).map((p) => Math.log(Math.max(p, 1e-9))),
  }
})

type Offsets = [number, number, number, number]
const accuracy = (subset: typeof scored, offsets: Offsets): number =>
  subset.filter((item) => {
    const adjusted = item.logs.map((value, index) => value + (offsets[index] as number))
    const best = STANCES[adjusted.indexOf(Math.max(...adjusted))] as keyof typeof AS_EMERGENT
    return AS_EMERGENT[best] === item.gold
  }).length / (subset.length || 1)

function bestOffsets(subset: typeof scored): Offsets {
  let best: { offsets: Offsets; score: number } = { offsets: [0, 0, 0, 0], score: -1 }
  for (const disagree of GRID)
    for (const discuss of GRID)
      for (const unrelated of GRID) {
        const offsets: Offsets = [0, disagree, discuss, unrelated]
        const score = accuracy(subset, offsets)
        if (score > best.score + 1e-9) best = { offsets, score }
      }
  return best.offsets
}

const held: number[] = []
for (let fold = 0; fold < FOLDS; fold++) {
  const offsets = bestOffsets(scored.filter((item) => item.fold !== fold))
  const score = accuracy(
    scored.filter((item) => item.fold === fold),
    offsets,
  )
  held.push(score)
  console.log(
    `fold ${fold}: offsets ${JSON.stringify(offsets)} held-out accuracy ${score.toFixed(3)}`,
  )
}
const mean = held.reduce((a, b) => a + b, 0) / held.length
const sd = Math.sqrt(held.reduce((a, b) => a + (b - mean) ** 2, 0) / held.length)
console.log(
  `CV over claims: accuracy ${mean.toFixed(3)} ± ${sd.toFixed(3)} (no offsets: ${accuracy(scored, [0, 0, 0, 0]).toFixed(3)})`,
)
console.log(`offsets on all claims: ${JSON.stringify(bestOffsets(scored))}`)
