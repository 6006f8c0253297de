import type { TextRange } from '../../types.js'
import type { ResolvedSpeaker } from './speakers.js'

/**
 * One reading of who said an attribution: a source span (or none) and the speaker it resolves to, with the
 * features the ranker weighs. The assembly's own rule gives the first; the others are the sources and names
 * around the cue and the content, the speaker of the quotation before, and other antecedents of a pronoun.
 */
export interface SpeakerHypothesis {
  source: TextRange | null
  resolved: ResolvedSpeaker
  features: string[]
}

/** Ranker weights as stored in the model file: feature name → weight. */
export type StoredRankerWeights = Record<string, number>

/**
 * A linear ranker over an attribution's speaker hypotheses (trained by scripts/train-speaker-ranker.ts on
 * PolNeAR train/ as an averaged perceptron): the hypothesis with the highest summed weight is the speaker; on
 * ties the earlier one (the assembly rule's own reading comes first).
 */
export class SpeakerRanker {
  private readonly weights: Map<string, number>

  constructor(stored: StoredRankerWeights) {
    this.weights = new Map(Object.entries(stored))
  }

  score(features: readonly string[]): number {
    let sum = 0
    for (const feature of features) sum += this.weights.get(feature) ?? 0
    return sum
  }

  /** Index of the best hypothesis (0 when there is none or all tie). */
  choose(hypotheses: readonly SpeakerHypothesis[]): number {
    let best = 0
    let bestScore = -Infinity
    hypotheses.forEach((hypothesis, i) => {
      const score = this.score(hypothesis.features)
      if (score > bestScore) {
        best = i
        bestScore = score
      }
    })
    return best
  }
}

/** A distance in tokens, bucketed so that a few weights cover all. */
export const tokenDistance = (d: number): string =>
  d <= 0 ? '0' : d <= 2 ? '1-2' : d <= 5 ? '3-5' : d <= 10 ? '6-10' : d <= 25 ? '11-25' : '26+'
