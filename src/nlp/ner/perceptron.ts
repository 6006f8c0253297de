import {
  type Gazetteer,
  featureContext,
  staticFeatures,
  startsUpper,
  tagFeatures,
  wordCaseAt,
} from './features.js'
import {
  type CompiledWeights,
  type TransitionScores,
  compileWeights,
  integerWeights,
  staticScores,
  tagScorer,
  textRows,
} from './scorer.js'
import type { Token } from './tokenize.js'
import { Interner } from '../../text/interner.js'

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

/** Whether an inside tag may follow each tag: ALLOWED[previous * TAGS.length + tag]. */
const ALLOWED = Uint8Array.from(
  TAGS.flatMap((_, previous) => TAGS.map((__, tag) => (allowed(tag, previous) ? 1 : 0))),
)

/** The tags each tag may follow, ascending (Viterbi reads only these: 53 of the 81 pairs). */
const PREVIOUS: number[][] = TAGS.map((_, tag) =>
  TAGS.flatMap((__, previous) => (allowed(tag, previous) ? [previous] : [])),
)

/** The scores of the features that read the previous tag, per token (see scorer.ts). */
export type { TransitionScores } from './scorer.js'

/** What Viterbi writes as it decodes, allocated once per text and reused sentence by sentence. */
interface ViterbiScratch {
  /** Back-pointers, size per token of the longest sentence. */
  back: Uint8Array
  delta: Float64Array
  next: Float64Array
}

function viterbiScratch(longest: number): ViterbiScratch {
  const size = TAGS.length
  return {
    back: new Uint8Array(longest * size),
    delta: new Float64Array(size),
    next: new Float64Array(size),
  }
}

/**
 * The best tags of the sentence of tokens `from`..`to` (Viterbi over first-order BIO transitions): `own`
 * holds the scores of the features of the text around each token (TAGS.length per token, token-major from
 * token 0), `transition` the scores that depend on the tag before. A name never runs across a sentence, so
 * each sentence starts after 'O'. Ties go to the lower tag index ('O' first), as the greedy tagger did.
 */
function viterbiSentence(
  from: number,
  to: number,
  own: Float64Array,
  transition: TransitionScores,
  tags: number[],
  scratch: ViterbiScratch = viterbiScratch(to - from + 1),
): void {
  const size = TAGS.length
  const { back } = scratch
  let { delta, next } = scratch
  const { blocks } = transition
  // Whole-number scores (the compiled weights; training's rows have no extra block): adding the extra block
  // after the matrix rather than into it changes no sum.
  const start = transition.matrix(from)
  const startExtra = transition.extra(from)
  for (let tag = 0; tag < size; tag++)
    delta[tag] =
      ALLOWED[OUTSIDE * size + tag] === 1
        ? (own[from * size + tag] as number) +
          (start[OUTSIDE * size + tag] as number) +
          (startExtra < 0 ? 0 : (blocks[startExtra + OUTSIDE * size + tag] as number))
        : -Infinity
  for (let index = from + 1; index <= to; index++) {
    const at = (index - from) * size
    const matrix = transition.matrix(index)
    const extra = transition.extra(index)
    // Per tag, the best allowed previous tag: the first of the best scores (ascending), as ties go.
    for (let tag = 0; tag < size; tag++) {
      let best = -Infinity
      let bestPrevious = 0
      for (const previous of PREVIOUS[tag] as number[]) {
        let score = (delta[previous] as number) + (matrix[previous * size + tag] as number)
        if (extra >= 0) score += blocks[extra + previous * size + tag] as number
        if (score > best) {
          best = score
          bestPrevious = previous
        }
      }
      if (best > -Infinity) back[at + tag] = bestPrevious
      next[tag] = best + (own[index * size + tag] as number)
    }
    const swap = delta
    delta = next
    next = swap
  }
  let bestTag = OUTSIDE
  for (let tag = 1; tag < size; tag++)
    if ((delta[tag] as number) > (delta[bestTag] as number)) bestTag = tag
  for (let index = to; index >= from; index--) {
    tags[index] = bestTag
    if (index > from) bestTag = back[(index - from) * size + bestTag] as number
  }
}

