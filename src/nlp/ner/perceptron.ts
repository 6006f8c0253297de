import {
  type FeatureContext,
  type Gazetteer,
  featureContext,
  staticFeatures,
  tagFeatures,
  wordCaseAt,
} from './features.js'
import {
  type CompiledWeights,
  addTagScores,
  compileWeights,
  integerWeights,
  staticScores,
} from './scorer.js'
import type { Token } from './tokenize.js'

/** BIO tags over the four name types; 'O' outside names. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC']
const OUTSIDE = 0

/** An inside tag may only continue a name of its own type. */
function allowed(tag: number, previous: number): boolean {
  const name = TAGS[tag] as string
  if (!name.startsWith('I-')) return true
  const type = name.slice(2)
  const before = TAGS[previous] as string
  return before === `B-${type}` || before === `I-${type}`
}

export type Weights = Map<string, Float32Array>

/** Scores of every tag for one token's features, added to `into`. */
function addScores(weights: Weights, features: string[], into: Float64Array): void {
  for (const feature of features) {
    const row = weights.get(feature)
    if (row === undefined) continue
    for (let tag = 0; tag < into.length; tag++)
      into[tag] = (into[tag] as number) + (row[tag] as number)
  }
}

function best(scores: Float64Array, previous: number): number {
  let bestTag = OUTSIDE
  let bestScore = -Infinity
  for (let tag = 0; tag < scores.length; tag++) {
    if (!allowed(tag, previous)) continue
    if ((scores[tag] as number) > bestScore) {
      bestScore = scores[tag] as number
      bestTag = tag
    }
  }
  return bestTag
}

/** The tag `back` tokens before; a name never runs across a sentence or line break, so none is seen there. */
function previousTag(
  context: FeatureContext,
  index: number,
  decided: number[],
  back: number,
): number {
  const sentence = (context.tokens[index] as Token).sentence
  const before = context.tokens[index - back]
  return before === undefined || before.sentence !== sentence
    ? OUTSIDE
    : (decided[index - back] ?? OUTSIDE)
}

/** Whether an inside tag may follow each tag: ALLOWED[previous * TAGS.length + tag]. */
const ALLOWED = TAGS.flatMap((_, previous) => TAGS.map((__, tag) => allowed(tag, previous)))

function bestAllowed(scores: Float64Array, previous: number): number {
  let bestTag = OUTSIDE
  let bestScore = -Infinity
  const from = previous * scores.length
  for (let tag = 0; tag < scores.length; tag++) {
    if (ALLOWED[from + tag] !== true) continue
    if ((scores[tag] as number) > bestScore) {
      bestScore = scores[tag] as number
      bestTag = tag
    }
  }
  return bestTag
}

/** Compiled tables of each weight map seen, or null where the weights are not whole numbers. */
const compiledOf = new WeakMap<Weights, CompiledWeights | null>()

function compiled(weights: Weights): CompiledWeights | null {
  let tables = compiledOf.get(weights)
  if (tables === undefined) {
    tables = integerWeights(weights) ? compileWeights(weights, TAGS) : null
    compiledOf.set(weights, tables)
  }
  return tables
}

/**
 * Greedy left-to-right tagging of a text's tokens (tag indices into TAGS). Quantised (whole-number) weights,
 * as shipped, are scored from compiled tables (scorer.ts: the same sums, 5x faster); others, as in training,
 * feature string by feature string.
 */
export function tagTokens(tokens: Token[], weights: Weights, gazetteer: Gazetteer): number[] {
  const tables = compiled(weights)
  if (tables === null) return tagTokensByFeature(tokens, weights, gazetteer)
  const context = featureContext(tokens, gazetteer)
  const wordCases = tokens.map((_, index) => wordCaseAt(context, index))
  const around = staticScores(tables, context, gazetteer, wordCases)
  const size = TAGS.length
  const scores = new Float64Array(size)
  const tags: number[] = []
  for (let index = 0; index < tokens.length; index++) {
    scores.set(around.subarray(index * size, (index + 1) * size))
    const previous = previousTag(context, index, tags, 1)
    const previous2 = previousTag(context, index, tags, 2)
    addTagScores(tables, context, index, wordCases[index] as string, previous, previous2, scores)
    tags.push(bestAllowed(scores, previous))
  }
  return tags
}

