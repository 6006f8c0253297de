/**
 * A first-order structured perceptron (Collins 2002) with averaged weights: emission weights per feature and
 * label, transition weights per label pair, Viterbi decoding. Small and fast enough to run per paragraph.
 */
import { FeatureRows, FeatureVocabulary, type PairTable } from '../feature-rows.js'
import { type FeatureSink, TEMPLATES } from './features.js'

/** Weights of a tagger: labels, transitions (from × to, then a row for the sequence start), feature rows. */
export interface TaggerWeights {
  labels: string[]
  transitions: number[]
  /** Feature names; row k of `rows` (labels.length wide) belongs to names[k]. */
  names: string[]
  rows: Float32Array
}

/** A tagger ready to decode: feature rows found by template index and value id (../feature-rows.ts). */
export class Tagger {
  readonly labels: string[]
  private readonly transitions: Float64Array
  private readonly features: FeatureRows
  /** Per template of TEMPLATES: value id → feature index (-1: none). */
  readonly singles: Int32Array[]
  /** Per template of TEMPLATES: (first id, second id) → feature index. */
  readonly pairs: PairTable[]
  readonly rows: Float32Array
  /** Added to every token's score of each label (a decision threshold; zero for a plain perceptron). */
  readonly bias: Float64Array

  /**
   * `vocabulary`: the value ids, shared with other taggers that read the same values of a text (default: one
   * of its own); it must hold every value of `weights.names`.
   */
  constructor(
    weights: TaggerWeights,
    bias: readonly number[] = [],
    vocabulary: FeatureVocabulary = new FeatureVocabulary([weights.names]),
  ) {
    this.labels = weights.labels
    this.bias = Float64Array.from(weights.labels, (_, label) => bias[label] ?? 0)
    this.transitions = Float64Array.from(weights.transitions)
    this.rows = weights.rows
    this.features = new FeatureRows(weights.names, vocabulary)
    this.singles = TEMPLATES.map((template) => this.features.table(template))
    this.pairs = TEMPLATES.map((template) => this.features.pairs(template))
  }

  /** The id of a value in this tagger's vocabulary (-1 when no feature holds it). */
  valueId(value: string): number {
    return this.features.valueId(value)
  }

  /** The vocabulary its value ids come from (taggers sharing one read a text's values once). */
  get vocabulary(): FeatureVocabulary {
    return this.features.vocabulary
  }

  /**
   * Emission scores (tokens × labels) of the features `write` gives for `count` tokens; the tokens for which
   * `wanted` is false keep only the labels' bias (their features are not looked up).
   */
  score(
    write: (sink: FeatureSink) => void,
    count: number,
    wanted?: (token: number) => boolean,
  ): Float64Array {
    const sink = new EmissionSink(this, count, wanted)
    write(sink)
    return sink.scores
  }

  /** The best label sequence of tokens [from, from + length) from their emission scores. */
  decodeScores(scores: Float64Array, from: number, length: number): number[] {
    const size = this.labels.length
    return viterbi(
      scores.subarray(from * size, (from + length) * size),
      this.transitions,
      length,
      size,
    )
  }
}

/** Sums each token's feature rows into its emission scores, in the order the features are written. */
class EmissionSink implements FeatureSink {
  readonly scores: Float64Array
  private readonly size: number
  private readonly rows: Float32Array
  private readonly singles: Int32Array[]
  private readonly pairs: PairTable[]
  private token_ = -1
  private at = 0
  private skip = false

  constructor(
    private readonly tagger: Tagger,
    count: number,
    private readonly wanted?: (token: number) => boolean,
  ) {
    this.size = tagger.labels.length
    this.rows = tagger.rows
    this.singles = tagger.singles
    this.pairs = tagger.pairs
    this.scores = new Float64Array(count * this.size)
  }

  token(): boolean {
    this.token_++
    this.at = this.token_ * this.size
    this.skip = this.wanted !== undefined && !this.wanted(this.token_)
    // The labels' thresholds first, then the features in the order they are written.
    const { bias } = this.tagger
    for (let label = 0; label < this.size; label++) this.scores[this.at + label] = bias[label]!
    return !this.skip
  }