/**
 * A TransitionScores that fills one reused matrix row by row with `row(index, previous, into)` (training and
 * the feature-by-feature reference, which score the previous tags one at a time).
 */
function transitionByRows(
  row: (index: number, previous: number, into: Float64Array) => void,
): TransitionScores {
  const size = TAGS.length
  const matrix = new Float64Array(size * size)
  const scores = new Float64Array(size)
  return {
    matrix: (index) => {
      for (let previous = 0; previous < size; previous++) {
        row(index, previous, scores)
        matrix.set(scores, previous * size)
      }
      return matrix
    },
    extra: () => -1,
    blocks: NO_BLOCKS,
  }
}

const NO_BLOCKS = new Float32Array(0)

/** Added to the score of a tag the partial gold does not allow (finite, so no sum turns NaN). */
const DISALLOWED = -1e15

/**
 * The gold path of a partly annotated sentence: the best path whose every tag the annotation allows
 * (`allowed[token] & (1 << tag)`), under the same scores as the prediction, written into `gold`. `masked` is
 * the text's scratch of `own`'s size (allocated once per text, not per sentence); only this sentence's part is
 * written and read.
 */
function constrainedGold(
  from: number,
  to: number,
  own: Float64Array,
  transition: TransitionScores,
  allowed: Uint16Array,
  gold: number[],
  masked: Float64Array,
): void {
  const size = TAGS.length
  for (let token = from; token <= to; token++)
    for (let tag = 0; tag < size; tag++)
      masked[token * size + tag] =
        (own[token * size + tag] as number) +
        (((allowed[token] as number) >> tag) & 1 ? 0 : DISALLOWED)
  viterbiSentence(from, to, masked, transition, gold)
}

/** The [first, last] token index of each sentence. */
function sentenceRanges(tokens: Token[]): [number, number][] {
  const ranges: [number, number][] = []
  let from = 0
  for (let index = 1; index <= tokens.length; index++)
    if (
      index === tokens.length ||
      (tokens[index] as Token).sentence !== (tokens[from] as Token).sentence
    ) {
      ranges.push([from, index - 1])
      from = index
    }
  return tokens.length === 0 ? [] : ranges
}

/** The name type of a tag (0 outside, 1 PER, 2 ORG, 3 LOC, 4 MISC): B- and I- tags of a type share it. */
const typeOfTag = (tag: number): number => (tag + 1) >> 1

/** The feature names of the types a word was tagged with earlier in the text (`h=` by typeOfTag). */
export const HISTORY_FEATURES = ['h=O', 'h=PER', 'h=ORG', 'h=LOC', 'h=MISC']

/**
 * What the tagger said of each capitalised word earlier in the text (Ratinov & Roth 2009's prediction
 * history): per lower-case word, a bit per name type its capitalised occurrences were tagged with. A name
 * is written the same way all through a text but read in contexts of varying help: "Scientology officials"
 * after "the Church of Scientology". The words of a sentence are looked up before it is decoded and recorded
 * after, in text order, in training as in tagging.
 */
export class TagHistory {
  private readonly seen = new Map<string, number>()
  /** Whether each token is looked up and recorded (capitalised), and its lower-case word. */
  constructor(
    private readonly words: string[],
    private readonly capital: Uint8Array,
  ) {}

  static of(tokens: Token[], lower: string[]): TagHistory {
    // A plain loop: Uint8Array.from with a map function cost a tenth of decoding.
    const capital = new Uint8Array(tokens.length)
    for (let index = 0; index < tokens.length; index++)
      capital[index] = startsUpper((tokens[index] as Token).text) ? 1 : 0
    return new TagHistory(lower, capital)
  }

  /** The type bits of the token's word so far (0 when unseen or not capitalised). */
  bits(token: number): number {
    return this.capital[token] === 1 ? (this.seen.get(this.words[token] as string) ?? 0) : 0
  }

  record(from: number, to: number, tags: number[]): void {
    for (let token = from; token <= to; token++)
      if (this.capital[token] === 1) {
        const word = this.words[token] as string
        this.seen.set(word, (this.seen.get(word) ?? 0) | (1 << typeOfTag(tags[token] as number)))
      }
  }
}

