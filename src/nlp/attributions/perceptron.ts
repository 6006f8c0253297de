/**
 * A first-order structured perceptron (Collins 2002) with averaged weights: emission weights per feature and
 * label, transition weights per label pair, Viterbi decoding. Small and fast enough to run per paragraph.
 */

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
  private readonly rows: Float32Array
  /** Added to every token's score of each label (a decision threshold; zero for a plain perceptron). */
  private readonly bias: Float64Array

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
    const size = this.labels.length
    const emissions = new Float64Array(sequence.length * size)
    for (let i = 0; i < sequence.length; i++) {
      for (let label = 0; label < size; label++) emissions[i * size + label] = this.bias[label]!
      const pairs = sequence[i] as string[]
      for (let k = 0; k + 1 < pairs.length; k += 2) {
        const row = this.rowOf.get(pairs[k] as string)?.get(pairs[k + 1] as string)
        if (row === undefined) continue
        for (let label = 0; label < size; label++)
          emissions[i * size + label]! += this.rows[row + label]!
      }
    }
    return viterbi(emissions, this.transitions, sequence.length, size)
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
    rows: Float32Array.from(quantised, (value) => value * stored.scale),
  }
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
