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
  swappedPrior,
} from '../src/corroborate/stance/headline.js'
import {
  prepareClaim,
  prepareText,
  stanceInput,
  wordsOf,
} from '../src/corroborate/stance/features.js'
import { predict, type StanceModel, unpackModel } from '../src/corroborate/stance/model.js'
import { SHORT_TEXT_STANCE_MODEL } from '../src/corroborate/stance/weights-short.js'
import { fnv1a32 } from '../src/text/hash.js'
import { random, shuffle } from './perceptron-trainer.js'

/**
 * Chosen by 5-fold CV grouped by claim on the training part (accuracy; see the README's stance section).
 * `members`: the shipped model is the mean of this many training orders (trainEnsemble), so its figures do not
 * rest on one lucky shuffle (sessions 19 and 20).
 */
export const HEADLINE_SETTINGS = { l2: 1e-4, epochs: 5, lr: 0.05, buckets: 1 << 14, members: 10 }
export type HeadlineSettings = typeof HEADLINE_SETTINGS & {
  /** The shuffles' seed (1 unless told): another seed is another training order. */
  seed?: number
}

/** Emergent's labels as the model's classes (HEADLINE_CLASSES order: agree, disagree, discuss). */
export const HEADLINE_LABEL: Record<string, number> = { for: 0, against: 1, observing: 2 }