/** Viterbi decoding of every sentence of a text; `history` rows (by type) join each token's own scores. */
export function viterbi(
  tokens: Token[],
  own: Float64Array,
  transition: TransitionScores,
  history?: { words: string[]; rows: (Float32Array | undefined)[] },
): number[] {
  const tags = new Array<number>(tokens.length).fill(OUTSIDE)
  const size = TAGS.length
  const seen = history === undefined ? null : TagHistory.of(tokens, history.words)
  const sentences = sentenceRanges(tokens)
  const scratch = viterbiScratch(
    sentences.reduce((longest, [from, to]) => Math.max(longest, to - from + 1), 0),
  )
  for (const [from, to] of sentences) {
    if (seen !== null && history !== undefined)
      for (let token = from; token <= to; token++) {
        const bits = seen.bits(token)
        if (bits === 0) continue
        for (let type = 0; type < HISTORY_FEATURES.length; type++) {
          const row = history.rows[type]
          if ((bits & (1 << type)) === 0 || row === undefined) continue
          for (let tag = 0; tag < size; tag++)
            own[token * size + tag] = (own[token * size + tag] as number) + (row[tag] as number)
        }
      }
    viterbiSentence(from, to, own, transition, tags, scratch)
    seen?.record(from, to, tags)
  }
  return tags
}

/** The history rows of a model, or undefined when it has none (models built before them). */
function historyOf(
  weights: Weights,
  lower: string[],
): { words: string[]; rows: (Float32Array | undefined)[] } | undefined {
  const rows = HISTORY_FEATURES.map((feature) => weights.get(feature))
  return rows.every((row) => row === undefined) ? undefined : { words: lower, rows }
}

/** Compiled tables of each weight map seen, or null where the weights are not whole numbers. */
const compiledOf = new WeakMap<Weights, CompiledWeights | null>()

function compiled(weights: Weights): CompiledWeights | null {
  let tables = compiledOf.get(weights)
  if (tables === undefined) {
    tables = integerWeights(weights) ? compileWeights(weights, TAGS, HISTORY_FEATURES) : null
    compiledOf.set(weights, tables)
  }
  return tables
}

/**
 * Tagging of a text's tokens (tag indices into TAGS), sentence by sentence (Viterbi). Quantised
 * (whole-number) weights, as shipped, are scored from compiled tables (scorer.ts: the same sums, 5x faster;
 * a model file is read straight into them, see model.ts); others, as in training, feature string by feature
 * string.
 */
export function tagTokens(
  tokens: Token[],
  weights: Weights | CompiledWeights,
  gazetteer: Gazetteer,
): number[] {
  const tables = weights instanceof Map ? compiled(weights) : weights
  if (tables === null) return tagTokensByFeature(tokens, weights as Weights, gazetteer)
  const context = featureContext(tokens, gazetteer)
  const wordCases = tokens.map((_, index) => wordCaseAt(context, index))
  const rows = textRows(tables, gazetteer, context, wordCases)
  const own = staticScores(tables, context, gazetteer, wordCases, rows)
  // A weight map's history rows are read from the map as it is now (a caller may change them), a model
  // file's from its tables.
  const history =
    weights instanceof Map
      ? HISTORY_FEATURES.map((feature) => weights.get(feature))
      : Array.from(tables.history, (offset) =>
          offset < 0 ? undefined : tables.rows.subarray(offset, offset + tables.size),
        )
  return viterbi(
    tokens,
    own,
    tagScorer(tables, rows),
    history.every((row) => row === undefined) ? undefined : { words: context.lower, rows: history },
  )
}

/** Tagging with a weight look-up per feature string: the reference the compiled tables must match. */
export function tagTokensByFeature(
  tokens: Token[],
  weights: Weights,
  gazetteer: Gazetteer,
): number[] {
  const context = featureContext(tokens, gazetteer)
  const size = TAGS.length
  const own = new Float64Array(tokens.length * size)
  const scores = new Float64Array(size)
  for (let index = 0; index < tokens.length; index++) {
    scores.fill(0)
    addScores(weights, staticFeatures(context, gazetteer, index), scores)
    own.set(scores, index * size)
  }
  return viterbi(
    tokens,
    own,
    transitionByRows((index, previous, into) => {
      into.fill(0)
      addScores(weights, tagFeatures(context, index, TAGS[previous] as string), into)
    }),
    historyOf(weights, context.lower),
  )
}

