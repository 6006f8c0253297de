/**
 * Transductive readings of the headline model: a claim's headlines come to verify together, so a headline's
 * probabilities can be smoothed with those of its near-duplicates among the claim's other headlines. Measured by
 * the headline model's protocol (5-fold CV by claim on FV-train, claims dealt four ways, 20 folds), paired per
 * fold against the model's own reading. FV-test pairs are never read here.
 *
 * Also output blends: the headline model's log-probabilities plus w times another reading of the pair (the
 * short-text FNC model or the body model, either way round; scripts/headline-blend.ts).
 *
 *   nice npx tsx scripts/headline-transductive.ts --smooth --blend --centre [--errors] [--repeats 4]
 *
 * --errors prints the first deal's out-of-fold errors and confusion (rows gold, columns predicted).
 */
import { headlineInput, predictHeadline } from '../src/corroborate/stance/headline.js'
import { jaccard } from '../src/corroborate/stance/features.js'
import { unpackModel } from '../src/corroborate/stance/model.js'
import { SHORT_TEXT_STANCE_MODEL } from '../src/corroborate/stance/weights-short.js'
import { fnv1a32 } from '../src/text/hash.js'
import {
  HEADLINE_LABEL,
  HEADLINE_SETTINGS,
  headlineStems,
  rowFeatures,
  trainingRows,
  trainHeadlineModel,
} from './headline-trainer.js'
import { numberArgument } from './arguments.js'
import { readings } from './headline-blend.js'

const rows = trainingRows()
const short = unpackModel(SHORT_TEXT_STANCE_MODEL)
const inputs = rows.map((row) => headlineInput(rowFeatures(short, row), HEADLINE_SETTINGS.buckets))
const labels = rows.map((row) => HEADLINE_LABEL[row.stance] as number)
const repeats = numberArgument('repeats', 4)
const folds = 5
const stems = rows.map(headlineStems)
const jac = jaccard
const argmax = (v: number[]): number => v.indexOf(Math.max(...v))

// Out-of-fold probabilities per deal and the fold of each row.
const deals: { probs: number[][]; foldOf: number[] }[] = []
for (let r = 0; r < repeats; r++) {
  const salt = r === 0 ? '' : `${r}:`
  const foldOf = rows.map((row) => fnv1a32(salt + row.claimId) % folds)
  const probs: number[][] = rows.map(() => [])
  for (let fold = 0; fold < folds; fold++) {
    const train = rows.flatMap((_, i) =>
      foldOf[i] === fold
        ? []
        : [{ input: inputs[i]!, label: labels[i]!, claimId: rows[i]!.claimId }],
    )
    const model = trainHeadlineModel(train, HEADLINE_SETTINGS)
    rows.forEach((_, i) => {
      if (foldOf[i] === fold) probs[i] = predictHeadline(model, inputs[i]!)
    })
  }
  deals.push({ probs, foldOf })
}
const byClaim = new Map<string, number[]>()
rows.forEach((row, i) => byClaim.set(row.claimId, [...(byClaim.get(row.claimId) ?? []), i]))

type Transform = (probs: number[][]) => number[][]
const smooth =
  (threshold: number, weight: number, power = 1): Transform =>
  (probs) =>
    rows.map((row, i) => {
      const out = probs[i]!.map((p) => Math.log(p))
      for (const j of byClaim.get(row.claimId)!) {
        if (j === i) continue
        const s = jac(stems[i]!, stems[j]!)
        if (s < threshold) continue
        probs[j]!.forEach((p, c) => (out[c] = out[c]! + weight * s ** power * Math.log(p)))
      }
      return out
    })
const shiftToMean =
  (weight: number): Transform =>
  (probs) =>
    rows.map((row, i) => {
      const sib = byClaim.get(row.claimId)!.filter((j) => j !== i)
      const out = probs[i]!.map((p) => Math.log(p))
      if (sib.length === 0) return out
      for (let c = 0; c < 3; c++)
        out[c] =
          out[c]! + (weight * sib.reduce((a, j) => a + Math.log(probs[j]![c]!), 0)) / sib.length
      return out
    })
const scoresOf = (t: Transform): number[] => {
  const out: number[] = []
  for (const { probs, foldOf } of deals) {
    const scored = t(probs)
    for (let fold = 0; fold < folds; fold++) {
      const held = rows.flatMap((_, i) => (foldOf[i] === fold ? [i] : []))
      out.push(held.filter((i) => argmax(scored[i]!) === labels[i]).length / held.length)
    }
  }
  return out
}
const stats = (v: number[]): string => {
  const m = v.reduce((a, b) => a + b, 0) / v.length
  return `${m.toFixed(4)} ± ${Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length).toFixed(4)}`
}
const base = scoresOf((p) => p.map((x) => x.map(Math.log)))
console.log(`base ${stats(base)}`)
const report = (name: string, t: Transform): void => {
  const s = scoresOf(t)
  const g = s.map((x, i) => x - base[i]!)
  console.log(
    `${name}: ${stats(s)} gain ${stats(g)} wins ${g.filter((x) => x > 0).length} / losses ${g.filter((x) => x < 0).length}`,
  )
}
if (process.argv.includes('--smooth')) {
  for (const th of [0.3, 0.5, 0.7])
    for (const w of [0.25, 0.5, 1]) report(`smooth th ${th} w ${w}`, smooth(th, w))
  for (const w of [0.1, 0.25, 0.5]) report(`mean w ${w}`, shiftToMean(w))
}
// Per-claim normalisation (session 22): each class's log-probability centred on its mean over all the claim's
// headlines (self included), by weight w — the story's common lean taken out, so a headline is read against the
// others of its claim (the opposite of shiftToMean, which pulls towards them).
const centre =
  (weight: number): Transform =>
  (probs) => {
    const logs = probs.map((p) => p.map((x) => Math.log(x)))
    return rows.map((row, i) => {
      const group = byClaim.get(row.claimId)!
      return logs[i]!.map(
        (value, c) => value - (weight * group.reduce((a, j) => a + logs[j]![c]!, 0)) / group.length,
      )
    })
  }
if (process.argv.includes('--centre')) {
  for (const w of [0.1, 0.25, 0.5, 1]) report(`centre w ${w}`, centre(w))
}
// Output blends: the headline model's log-probabilities plus w times another reading's (its related share
// renormalised over agree / disagree / discuss).
if (process.argv.includes('--blend'))
  for (const [name, reading] of Object.entries(readings(rows)))
    for (const w of [0.1, 0.25, 0.5, 1])
      report(`blend ${name} w ${w}`, (probs) =>
        probs.map((p, i) => p.map((x, c) => Math.log(x) + w * Math.log(reading[i]![c]! + 1e-4))),
      )
if (process.argv.includes('--errors')) {
  const { probs } = deals[0]!
  const conf = [0, 1, 2].map(() => [0, 0, 0])
  rows.forEach((row, i) => {
    const g = argmax(probs[i]!)
    conf[labels[i]!]![g]!++
    if (g !== labels[i])
      console.log(
        `${row.stance}\t->${['for', 'against', 'observing'][g]}\t${row.claim.slice(0, 70)} || ${row.headline}`,
      )
  })
  console.log(conf)
}
