/**
 * FNC-1's metrics, re-stated from ../shared/tools/score_stance.py (itself fnc-1/scorer.py): the FNC score as a
 * share of its maximum, and macro-F1 over the four classes (Hanselowski et al. 2018).
 */
import { STANCES, type Stance } from '../src/corroborate/stance/model.js'

export interface StanceScores {
  fnc: number
  macroF1: number
  accuracy: number
  f1: Record<Stance, number>
}

export function scoreStances(gold: Stance[], predicted: Stance[]): StanceScores {
  let score = 0
  let max = 0
  let right = 0
  const tp = new Map<Stance, number>()
  const fp = new Map<Stance, number>()
  const fn = new Map<Stance, number>()
  gold.forEach((truth, index) => {
    const guess = predicted[index]
    max += truth === 'unrelated' ? 0.25 : 1
    if (guess === undefined) {
      fn.set(truth, (fn.get(truth) ?? 0) + 1)
      return
    }
    if ((truth === 'unrelated') === (guess === 'unrelated')) score += 0.25
    if (truth === guess) {
      right++
      tp.set(truth, (tp.get(truth) ?? 0) + 1)
      if (truth !== 'unrelated') score += 0.75
    } else {
      fp.set(guess, (fp.get(guess) ?? 0) + 1)
      fn.set(truth, (fn.get(truth) ?? 0) + 1)
    }
  })
  const f1 = Object.fromEntries(
    STANCES.map((stance) => {
      const t = tp.get(stance) ?? 0
      const precision = t / (t + (fp.get(stance) ?? 0) || 1)
      const recall = t / (t + (fn.get(stance) ?? 0) || 1)
      return [
        stance,
        precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      ]
    }),
  ) as Record<Stance, number>
  return {
    fnc: max === 0 ? 0 : score / max,
    macroF1: STANCES.reduce((sum, stance) => sum + f1[stance], 0) / STANCES.length,
    accuracy: gold.length === 0 ? 0 : right / gold.length,
    f1,
  }
}