/** One training text: its tokens and their gold tags (indices into TAGS). */
export interface TrainingText {
  tokens: Token[]
  tags: number[]
  /**
   * Partly annotated text (the ECB+ entity layer marks only some names): per token, a bit per tag index that
   * the gold allows (`1 << tag`). Where present, the gold path of each sentence is the best path under the
   * current weights among the allowed ones (constrained Viterbi; Tsuboi et al. 2008), and `tags` is not read:
   * a capitalised word the annotators left unmarked teaches nothing, instead of teaching that it is no name.
   */
  allowed?: Uint16Array
}

export interface TrainOptions {
  /** Passes over the data (default 8). */
  epochs: number
  /** Seed of the shuffle between passes (default 1). */
  seed: number
  /** Whether the tagger reads its own earlier tags of the text's words (TagHistory; default false). */
  history?: boolean
  /**
   * Whether a word at a sentence start or in a headline learns from being capitalised mid-sentence elsewhere
   * in the text (`du=`; default false). Off, the feature never fires in training, so a model has no weight for
   * it and tagging, which builds it always, is unchanged.
   */
  capital?: boolean
  /** Called after each pass with the share of tokens tagged right during it. */
  onEpoch?: (epoch: number, accuracy: number) => void
}

/** A training text with its features interned: ids of the static features and of the tag features. */
interface InternedText {
  text: TrainingText
  sentences: [number, number][]
  /** Static feature ids of token i: ids[offsets[i]] .. ids[offsets[i + 1] - 1]. */
  ids: Int32Array
  offsets: Int32Array
  /** Tag feature ids: TAG_FEATURES per previous tag per token ((token × size + previous) × TAG_FEATURES). */
  tagIds: Int32Array
  /** Lower-case words (the prediction history's keys). */
  lower: string[]
}

/** Features read per previous tag (tagFeatures). */
const TAG_FEATURES = 4

/**
 * Averaged structured perceptron (Collins 2002): each sentence is decoded by Viterbi under the current
 * weights and, where the best path differs from the gold one, the gold path's features gain and the
 * predicted path's lose. Features are interned to ids first (the strings are built once), and the average
 * is kept by Daumé's trick (w − u/c). Returns the averaged weights of every feature whose row is not zero.
 */
