/**
 * Chooses the body model's class offsets (added to its log-probabilities: BODY_OFFSETS in
 * src/corroborate/verify.ts) on out-of-fold predictions over the FNC-1 TRAIN set only, written by
 * `scripts/train-stance.ts --cv 4 --oof FILE` (folds hold out whole topics: new claims and bodies). Objective: the mean of the FNC score and
 * macro-F1 (the two figures). Reports the held-out objective when the offsets are chosen on the other
 * folds (mean ± sd), then the offsets chosen on all folds.
 *
 *   nice npx tsx scripts/train-stance.ts --cv 4 --epochs 4 --hidden 48 --oof /tmp/oof.jsonl
 *   nice npx tsx scripts/calibrate-stance.ts /tmp/oof.jsonl [/tmp/oof-seed2.jsonl …]  (averaged)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { scoreStances } from '../eval/stance-metrics.js'
import { STANCES, type Stance } from '../src/corroborate/stance/model.js'

const GRID = [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]
type Offsets = [number, number, number, number]
interface Row {
  label: Stance
  fold: number
  logs: number[]
}

/** One file, or several of the same pairs in the same order (an ensemble: their probabilities averaged). */
const RECORD = process.argv.indexOf('--record')
const files = process.argv
  .slice(2)
  .filter((_, index) => RECORD === -1 || (index !== RECORD - 2 && index !== RECORD - 1))
  .map((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { label: Stance; fold: number; p: number[] }),
  )
const rows: Row[] = (files[0] ?? []).map((first, index) => {
  const members = files.map((file) => file[index])
  if (members.some((row) => row?.label !== first.label || row.fold !== first.fold))
    throw new Error(`out-of-fold files disagree at row ${index}: train them with the same folds`)
  const p = first.p.map(
    (_, c) => members.reduce((sum, row) => sum + (row?.p[c] as number), 0) / members.length,
  )
  return { label: first.label, fold: first.fold, logs: p.map((v) => Math.log(Math.max(v, 1e-6))) }
})

const decide = (row: Row, offsets: Offsets): Stance => {
  const adjusted = row.logs.map((value, index) => value + (offsets[index] as number))
  return STANCES[adjusted.indexOf(Math.max(...adjusted))] as Stance
}
const scoreOf = (subset: Row[], offsets: Offsets): ReturnType<typeof scoreStances> =>
  scoreStances(
    subset.map((row) => row.label),
    subset.map((row) => decide(row, offsets)),
  )
const objective = (subset: Row[], offsets: Offsets): number => {
  const scores = scoreOf(subset, offsets)
  return (scores.fnc + scores.macroF1) / 2
}

function bestOffsets(subset: Row[]): Offsets {
  let best: { offsets: Offsets; score: number } = { offsets: [0, 0, 0, 0], score: -1 }
  for (const disagree of GRID)
    for (const discuss of GRID)
      for (const unrelated of [-1, -0.5, 0, 0.5, 1]) {
        const offsets: Offsets = [0, disagree, discuss, unrelated]
        const score = objective(subset, offsets)
        if (score > best.score + 1e-9) best = { offsets, score }
      }
  return best.offsets
}

const folds = [...new Set(rows.map((row) => row.fold))].sort()
const held: { fnc: number; macroF1: number; none: number }[] = []
for (const fold of folds) {
  const offsets = bestOffsets(rows.filter((row) => row.fold !== fold))
  const test = rows.filter((row) => row.fold === fold)
  const scores = scoreOf(test, offsets)
  const none = scoreOf(test, [0, 0, 0, 0])
  held.push({ fnc: scores.fnc, macroF1: scores.macroF1, none: none.macroF1 })
  console.log(
    `fold ${fold}: offsets ${JSON.stringify(offsets)} held-out FNC ${scores.fnc.toFixed(3)} (none ${none.fnc.toFixed(3)}) macro-F1 ${scores.macroF1.toFixed(3)} (none ${none.macroF1.toFixed(3)})`,
  )
}
const summary = (values: number[]): string => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)}`
}
console.log(
  `held out: FNC ${summary(held.map((h) => h.fnc))}, macro-F1 ${summary(held.map((h) => h.macroF1))} (no offsets: macro-F1 ${summary(held.map((h) => h.none))})`,
)
const chosen = bestOffsets(rows)
console.log(`offsets on all folds: ${JSON.stringify(chosen)}`)
/**
 * --record FILE: the held-out figures beside the offsets chosen on all folds, for eval/stance.ts to print
 * beside the test half (the CV takes longer than an eval run may).
 */
if (RECORD !== -1) {
  const record = {
    protocol:
      'FNC-1 train, 4 folds holding out whole topics (scripts/train-stance.ts --cv 4); offsets chosen on three folds, scored on the fourth',
    members: files.length,
    offsets: chosen,
    heldOut: held.map((h) => ({ fnc: +h.fnc.toFixed(4), macroF1: +h.macroF1.toFixed(4) })),
  }
  writeFileSync(process.argv[RECORD + 1] as string, JSON.stringify(record, null, 2) + '\n')
}