  get space(): object {
    return this.tagger.vocabulary
  }

  value(text: string): number {
    return this.tagger.valueId(text)
  }

  add(template: number, value: number): void {
    if (this.skip || value < 0) return
    const feature = this.singles[template]![value]!
    if (feature >= 0) this.addRow(feature)
  }

  addPair(template: number, first: number, second: number): void {
    if (this.skip) return
    const feature = this.pairs[template]!.get(first, second)
    if (feature >= 0) this.addRow(feature)
  }

  private addRow(feature: number): void {
    const { scores, rows, size, at } = this
    const row = feature * size
    for (let label = 0; label < size; label++) scores[at + label]! += rows[row + label]!
  }
}

/** Weights as stored: rows quantised to 16-bit integers (row × scale), base64, names joined by newlines. */
export interface StoredTaggerWeights {
  labels: string[]
  transitions: number[]
  names: string
  scale: number
  rows: string
}

export function storeWeights(weights: TaggerWeights): StoredTaggerWeights {
  let largest = 0
  for (const value of weights.rows) largest = Math.max(largest, Math.abs(value))
  const scale = largest === 0 ? 1 : largest / 32767
  const quantised = Int16Array.from(weights.rows, (value) => Math.round(value / scale))
  return {
    labels: weights.labels,
    transitions: weights.transitions,
    names: weights.names.join('\n'),
    scale,
    rows: Buffer.from(quantised.buffer, quantised.byteOffset, quantised.byteLength).toString(
      'base64',
    ),
  }
}

export function readWeights(stored: StoredTaggerWeights): TaggerWeights {
  const bytes = Buffer.from(stored.rows, 'base64')
  const quantised = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2)
  return {
    labels: stored.labels,
    transitions: stored.transitions,
    names: stored.names === '' ? [] : stored.names.split('\n'),
    rows: dequantised(quantised, stored.scale),
  }
}

/**
 * value × scale of each weight, rounded to 32 bits as `Float32Array.from(quantised, map)` would; a plain loop,
 * since the mapped `from` costs about 0.15 s of a process's start over the attribution model's 240,000 weights.
 */
function dequantised(quantised: Int16Array, scale: number): Float32Array {
  const rows = new Float32Array(quantised.length)
  for (let k = 0; k < quantised.length; k++) rows[k] = quantised[k]! * scale
  return rows
}

/**
 * Viterbi's score and back-pointer arrays, kept between calls and grown when a longer sequence comes: the taggers
 * decode paragraph by paragraph, and two new typed arrays per paragraph cost more than the decoding itself (a
 * typed array's construction is slow in V8). Every cell a call reads is written by that call first.
 */
let scratch = { score: new Float64Array(0), back: new Int32Array(0) }

function viterbiScratch(cells: number): { score: Float64Array; back: Int32Array } {
  if (scratch.score.length < cells) {
    const capacity = Math.max(cells, 2 * scratch.score.length)
    scratch = { score: new Float64Array(capacity), back: new Int32Array(capacity) }
  }
  return scratch
}

/** Viterbi over emissions (n × size) and transitions (size × size, then the start row). */
export function viterbi(
  emissions: Float64Array,
  transitions: Float64Array,
  length: number,
  size: number,
): number[] {
  if (length === 0) return []
  const { score, back } = viterbiScratch(length * size)
  for (let label = 0; label < size; label++)
    score[label] = emissions[label]! + transitions[size * size + label]!
  for (let i = 1; i < length; i++)
    for (let label = 0; label < size; label++) {
      let best = -Infinity
      let from = 0
      for (let previous = 0; previous < size; previous++) {
        const candidate = score[(i - 1) * size + previous]! + transitions[previous * size + label]!
        if (candidate > best) {
          best = candidate
          from = previous
        }
      }
      score[i * size + label] = best + emissions[i * size + label]!
      back[i * size + label] = from
    }
  let last = 0
  for (let label = 1; label < size; label++)
    if (score[(length - 1) * size + label]! > score[(length - 1) * size + last]!) last = label
  const path = new Array<number>(length)
  path[length - 1] = last
  for (let i = length - 1; i > 0; i--) path[i - 1] = back[i * size + path[i]!]!
  return path
}
