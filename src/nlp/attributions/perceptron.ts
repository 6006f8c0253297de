/**
 * A first-order structured perceptron (Collins 2002) with averaged weights: emission weights per feature and
 * label, transition weights per label pair, Viterbi decoding. Small and fast enough to run per paragraph.
 */
import type { FeatureSink } from './features.js'

/** Weights of a tagger: labels, transitions (from × to, then a row for the sequence start), feature rows. */
export interface TaggerWeights {
  labels: string[]
  transitions: number[]
  /** Feature names; row k of `rows` (labels.length wide) belongs to names[k]. */
  names: string[]
  rows: Float32Array
}

/** A tagger ready to decode: feature rows looked up by their name. */
export class Tagger {
  readonly labels: string[]
  private readonly transitions: Float64Array
  /** Row offsets by feature template, then by value (a name `key=value` is split at its first "="). */
  private readonly rowOf = new Map<string, Map<string, number>>()
  /** Row offsets of two-part values (`a|b`) by template, then by each part; built on a template's first use. */
  private readonly pairRowOf = new Map<string, Map<string, Map<string, number>>>()
  private readonly rows: Float32Array
  /** Added to every token's score of each label (a decision threshold; zero for a plain perceptron). */
  readonly bias: Float64Array

  constructor(weights: TaggerWeights, bias: readonly number[] = []) {
    this.labels = weights.labels
    this.bias = Float64Array.from(weights.labels, (_, label) => bias[label] ?? 0)
    this.transitions = Float64Array.from(weights.transitions)
    this.rows = weights.rows
    weights.names.forEach((name, k) => {
      const split = name.indexOf('=')
      const key = split < 0 ? name : name.slice(0, split)
      const value = split < 0 ? '' : name.slice(split + 1)
      let values = this.rowOf.get(key)
      if (values === undefined) this.rowOf.set(key, (values = new Map()))
      values.set(value, k * weights.labels.length)
    })
  }

  /** The best label sequence (indices into `labels`) for tokens given as (key, value) feature pairs. */
  decode(sequence: string[][]): number[] {
    const scores = this.score((sink) => {
      for (const pairs of sequence) {
        sink.token()
        for (let k = 0; k + 1 < pairs.length; k += 2)
          sink.add(pairs[k] as string, pairs[k + 1] as string)
      }
    }, sequence.length)
    return this.decodeScores(scores, 0, sequence.length)
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
    const sink = new EmissionSink(this, this.rows, count, wanted)
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

  /** The row of feature `key=value`, if the model has one. */
  rowOfFeature(key: string, value: string): number | undefined {
    return this.rowOf.get(key)?.get(value)
  }

  /**
   * The row of feature `key=first|second`, found without joining the parts: every name `key=a|b` is filed
   * under each way its value splits at a "|", so that (first, second) finds it exactly when the joined value
   * is a name, whatever "|" the parts hold.
   */
  rowOfPair(key: string, first: string, second: string): number | undefined {
    let byFirst = this.pairRowOf.get(key)
    if (byFirst === undefined) this.pairRowOf.set(key, (byFirst = this.pairRows(key)))
    return byFirst.get(first)?.get(second)
  }

  private pairRows(key: string): Map<string, Map<string, number>> {
    const byFirst = new Map<string, Map<string, number>>()
    for (const [value, row] of this.rowOf.get(key) ?? []) {
      for (let bar = value.indexOf('|'); bar >= 0; bar = value.indexOf('|', bar + 1)) {
        const first = value.slice(0, bar)
        let bySecond = byFirst.get(first)
        if (bySecond === undefined) byFirst.set(first, (bySecond = new Map()))
        bySecond.set(value.slice(bar + 1), row)
      }
    }
    return byFirst
  }
}

/** Sums each token's feature rows into its emission scores, in the order the features are written. */
class EmissionSink implements FeatureSink {
  readonly scores: Float64Array
  private readonly size: number
  private token_ = -1
  private at = 0
  private skip = false

  constructor(
    private readonly tagger: Tagger,
    private readonly rows: Float32Array,
    count: number,
    private readonly wanted?: (token: number) => boolean,
  ) {
    this.size = tagger.labels.length
    this.scores = new Float64Array(count * this.size)
  }

  token(): void {
    this.token_++
    this.at = this.token_ * this.size
    this.skip = this.wanted !== undefined && !this.wanted(this.token_)
    // The labels' thresholds first, then the features in the order they are written.
    const { bias } = this.tagger
    for (let label = 0; label < this.size; label++) this.scores[this.at + label] = bias[label]!
  }

  add(key: string, value: string): void {
    if (this.skip) return
    const row = this.tagger.rowOfFeature(key, value)
    if (row !== undefined) this.addRow(row)
  }

  addPair(key: string, first: string, second: string): void {
    if (this.skip) return
    const row = this.tagger.rowOfPair(key, first, second)
    if (row !== undefined) this.addRow(row)
  }

  private addRow(row: number): void {
    const { scores, rows, size, at } = this
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

/** Viterbi over emissions (n × size) and transitions (size × size, then the start row). */
export function viterbi(
  emissions: Float64Array,
  transitions: Float64Array,
  length: number,
  size: number,
): number[] {
  if (length === 0) return []
  const score = new Float64Array(length * size)
  const back = new Int32Array(length * size)
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
