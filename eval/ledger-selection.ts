/**
 * How the claim ledger's cross-validation (eval/ledger-alignment.ts) chooses a setting on its training groups.
 *
 * Not the best training F0.5 alone: on ECB+ the grid's settings of one shared-term bar lie within 0.001–0.003 of
 * F0.5 of each other on every training fold, while their held-out precision ranges over up to 0.18, so the
 * argmax was a coin toss that any change to the annotations could flip (session 22: a speaker model moved one
 * fold's pick and the floored precision 0.824 → 0.799 with the shipped setting's joins unchanged). The rule is the
 * one-standard-error rule: the settings whose training F0.5 is within one sd of the best's — the sd of the
 * paired difference over bootstrap replicates of the training groups — are all as good as the data can tell, and
 * among them the most precise on the training groups is taken (F0.5 already says a wrong join costs more than a
 * missed one). Chosen by scripts/ledger-selection-study.ts over the 40 held-out folds against the argmax, the
 * classic 1-SE rule (sd of the best alone, or over inner folds), a bootstrap's mean rank and its most frequent
 * best (docs/JOURNAL.md, "Claim ledger: how its CV chooses a setting", session 25).
 */
import { random } from '../scripts/perceptron-trainer.js'
import { meanSd } from './site-folds.js'

export interface JoinCounts {
  /** Joined unit pairs that gold calls one claim. */
  correct: number
  joined: number
  gold: number
}

export const sumJoins = (counts: JoinCounts[]): JoinCounts =>
  counts.reduce(
    (total, count) => ({
      correct: total.correct + count.correct,
      joined: total.joined + count.joined,
      gold: total.gold + count.gold,
    }),
    { correct: 0, joined: 0, gold: 0 },
  )

export const precisionOf = (c: JoinCounts): number => (c.joined === 0 ? 0 : c.correct / c.joined)
export const recallOf = (c: JoinCounts): number => (c.gold === 0 ? 0 : c.correct / c.gold)
/** F0.5: a wrong join puts a claim in an outlet's mouth; a missed one only splits a claim in two. */
export const fHalf = (c: JoinCounts): number => {
  const [p, r] = [precisionOf(c), recallOf(c)]
  return p + r === 0 ? 0 : (1.25 * p * r) / (0.25 * p + r)
}

/** Bootstrap replicates of the training groups behind "within noise" (the picks are stable to ±0 at 200). */
export const SELECTION_REPLICATES = 200

/** Each setting's counts summed over some groups (indices into a row; repeats count again). */
const pooled = (counts: JoinCounts[][], groups: number[]): JoinCounts[] =>
  counts.map((row) => sumJoins(groups.map((g) => row[g] as JoinCounts)))

/** The first index of the largest value. */
const argmax = (values: number[]): number =>
  values.reduce((best, value, i) => (value > (values[best] as number) ? i : best), 0)

/**
 * The settings (indices of `counts`, one row per setting, one column per group) whose F0.5 on the training groups
 * is within one sd of the best's, the sd that of the difference best − setting over bootstrap replicates of the
 * training groups (the same replicates for every setting, so that what the settings share cancels).
 */
export function withinNoiseOfBest(
  counts: JoinCounts[][],
  train: number[],
  seed: number,
  replicates = SELECTION_REPLICATES,
): number[] {
  const f = pooled(counts, train).map(fHalf)
  const best = argmax(f)
  const next = random(seed)
  const boot = Array.from({ length: replicates }, () =>
    pooled(
      counts,
      train.map(() => train[Math.floor(next() * train.length)] as number),
    ).map(fHalf),
  )
  return f.flatMap((value, s) => {
    const { sd } = meanSd(boot.map((b) => (b[best] as number) - (b[s] as number)))
    return (f[best] as number) - value <= sd ? [s] : []
  })
}

/**
 * The setting the training groups choose: among the settings within noise of the best F0.5, the most precise on
 * the training groups (the fewer joins on a tie, then the first).
 */
export function chooseSetting(
  counts: JoinCounts[][],
  train: number[],
  seed: number,
  replicates = SELECTION_REPLICATES,
): number {
  const totals = pooled(counts, train)
  return withinNoiseOfBest(counts, train, seed, replicates).reduce((best, s) => {
    const [a, b] = [totals[s] as JoinCounts, totals[best] as JoinCounts]
    const [pa, pb] = [precisionOf(a), precisionOf(b)]
    return pa > pb || (pa === pb && a.joined < b.joined) ? s : best
  })
}
