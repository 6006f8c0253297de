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
  /** The value ids (shared with other taggers that read the same values of a text). */
  readonly vocabulary: FeatureVocabulary
  /** The one-value features by value, then template: see `ValueMajorRows`. */
  readonly singles: ValueMajorRows
  /** Per template of TEMPLATES: (first id, second id) → feature index (a row of `rows`). */
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
    this.vocabulary = vocabulary
    // The per-template tables are laid out again by value (and then dropped); the pair tables are kept.
    const features = new FeatureRows(weights.names, vocabulary)
    this.singles = valueMajorRows(
      TEMPLATES.map((template) => (features.has(template) ? features.table(template) : null)),
      weights.rows,
      weights.labels.length,
    )
    this.pairs = TEMPLATES.map((template) => features.pairs(template))
  }

  /** The id of a value in this tagger's vocabulary (-1 when no feature holds it). */
  valueId(value: string): number {
    return this.vocabulary.valueId(value)
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
  private readonly singles: ValueMajorRows
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
    const { slots, width, index, rows } = this.singles
    const slot = slots[template]!
    if (slot < 0) return
    const feature = index[value * width + slot]!
    if (feature >= 0) this.addRow(rows, feature)
  }

  addPair(template: number, first: number, second: number): void {
    if (this.skip) return
    const feature = this.pairs[template]!.get(first, second)
    if (feature >= 0) this.addRow(this.rows, feature)
  }

  private addRow(rows: Float32Array, feature: number): void {
    const { scores, size, at } = this
    const row = feature * size
    for (let label = 0; label < size; label++) scores[at + label]! += rows[row + label]!
  }
}

/**
 * A tagger's one-value features laid out by value id, then template: a token's features read the same value
 * under several templates as the window moves (a word is `nn=` of the token two before it, `n=`, `w=`, `p=`,
 * `pp=` of the next four), and feature by template kept each in a table and a row of its own, scattered over
 * megabytes, so most reads missed the processor's caches. Here a value's feature indices are side by side in
 * `index` and their rows side by side in `rows` (copies of the model's rows, in that order). Only the layout
 * changes: the same rows are added in the same order, so every score is the same.
 */
export interface ValueMajorRows {
  /** Per template of TEMPLATES: its column in `index` (-1 when the tagger has no feature of it). */
  slots: Int32Array
  /** Columns per value: the templates the tagger has one-value features of. */
  width: number
  /** value id × width + column → row in `rows` (-1: no feature). */
  index: Int32Array
  rows: Float32Array
}

function valueMajorRows(
  tables: (Int32Array | null)[],
  rows: Float32Array,
  size: number,
): ValueMajorRows {
  const columns: Int32Array[] = []
  const slots = new Int32Array(tables.length).fill(-1)
  tables.forEach((table, template) => {
    if (table !== null) slots[template] = columns.push(table) - 1
  })
  const width = columns.length
  const values = columns[0]?.length ?? 0
  const index = new Int32Array(values * width).fill(-1)
  // Every row is some template's (one value each), so the copies take no more room than the rows.
  const ordered = new Float32Array(rows.length)
  // Plain loops: this runs once per process, mostly before the JIT has compiled it.
  let next = 0
  for (let value = 0; value < values; value++)
    for (let column = 0; column < width; column++) {
      const feature = (columns[column] as Int32Array)[value] as number
      if (feature < 0) continue
      for (let label = 0; label < size; label++)
        ordered[next * size + label] = rows[feature * size + label] as number
      index[value * width + column] = next++
    }
  return { slots, width, index, rows: ordered }
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
