/**
 * Chooses the body model's class offsets (added to its log-probabilities: BODY_OFFSETS in
 * src/corroborate/verify.ts) and, with --cues, the cue stage's weight (CUE_WEIGHT there) on out-of-fold predictions over the FNC-1 TRAIN set only, written by
 * `scripts/train-stance.ts --cv 4 --oof FILE` (folds hold out whole topics: new claims and bodies). Objective: the mean of the FNC score and
 * macro-F1 (the issue's two figures). Reports the held-out objective when the offsets are chosen on the other
 * folds (mean ± sd), then the offsets chosen on all folds.
 *
 *   nice npx tsx scripts/train-stance.ts --cv 4 --epochs 4 --hidden 48 --oof /tmp/oof.jsonl
 *   nice npx tsx scripts/calibrate-stance.ts /tmp/oof.jsonl [/tmp/oof-seed2.jsonl …]  (averaged)
 *     [--cues /tmp/oof-cues.jsonl[,/tmp/oof-cues-seed2.jsonl …]] [--record models/stance-cv.json]
 * Prints the pooled held-out confusion matrix (rows gold, columns predicted) beside the per-fold figures.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { scoreStances } from '../eval/stance-metrics.js'
import { withCueStage } from '../src/corroborate/stance/cues.js'
import { STANCES, type Stance } from '../src/corroborate/stance/model.js'

const GRID = [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]
type Offsets = [number, number, number, number]
interface Row {
  label: Stance
  fold: number
  /** Log-probabilities per cue-stage weight (CUE_WEIGHTS order; one entry without --cues). */
  logs: number[][]
}

/**
 * --cues FILE: the cue stage's out-of-fold three-way probabilities (scripts/train-stance-cues.ts --cv 4 --oof),
 * same pairs in the same order; its weight in the related share's split is chosen with the offsets.
 */
const CUES = process.argv.indexOf('--cues')
const CUE_WEIGHTS = CUES === -1 ? [0] : [0, 0.25, 0.5, 0.75, 1]
const optionAt = (index: number): boolean =>
  [RECORD, CUES].some((at) => at !== -1 && (index === at || index === at + 1))

/** One file, or several of the same pairs in the same order (an ensemble: their probabilities averaged). */
const RECORD = process.argv.indexOf('--record')
const readRows = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)
interface OofRow {
  label: Stance
  fold: number
  /** The probabilities (`p` in the first stage's files, `q` in the cue stage's). */
  values: number[]
}
/**
 * Several out-of-fold files of the same pairs in the same order (an ensemble's members: other seeds or
 * settings), their probabilities averaged row by row.
 */
function averaged(paths: string[], key: 'p' | 'q'): OofRow[] {
  const files = paths.map((file) =>
    readRows<{ label: Stance; fold: number } & Record<string, number[]>>(file),
  )
  return (files[0] ?? []).map((first, index) => {
    const members = files.map((file) => file[index])
    if (members.some((row) => row?.label !== first.label || row.fold !== first.fold))
      throw new Error(`out-of-fold files disagree at row ${index}: train them with the same folds`)
    const values = (first[key] as number[]).map(
      (_, c) =>
        members.reduce((sum, row) => sum + ((row?.[key] as number[])[c] as number), 0) /
        members.length,
    )
    return { label: first.label, fold: first.fold, values }
  })
}
const bodyFiles = process.argv.slice(2).filter((_, index) => !optionAt(index + 2))
/** --cues A,B: several cue-stage runs of the same pairs (seeds), their probabilities averaged. */
const cueFiles = CUES === -1 ? [] : (process.argv[CUES + 1] as string).split(',')
const cueRows = averaged(cueFiles, 'q')
const rows: Row[] = averaged(bodyFiles, 'p').map((first, index) => {
  const p = first.values
  const cues = cueRows[index]
  if (CUES !== -1 && (cues?.label !== first.label || cues.fold !== first.fold))
    throw new Error(`the cue stage's out-of-fold file disagrees at row ${index}`)
  const logs = CUE_WEIGHTS.map((weight) =>
    (cues === undefined ? p : withCueStage(p, cues.values, weight)).map((v) =>
      Math.log(Math.max(v, 1e-6)),
    ),
  )
  return { label: first.label, fold: first.fold, logs }
})