export function trainPerceptron(
  texts: TrainingText[],
  gazetteer: Gazetteer,
  options: Partial<TrainOptions> = {},
): Weights {
  const { epochs = 8, seed = 1 } = options
  const size = TAGS.length
  const featureIds = new Interner<string>()
  const interned: InternedText[] = texts.map((text) => {
    const context = featureContext(text.tokens, gazetteer)
    if (options.capital !== true) context.seenCapital.fill(false)
    const count = text.tokens.length
    const offsets = new Int32Array(count + 1)
    const ids: number[] = []
    const tagIds = new Int32Array(count * size * TAG_FEATURES)
    for (let token = 0; token < count; token++) {
      offsets[token] = ids.length
      for (const feature of staticFeatures(context, gazetteer, token))
        ids.push(featureIds.id(feature))
      for (let previous = 0; previous < size; previous++) {
        const features = tagFeatures(context, token, TAGS[previous] as string)
        features.forEach(
          (feature, slot) =>
            (tagIds[(token * size + previous) * TAG_FEATURES + slot] = featureIds.id(feature)),
        )
      }
    }
    offsets[count] = ids.length
    return {
      text,
      sentences: sentenceRanges(text.tokens),
      ids: Int32Array.from(ids),
      offsets,
      tagIds,
      lower: context.lower,
    }
  })
  const useHistory = options.history ?? false
  const historyIds = HISTORY_FEATURES.map(featureIds.id)
  const weights = new Float64Array(featureIds.size * size)
  const sums = new Float64Array(featureIds.size * size)
  let clock = 1
  const update = (id: number, tag: number, delta: number): void => {
    weights[id * size + tag] = (weights[id * size + tag] as number) + delta
    sums[id * size + tag] = (sums[id * size + tag] as number) + clock * delta
  }
  const order = texts.map((_, position) => position)
  let state = seed
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  for (let epoch = 0; epoch < epochs; epoch++) {
    let right = 0
    let seen = 0
    for (const textIndex of order) {
      const { text, sentences, ids, offsets, tagIds, lower } = interned[textIndex] as InternedText
      const history = useHistory ? TagHistory.of(text.tokens, lower) : null
      const historyBits = new Int32Array(text.tokens.length)
      const own = new Float64Array(text.tokens.length * size)
      const predicted = new Array<number>(text.tokens.length).fill(OUTSIDE)
      const { allowed } = text
      const gold = allowed === undefined ? text.tags : new Array<number>(text.tokens.length)
      const masked = allowed === undefined ? null : new Float64Array(own.length)
      const transition = transitionByRows((token, previous, into) => {
        into.fill(0)
        const base = (token * size + previous) * TAG_FEATURES
        for (let slot = 0; slot < TAG_FEATURES; slot++) {
          const row = (tagIds[base + slot] as number) * size
          for (let tag = 0; tag < size; tag++)
            into[tag] = (into[tag] as number) + (weights[row + tag] as number)
        }
      })
      for (const [from, to] of sentences) {
        for (let token = from; token <= to; token++)
          for (let k = offsets[token] as number; k < (offsets[token + 1] as number); k++) {
            const row = (ids[k] as number) * size
            for (let tag = 0; tag < size; tag++)
              own[token * size + tag] =
                (own[token * size + tag] as number) + (weights[row + tag] as number)
          }
        if (history !== null)
          for (let token = from; token <= to; token++) {
            const bits = history.bits(token)
            historyBits[token] = bits
            for (let type = 0; type < historyIds.length; type++) {
              if ((bits & (1 << type)) === 0) continue
              const row = (historyIds[type] as number) * size
              for (let tag = 0; tag < size; tag++)
                own[token * size + tag] =
                  (own[token * size + tag] as number) + (weights[row + tag] as number)
            }
          }
        if (allowed !== undefined && masked !== null)
          constrainedGold(from, to, own, transition, allowed, gold, masked)
        viterbiSentence(from, to, own, transition, predicted)
        history?.record(from, to, predicted)
        for (let token = from; token <= to; token++) {
          const truth = gold[token] as number
          const guess = predicted[token] as number
          const truthBefore = token === from ? OUTSIDE : (gold[token - 1] as number)
          const guessBefore = token === from ? OUTSIDE : (predicted[token - 1] as number)
          seen++
          if (truth === guess) right++
          if (truth !== guess) {
            for (let k = offsets[token] as number; k < (offsets[token + 1] as number); k++) {
              update(ids[k] as number, truth, 1)
              update(ids[k] as number, guess, -1)
            }
            const bits = historyBits[token] as number
            for (let type = 0; type < historyIds.length; type++)
              if ((bits & (1 << type)) !== 0) {
                update(historyIds[type] as number, truth, 1)
                update(historyIds[type] as number, guess, -1)
              }
          }
          if (truth !== guess || truthBefore !== guessBefore)
            for (let slot = 0; slot < TAG_FEATURES; slot++) {
              update(tagIds[(token * size + truthBefore) * TAG_FEATURES + slot] as number, truth, 1)
              update(
                tagIds[(token * size + guessBefore) * TAG_FEATURES + slot] as number,
                guess,
                -1,
              )
            }
        }
        clock++
      }
    }
    options.onEpoch?.(epoch + 1, right / Math.max(1, seen))
    for (let position = order.length - 1; position > 0; position--) {
      const other = Math.floor(random() * (position + 1))
      ;[order[position], order[other]] = [order[other] as number, order[position] as number]
    }
  }
  const averaged: Weights = new Map()
  featureIds.keys.forEach((feature, id) => {
    const mean = new Float32Array(size)
    let nonZero = false
    for (let tag = 0; tag < size; tag++) {
      mean[tag] = (weights[id * size + tag] as number) - (sums[id * size + tag] as number) / clock
      if (mean[tag] !== 0) nonZero = true
    }
    if (nonZero) averaged.set(feature, mean)
  })
  return averaged
}
