/**
 * Training and grouped cross-validation of the headline stance model (src/corroborate/stance/headline.ts) on
 * the TRAINING part of Emergent's dev half only: the pairs Ferreira & Vlachos put in their train split (fvSplit
 * "train", 930 pairs, 115 claims of ../shared/data/stance-emergent, read at run time, never copied). Their test
 * split's pairs (339) are never trained on. Used by scripts/train-headline-stance.ts and eval/stance.ts.
 */
import { readFileSync } from 'node:fs'
import {
  HEADLINE_CLASSES,
  type HeadlineModel,
  headlineFeatures,
  headlineInput,
  predictHeadline,
} from '../src/corroborate/stance/headline.js'
import { prepareClaim, prepareText, stanceInput } from '../src/corroborate/stance/features.js'
import { predict, unpackModel } from '../src/corroborate/stance/model.js'
import { SHORT_TEXT_STANCE_MODEL } from '../src/corroborate/stance/weights-short.js'
import { fnv1a32 } from '../src/text/hash.js'
import { random, shuffle } from './perceptron-trainer.js'

/** Chosen by 5-fold CV grouped by claim on the training part (accuracy; see the README's stance section). */
export const HEADLINE_SETTINGS = { l2: 1e-4, epochs: 5, lr: 0.05, buckets: 1 << 14 }
export type HeadlineSettings = typeof HEADLINE_SETTINGS

const LABEL: Record<string, number> = { for: 0, against: 1, observing: 2 }

interface Row {
  claimId: string
  claim: string
  headline: string
  stance: string
  fvSplit: string
}

export interface HeadlineExample {
  input: { indices: number[]; values: number[] }
  label: number
  claimId: string
}

/** The training part's pairs as model inputs (with the short-text FNC model's probabilities as cues). */
export function headlineExamples(buckets: number): HeadlineExample[] {
  const short = unpackModel(SHORT_TEXT_STANCE_MODEL)
  return readFileSync(
    new URL('../../shared/data/stance-emergent/stances.jsonl', import.meta.url),
    'utf8',
  )
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row)
    .filter((row) => row.fvSplit === 'train')
    .map((row) => {
      const prior = predict(
        short,
        stanceInput(prepareClaim(row.claim), prepareText(row.headline), short.layout, short.idf)
          .input,
      )
      return {
        input: headlineInput(headlineFeatures(row.claim, row.headline, prior), buckets),
        label: LABEL[row.stance] as number,
        claimId: row.claimId,
      }
    })
}

/** Multinomial logistic regression, Adagrad, L2 on the weights a pair touches; seeded, so repeatable. */
export function trainHeadline(data: HeadlineExample[], settings: HeadlineSettings): HeadlineModel {
  const classes = HEADLINE_CLASSES.length
  const model: HeadlineModel = {
    buckets: settings.buckets,
    weights: new Float32Array(settings.buckets * classes),
    bias: new Float32Array(classes),
  }
  const g = new Float32Array(model.weights.length).fill(1e-8)
  const gb = new Float32Array(classes).fill(1e-8)
  const next = random(1)
  const order = data.map((_, index) => index)
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, next)
    for (const index of order) {
      const example = data[index] as HeadlineExample
      const p = predictHeadline(model, example.input)
      const dz = p.map((value, c) => value - (c === example.label ? 1 : 0))
      example.input.indices.forEach((bucket, k) => {
        const value = example.input.values[k] as number
        for (let c = 0; c < classes; c++) {
          const at = bucket * classes + c
          const grad = (dz[c] as number) * value + settings.l2 * (model.weights[at] as number)
          g[at] = (g[at] as number) + grad * grad
          model.weights[at] =
            (model.weights[at] as number) - (settings.lr * grad) / Math.sqrt(g[at] as number)
        }
      })
      for (let c = 0; c < classes; c++) {
        const grad = dz[c] as number
        gb[c] = (gb[c] as number) + grad * grad
        model.bias[c] =
          (model.bias[c] as number) - (settings.lr * grad) / Math.sqrt(gb[c] as number)
      }
    }
  }
  return model
}

const argmax = (values: number[]): number => values.indexOf(Math.max(...values))

/**
 * Held-out accuracy of each fold, folds grouped by claim (a claim's headlines are never split). With `repeats`
 * above 1 the claims are dealt into folds again under other hashes (fold assignment r salts the claim id with
 * "r:"), so the mean rests on more than one draw of 5 folds of 23 claims.
 */
export function crossValidateHeadline(
  examples: HeadlineExample[],
  settings: HeadlineSettings,
  folds = 5,
  repeats = 1,
): number[] {
  const scores: number[] = []
  for (let repeat = 0; repeat < repeats; repeat++)
    for (let fold = 0; fold < folds; fold++) {
      const salt = repeat === 0 ? '' : `${repeat}:`
      const inFold = (example: HeadlineExample): boolean =>
        fnv1a32(salt + example.claimId) % folds === fold
      const model = trainHeadline(
        examples.filter((example) => !inFold(example)),
        settings,
      )
      const held = examples.filter(inFold)
      scores.push(
        held.filter((example) => argmax(predictHeadline(model, example.input)) === example.label)
          .length / held.length,
      )
    }
  return scores
}