/** Offsets for agree, disagree, discuss, unrelated, then the index of the cue weight. */
type Choice = { offsets: Offsets; weight: number }
const decide = (row: Row, { offsets, weight }: Choice): Stance => {
  const adjusted = (row.logs[weight] as number[]).map(
    (value, index) => value + (offsets[index] as number),
  )
  return STANCES[adjusted.indexOf(Math.max(...adjusted))] as Stance
}
const scoreOf = (subset: Row[], offsets: Choice): ReturnType<typeof scoreStances> =>
  scoreStances(
    subset.map((row) => row.label),
    subset.map((row) => decide(row, offsets)),
  )
const objective = (subset: Row[], offsets: Choice): number => {
  const scores = scoreOf(subset, offsets)
  return (scores.fnc + scores.macroF1) / 2
}

function bestOffsets(subset: Row[]): Choice {
  let best: { choice: Choice; score: number } = {
    choice: { offsets: [0, 0, 0, 0], weight: 0 },
    score: -1,
  }
  for (let weight = 0; weight < CUE_WEIGHTS.length; weight++)
    for (const disagree of GRID)
      for (const discuss of GRID)
        for (const unrelated of [-1, -0.5, 0, 0.5, 1]) {
          const choice: Choice = { offsets: [0, disagree, discuss, unrelated], weight }
          const score = objective(subset, choice)
          if (score > best.score + 1e-9) best = { choice, score }
        }
  return best.choice
}
const described = (choice: Choice): string =>
  `offsets ${JSON.stringify(choice.offsets)}${CUES === -1 ? '' : ` cue weight ${CUE_WEIGHTS[choice.weight]}`}`
const NONE: Choice = { offsets: [0, 0, 0, 0], weight: 0 }

const folds = [...new Set(rows.map((row) => row.fold))].sort()
const held: { fnc: number; macroF1: number; none: number }[] = []
/** Pooled held-out confusion (gold row, predicted column, STANCES order): where the score is lost. */
const confusion = STANCES.map(() => STANCES.map(() => 0))
for (const fold of folds) {
  const choice = bestOffsets(rows.filter((row) => row.fold !== fold))
  const test = rows.filter((row) => row.fold === fold)
  for (const row of test) {
    const gold = confusion[STANCES.indexOf(row.label)] as number[]
    const guess = STANCES.indexOf(decide(row, choice))
    gold[guess] = (gold[guess] as number) + 1
  }
  const scores = scoreOf(test, choice)
  const none = scoreOf(test, NONE)
  held.push({ fnc: scores.fnc, macroF1: scores.macroF1, none: none.macroF1 })
  console.log(
    `fold ${fold}: ${described(choice)} held-out FNC ${scores.fnc.toFixed(3)} (none ${none.fnc.toFixed(3)}) macro-F1 ${scores.macroF1.toFixed(3)} (none ${none.macroF1.toFixed(3)})`,
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
console.log(`held-out confusion (rows gold, columns predicted: ${STANCES.join(' ')})`)
confusion.forEach((counts, index) =>
  console.log(
    `  ${(STANCES[index] as string).padEnd(9)} ${counts.map((n) => String(n).padStart(6)).join('')}`,
  ),
)
const chosen = bestOffsets(rows)
console.log(`on all folds: ${described(chosen)}`)
/**
 * --record FILE: the held-out figures beside the offsets chosen on all folds, for eval/stance.ts to print
 * beside the test half (the CV takes longer than an eval run may).
 */
if (RECORD !== -1) {
  const record = {
    protocol:
      CUES === -1
        ? 'FNC-1 train, 4 folds holding out whole topics (scripts/train-stance.ts --cv 4); offsets chosen on three folds, scored on the fourth'
        : 'FNC-1 train, 4 folds holding out whole topics (scripts/train-stance.ts --cv 4, scripts/train-stance-cues.ts --cv 4); cue weight and offsets chosen on three folds, scored on the fourth',
    members: bodyFiles.length,
    ...(CUES === -1 ? {} : { cueMembers: cueFiles.length }),
    ...(CUES === -1 ? {} : { cueWeight: CUE_WEIGHTS[chosen.weight] }),
    offsets: chosen.offsets,
    heldOut: held.map((h) => ({ fnc: +h.fnc.toFixed(4), macroF1: +h.macroF1.toFixed(4) })),
  }
  writeFileSync(process.argv[RECORD + 1] as string, JSON.stringify(record, null, 2) + '\n')
}