/** Tagging with a weight look-up per feature string: the reference the compiled tables must match. */
export function tagTokensByFeature(
  tokens: Token[],
  weights: Weights,
  gazetteer: Gazetteer,
): number[] {
  const context = featureContext(tokens, gazetteer)
  const scores = new Float64Array(TAGS.length)
  const tags: number[] = []
  for (let index = 0; index < tokens.length; index++) {
    // The two feature lists are scored one after the other (no concatenated copy: the hot path).
    scores.fill(0)
    addScores(weights, staticFeatures(context, gazetteer, index), scores)
    addScores(
      weights,
      tagFeatures(
        context,
        index,
        TAGS[previousTag(context, index, tags, 1)] as string,
        TAGS[previousTag(context, index, tags, 2)] as string,
      ),
      scores,
    )
    tags.push(best(scores, previousTag(context, index, tags, 1)))
  }
  return tags
}

/** One training text: its tokens and their gold tags (indices into TAGS). */
export interface TrainingText {
  tokens: Token[]
  tags: number[]
}

export interface TrainOptions {
  /** Passes over the data (default 6). */
  epochs: number
  /** Seed of the shuffle between passes (default 1). */
  seed: number
  /** Called after each pass with the share of tokens tagged right during it. */
  onEpoch?: (epoch: number, accuracy: number) => void
}

/**
 * Averaged perceptron (Collins 2002) with greedy decoding, trained on the model's own previous tags, as in
 * spaCy v1 and textblob's tagger. Returns the averaged weights.
 */
export function trainPerceptron(
  texts: TrainingText[],
  gazetteer: Gazetteer,
  options: Partial<TrainOptions> = {},
): Weights {
  const { epochs = 6, seed = 1 } = options
  const size = TAGS.length
  const weights = new Map<string, Float64Array>()
  const totals = new Map<string, Float64Array>()
  const stamps = new Map<string, Float64Array>()
  let clock = 0
  const update = (feature: string, tag: number, delta: number): void => {
    let row = weights.get(feature)
    if (row === undefined) {
      row = new Float64Array(size)
      weights.set(feature, row)
      totals.set(feature, new Float64Array(size))
      stamps.set(feature, new Float64Array(size))
    }
    const total = totals.get(feature) as Float64Array
    const stamp = stamps.get(feature) as Float64Array
    total[tag] = (total[tag] as number) + (clock - (stamp[tag] as number)) * (row[tag] as number)
    stamp[tag] = clock
    row[tag] = (row[tag] as number) + delta
  }
  const live = weights as unknown as Map<string, Float32Array>
  const contexts: FeatureContext[] = texts.map((text) => featureContext(text.tokens, gazetteer))
  // The features of the text around each token are the same on every pass: built once (3x faster).
  const cached: (string[][] | undefined)[] = texts.map(() => undefined)
  const order = texts.map((_, index) => index)
  let state = seed
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  const scores = new Float64Array(size)
  for (let epoch = 0; epoch < epochs; epoch++) {
    let right = 0
    let seen = 0
    for (const textIndex of order) {
      const text = texts[textIndex] as TrainingText
      const context = contexts[textIndex] as FeatureContext
      const predicted: number[] = []
      const around = (cached[textIndex] ??= text.tokens.map((_, index) =>
        staticFeatures(context, gazetteer, index),
      ))
      for (let index = 0; index < text.tokens.length; index++) {
        clock++
        const features = [
          ...(around[index] as string[]),
          ...tagFeatures(
            context,
            index,
            TAGS[previousTag(context, index, predicted, 1)] as string,
            TAGS[previousTag(context, index, predicted, 2)] as string,
          ),
        ]
        scores.fill(0)
        addScores(live, features, scores)
        const guess = best(scores, previousTag(context, index, predicted, 1))
        const truth = text.tags[index] as number
        if (guess !== truth)
          for (const feature of features) {
            update(feature, truth, 1)
            update(feature, guess, -1)
          }
        else right++
        seen++
        predicted.push(guess)
      }
    }
    options.onEpoch?.(epoch + 1, right / Math.max(1, seen))
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1))
      ;[order[index], order[other]] = [order[other] as number, order[index] as number]
    }
  }
  const averaged: Weights = new Map()
  for (const [feature, row] of weights) {
    const total = totals.get(feature) as Float64Array
    const stamp = stamps.get(feature) as Float64Array
    const mean = new Float32Array(size)
    for (let tag = 0; tag < size; tag++)
      mean[tag] =
        ((total[tag] as number) + (clock - (stamp[tag] as number)) * (row[tag] as number)) / clock
    averaged.set(feature, mean)
  }
  return averaged
}
