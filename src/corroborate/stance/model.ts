import { gunzipSync, gzipSync } from 'node:zlib'
import type { FeatureLayout, SparseInput } from './features.js'

export const STANCES = ['agree', 'disagree', 'discuss', 'unrelated'] as const
export type Stance = (typeof STANCES)[number]

/**
 * A one-hidden-layer network (ReLU) over the sparse stance input, softmax over the four stances — the shape
 * of UCL Machine Reading's FNC-1 entry (Riedel et al. 2017), over hashed counts instead of a vocabulary.
 */
export interface StanceModel {
  layout: FeatureLayout
  dense: number
  hidden: number
  /** inputs x hidden, row-major by input index (a sparse input touches few rows). */
  w1: Float32Array
  b1: Float32Array
  /** hidden x 4 */
  w2: Float32Array
  b2: Float32Array
  /** Inverse document frequency of each text bucket, from the training bodies. */
  idf: Float32Array
  /**
   * Inverse document frequency of hashed stems (many buckets, from the training bodies and claims) for the
   * exact-stem TF-IDF measures (features.ts TERM_FEATURES); absent in models trained without them.
   */
  termIdf?: Float32Array
}

export const inputSize = (model: Pick<StanceModel, 'layout' | 'dense'>): number =>
  model.layout.claimBuckets + model.layout.textBuckets + model.layout.closeBuckets + model.dense

/** Hidden activations (after ReLU) for one input. */
export function hiddenOf(model: StanceModel, input: SparseInput): Float32Array {
  const { hidden, w1 } = model
  const h = Float32Array.from(model.b1)
  for (let k = 0; k < input.indices.length; k++) {
    const row = (input.indices[k] as number) * hidden
    const value = input.values[k] as number
    if (value === 0) continue
    for (let j = 0; j < hidden; j++) h[j] = (h[j] as number) + (w1[row + j] as number) * value
  }
  for (let j = 0; j < hidden; j++) if ((h[j] as number) < 0) h[j] = 0
  return h
}

/** Class probabilities (in STANCES order) from hidden activations. */
export function outputOf(model: StanceModel, h: Float32Array): number[] {
  const logits = [...model.b2]
  for (let j = 0; j < model.hidden; j++) {
    const value = h[j] as number
    if (value === 0) continue
    for (let c = 0; c < STANCES.length; c++)
      logits[c] = (logits[c] as number) + (model.w2[j * STANCES.length + c] as number) * value
  }
  const top = Math.max(...logits)
  const exps = logits.map((logit) => Math.exp(logit - top))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map((value) => value / sum)
}

export const predict = (model: StanceModel, input: SparseInput): number[] =>
  outputOf(model, hiddenOf(model, input))

/** An ensemble's probabilities: the mean of its members' (members trained alike from different seeds). */
export function predictMean(models: StanceModel[], input: SparseInput): number[] {
  const each = models.map((model) => predict(model, input))
  return STANCES.map((_, c) => each.reduce((sum, p) => sum + (p[c] as number), 0) / each.length)
}

/** The serialised form: a small JSON header and the numbers, int8 per input row with a row scale, gzip, base64. */
export interface PackedStanceModel {
  layout: FeatureLayout
  dense: number
  hidden: number
  data: string
  /** The training settings (scripts/train-stance.ts), for provenance; not read by the model. */
  trainedWith?: Record<string, number>
  /** The term idf table (StanceModel.termIdf) in steps of 1/TERM_IDF_STEPS, one byte a bucket, gzip, base64. */
  termIdf?: string
}

/** A term idf is shipped rounded to 1/20 (one byte a bucket: idf up to 12.75). */
const TERM_IDF_STEPS = 20

const packTermIdf = (table: Float32Array): string =>
  gzipSync(
    Uint8Array.from(table, (value) => Math.min(255, Math.round(value * TERM_IDF_STEPS))),
    { level: 9 },
  ).toString('base64')

const unpackTermIdf = (data: string): Float32Array =>
  Float32Array.from(gunzipSync(Buffer.from(data, 'base64')), (step) => step / TERM_IDF_STEPS)

export function packModel(model: StanceModel): PackedStanceModel {
  const rows = model.w1.length / model.hidden
  const scales = new Float32Array(rows)
  const quantised = new Int8Array(model.w1.length)
  for (let r = 0; r < rows; r++) {
    let top = 0
    for (let j = 0; j < model.hidden; j++)
      top = Math.max(top, Math.abs(model.w1[r * model.hidden + j] as number))
    const scale = top / 127 || 1
    scales[r] = scale
    for (let j = 0; j < model.hidden; j++)
      quantised[r * model.hidden + j] = Math.round(
        (model.w1[r * model.hidden + j] as number) / scale,
      )
  }
  const parts = [
    new Uint8Array(scales.buffer),
    new Uint8Array(quantised.buffer),
    new Uint8Array(model.b1.buffer.slice(0)),
    new Uint8Array(model.w2.buffer.slice(0)),
    new Uint8Array(model.b2.buffer.slice(0)),
    new Uint8Array(model.idf.buffer.slice(0)),
  ]
  return {
    layout: model.layout,
    dense: model.dense,
    hidden: model.hidden,
    data: gzipSync(Buffer.concat(parts), { level: 9 }).toString('base64'),
    ...(model.termIdf === undefined ? {} : { termIdf: packTermIdf(model.termIdf) }),
  }
}

export function unpackModel(packed: PackedStanceModel): StanceModel {
  const bytes = gunzipSync(Buffer.from(packed.data, 'base64'))
  const rows = inputSize(packed)
  const { hidden } = packed
  let offset = 0
  const floats = (count: number): Float32Array => {
    const out = new Float32Array(count)
    new Uint8Array(out.buffer).set(bytes.subarray(offset, offset + count * 4))
    offset += count * 4
    return out
  }
  const scales = floats(rows)
  const quantised = new Int8Array(rows * hidden)
  new Uint8Array(quantised.buffer).set(bytes.subarray(offset, offset + rows * hidden))
  offset += rows * hidden
  const w1 = new Float32Array(rows * hidden)
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < hidden; j++)
      w1[r * hidden + j] = (quantised[r * hidden + j] as number) * (scales[r] as number)
  return {
    layout: packed.layout,
    dense: packed.dense,
    hidden,
    w1,
    b1: floats(hidden),
    w2: floats(hidden * STANCES.length),
    b2: floats(STANCES.length),
    idf: floats(packed.layout.textBuckets),
    ...(packed.termIdf === undefined ? {} : { termIdf: unpackTermIdf(packed.termIdf) }),
  }
}