export interface HeadlineRow {
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

/** The training part's rows: Ferreira & Vlachos's train split of Emergent's dev half. */
export const trainingRows = (): HeadlineRow[] =>
  readFileSync(new URL('../../shared/data/stance-emergent/stances.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HeadlineRow)
    .filter((row) => row.fvSplit === 'train')

/** A headline's content stems (for comparing a claim's headlines with one another). */
export const headlineStems = (row: HeadlineRow): Set<string> =>
  new Set(
    wordsOf(row.headline)
      .filter((word) => word.content)
      .map((word) => word.stem),
  )

/** A row's named features as verify computes them: its cues and the short-text FNC model read both ways. */
export function rowFeatures(short: StanceModel, row: HeadlineRow): Map<string, number> {
  const prior = predict(
    short,
    stanceInput(prepareClaim(row.claim), prepareText(row.headline), short.layout, short.idf).input,
  )
  return headlineFeatures(
    row.claim,
    row.headline,
    prior,
    swappedPrior(short, prepareText(row.claim), row.headline),
  )
}

/** The training part's pairs as model inputs. */
export function headlineExamples(buckets: number): HeadlineExample[] {
  const short = unpackModel(SHORT_TEXT_STANCE_MODEL)
  return trainingRows().map((row) => ({
    input: headlineInput(rowFeatures(short, row), buckets),
    label: HEADLINE_LABEL[row.stance] as number,
    claimId: row.claimId,
  }))
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
  const next = random(settings.seed ?? 1)
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

/**
 * One model from `members` training orders: the learner run with seeds firstSeed… (1…members unless told) on the same pairs and the weights
 * averaged (the model is linear, so this is the mean of their logits). A single order's accuracy moves with the
 * order (about ±0.005 under CV by claim); the mean of several does not depend on which order was lucky.
 */
export function trainEnsemble(
  data: HeadlineExample[],
  settings: HeadlineSettings,
  members: number,
  firstSeed = 1,
): HeadlineModel {
  const classes = HEADLINE_CLASSES.length
  const model: HeadlineModel = {
    buckets: settings.buckets,
    weights: new Float32Array(settings.buckets * classes),
    bias: new Float32Array(classes),
  }
  for (let seed = firstSeed; seed < firstSeed + members; seed++) {
    const member = trainHeadline(data, { ...settings, seed })
    member.weights.forEach((value, at) => {
      model.weights[at] = (model.weights[at] as number) + value / members
    })
    member.bias.forEach((value, at) => {
      model.bias[at] = (model.bias[at] as number) + value / members
    })
  }
  return model
}

const argmax = (values: number[]): number => values.indexOf(Math.max(...values))

/**
 * Model averaging across folds: `k` models, each trained with one claim fold of `data` left out (claims dealt by
 * a hash of their id salted "avg:"), their weights and biases averaged — one model of the same size (the model is
 * linear, so this is the mean of their logits). Also returns each pair's probabilities from the model that did not
 * see its claim (out of fold), for choosing class offsets.
 */
export function trainAveraged(
  data: HeadlineExample[],
  settings: HeadlineSettings,
  k: number,
): { model: HeadlineModel; outOfFold: number[][] } {
  const classes = HEADLINE_CLASSES.length
  const model: HeadlineModel = {
    buckets: settings.buckets,
    weights: new Float32Array(settings.buckets * classes),
    bias: new Float32Array(classes),
  }
  const outOfFold: number[][] = data.map(() => [])
  const foldOf = (example: HeadlineExample): number => fnv1a32(`avg:${example.claimId}`) % k
  for (let fold = 0; fold < k; fold++) {
    const member = trainHeadline(
      data.filter((example) => foldOf(example) !== fold),
      settings,
    )
    member.weights.forEach((value, at) => {
      model.weights[at] = (model.weights[at] as number) + value / k
    })
    member.bias.forEach((value, at) => {
      model.bias[at] = (model.bias[at] as number) + value / k
    })
    data.forEach((example, index) => {
      if (foldOf(example) === fold) outOfFold[index] = predictHeadline(member, example.input)
    })
  }
  return { model, outOfFold }
}

/** The shipped model: `settings.members` training orders averaged (one order when members is 1). */
export const trainHeadlineModel = (
  data: HeadlineExample[],
  settings: HeadlineSettings,
): HeadlineModel =>
  settings.members <= 1
    ? trainHeadline(data, settings)
    : trainEnsemble(data, settings, settings.members)

const plainTrainer =
  (settings: HeadlineSettings): HeadlineTrainer =>
  (data) => {
    const model = trainHeadlineModel(data, settings)
    return (input) => predictHeadline(model, input)
  }

/** Trains on some pairs and returns the classifier of held-out inputs (class scores, best highest). */
export type HeadlineTrainer = (
  data: HeadlineExample[],
) => (input: HeadlineExample['input']) => number[]

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
  train: HeadlineTrainer = plainTrainer(settings),
  firstDeal = 0,
): number[] {
  const scores: number[] = []
  for (let repeat = firstDeal; repeat < firstDeal + repeats; repeat++)
    for (let fold = 0; fold < folds; fold++) {
      const salt = repeat === 0 ? '' : `${repeat}:`
      const inFold = (example: HeadlineExample): boolean =>
        fnv1a32(salt + example.claimId) % folds === fold
      const classify = train(examples.filter((example) => !inFold(example)))
      const held = examples.filter(inFold)
      scores.push(
        held.filter((example) => argmax(classify(example.input)) === example.label).length /
          held.length,
      )
    }
  return scores
}

/**
 * The same cross-validation, with per fold also the share of held-out claims whose supporting and disputing
 * counts (headlines read as `for`, as `against`) are both exact — the per-claim figure the eval reports on the
 * FV-test claims, here on 23 held-out claims a fold.
 */
export function crossValidateHeadlineClaims(
  examples: HeadlineExample[],
  settings: HeadlineSettings,
  folds = 5,
  repeats = 1,
  train?: HeadlineTrainer,
  firstDeal = 0,
): { accuracy: number[]; countsExact: number[] } {
  const heldOut: Map<HeadlineExample['input'], number>[] = []
  const recording: HeadlineTrainer = (data) => {
    const classify = (train ?? plainTrainer(settings))(data)
    const predicted = new Map<HeadlineExample['input'], number>()
    heldOut.push(predicted)
    return (input) => {
      const scores = classify(input)
      predicted.set(input, argmax(scores))
      return scores
    }
  }
  const accuracy = crossValidateHeadline(examples, settings, folds, repeats, recording, firstDeal)
  const countsExact = heldOut.map((predicted) => {
    // Per claim: gold for, gold against, read as for, read as against.
    const byClaim = new Map<string, number[]>()
    for (const example of examples) {
      const guess = predicted.get(example.input)
      if (guess === undefined) continue
      const counts = byClaim.get(example.claimId) ?? [0, 0, 0, 0]
      counts[0] = (counts[0] as number) + (example.label === 0 ? 1 : 0)
      counts[1] = (counts[1] as number) + (example.label === 1 ? 1 : 0)
      counts[2] = (counts[2] as number) + (guess === 0 ? 1 : 0)
      counts[3] = (counts[3] as number) + (guess === 1 ? 1 : 0)
      byClaim.set(example.claimId, counts)
    }
    const claims = [...byClaim.values()]
    return claims.filter(([s, d, ps, pd]) => s === ps && d === pd).length / claims.length
  })
  return { accuracy, countsExact }
}
