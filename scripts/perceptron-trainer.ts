/**
 * Training of the structured perceptron of src/nlp/attributions/perceptron.ts: features interned to ids,
 * averaged weights (Daumé's trick: w − u/c), sequences shuffled per epoch by a seeded generator.
 */
import { featureName } from '../src/nlp/attributions/features.js'
import { viterbi, type TaggerWeights } from '../src/nlp/attributions/perceptron.js'

/** One sequence: per token feature ids (flattened with offsets) and the gold label ids. */
export interface Sequence {
  features: Int32Array
  offsets: Int32Array
  gold: Uint8Array
}

/** Interns feature strings; ids of features seen fewer than `minCount` times are dropped at freeze time. */
export class FeatureIndex {
  readonly ids = new Map<string, number>()
  readonly counts: number[] = []

  id(name: string): number {
    let id = this.ids.get(name)
    if (id === undefined) {
      id = this.counts.length
      this.ids.set(name, id)
      this.counts.push(0)
    }
    this.counts[id]!++
    return id
  }

  /** A sequence from per-token (key, value) feature pairs and gold labels. */
  sequence(features: string[][], gold: number[]): Sequence {
    const offsets = new Int32Array(features.length + 1)
    const flat: number[] = []
    features.forEach((pairs, i) => {
      offsets[i] = flat.length
      for (let k = 0; k + 1 < pairs.length; k += 2)
        flat.push(this.id(featureName(pairs[k] as string, pairs[k + 1] as string)))
    })
    offsets[features.length] = flat.length
    return { features: Int32Array.from(flat), offsets, gold: Uint8Array.from(gold) }
  }
}

/** A seeded generator (mulberry32), so that training is reproducible. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Shuffles `order` in place (Fisher–Yates) with a seeded generator: each epoch of every trainer here. */
export function shuffle(order: number[], next: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
}

export interface TrainedWeights {
  emissions: Float32Array
  transitions: Float64Array
}

/** Emission scores (tokens × labels) of a sequence under emission weights (features × labels). */
export function emissionsOf(sequence: Sequence, weights: Float32Array, size: number): Float64Array {
  const n = sequence.gold.length
  const emissions = new Float64Array(n * size)
  for (let t = 0; t < n; t++)
    for (let k = sequence.offsets[t]!; k < sequence.offsets[t + 1]!; k++) {
      const base = sequence.features[k]! * size
      for (let label = 0; label < size; label++)
        emissions[t * size + label]! += weights[base + label]!
    }
  return emissions
}

/** Averaged weights after each epoch (1..epochs), handed to `onEpoch`. */
export function trainPerceptron(
  sequences: Sequence[],
  labels: number,
  features: number,
  epochs: number,
  onEpoch: (epoch: number, weights: TrainedWeights) => void,
  seed = 1,
): void {
  const size = labels
  const w = new Float32Array(features * size)
  const u = new Float32Array(features * size)
  const tw = new Float64Array(size * size + size)
  const tu = new Float64Array(size * size + size)
  let c = 1
  const next = random(seed)
  const order = sequences.map((_, i) => i)
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, next)
    for (const index of order) {
      const sequence = sequences[index]!
      const n = sequence.gold.length
      const emissions = emissionsOf(sequence, w, size)
      const predicted = viterbi(emissions, tw, n, size)
      for (let t = 0; t < n; t++) {
        const gold = sequence.gold[t]!
        const guess = predicted[t]!
        if (gold !== guess)
          for (let k = sequence.offsets[t]!; k < sequence.offsets[t + 1]!; k++) {
            const base = sequence.features[k]! * size
            w[base + gold]! += 1
            u[base + gold]! += c
            w[base + guess]! -= 1
            u[base + guess]! -= c
          }
        const goldFrom = t === 0 ? size * size : sequence.gold[t - 1]! * size
        const guessFrom = t === 0 ? size * size : predicted[t - 1]! * size
        if (goldFrom !== guessFrom || gold !== guess) {
          tw[goldFrom + gold]! += 1
          tu[goldFrom + gold]! += c
          tw[guessFrom + guess]! -= 1
          tu[guessFrom + guess]! -= c
        }
      }
      c++
    }
    const emissions = new Float32Array(w.length)
    for (let k = 0; k < w.length; k++) emissions[k] = w[k]! - u[k]! / c
    const transitions = new Float64Array(tw.length)
    for (let k = 0; k < tw.length; k++) transitions[k] = tw[k]! - tu[k]! / c
    onEpoch(epoch, { emissions, transitions })
  }
}

/**
 * Weights as shipped: rows of features seen at least `minCount` times whose spread (largest minus smallest
 * label weight) is at least `prune` × the largest weight of the tagger; a row of equal weights changes no
 * decision, and small spreads change few.
 */
export function exportWeights(
  index: FeatureIndex,
  labelNames: readonly string[],
  weights: TrainedWeights,
  minCount: number,
  prune = 0,
): TaggerWeights {
  const size = labelNames.length
  let largest = 0
  for (const value of weights.emissions) largest = Math.max(largest, Math.abs(value))
  const names: string[] = []
  const rows: number[] = []
  for (const [name, id] of index.ids) {
    if ((index.counts[id] ?? 0) < minCount) continue
    const row = Array.from(weights.emissions.subarray(id * size, id * size + size))
    const spread = Math.max(...row) - Math.min(...row)
    if (spread < 1e-3 || spread < prune * largest) continue
    names.push(name)
    rows.push(...row)
  }
  return {
    labels: [...labelNames],
    transitions: Array.from(weights.transitions, (value) => Math.round(value * 1000) / 1000),
    names,
    rows: Float32Array.from(rows),
  }
}
