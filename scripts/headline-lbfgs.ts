/**
 * A regularised multinomial logistic regression for the headline model, trained to convergence (L-BFGS) instead
 * of five Adagrad epochs: the objective is the mean cross-entropy over the pairs plus l2 / 2 · ‖W‖² (bias not
 * penalised), so the answer does not depend on a training order. `trainBatchHeadline` fits one l2;
 * scripts/headline-candidates.ts ("@batchcv", "@mixcv") picks l2, and a mix with the shipped ensemble, by inner
 * 5-fold CV grouped by claim within an outer fold's training claims, with `bestCandidate`. Issue #11, session 21:
 * measured, not shipped (docs/JOURNAL.md, round 21).
 */
import { HEADLINE_CLASSES, type HeadlineModel } from '../src/corroborate/stance/headline.js'
import type { HeadlineExample } from './headline-trainer.js'
import { Interner } from '../src/text/interner.js'

const CLASSES = HEADLINE_CLASSES.length

/** The pairs over the buckets they use only (dense columns), so the optimiser's vectors stay small. */
interface Compact {
  columns: number[]
  rows: { cols: number[]; values: number[]; label: number }[]
}

function compact(data: HeadlineExample[]): Compact {
  const columns = new Interner<number>()
  const rows = data.map((example) => ({
    cols: example.input.indices.map((bucket) => columns.id(bucket)),
    values: example.input.values,
    label: example.label,
  }))
  return { columns: columns.keys, rows }
}

/** Objective and gradient at `x` (columns × classes weights, then the classes' biases). */
function objective(data: Compact, l2: number, x: Float64Array, grad: Float64Array): number {
  const biasAt = data.columns.length * CLASSES
  grad.fill(0)
  let loss = 0
  const logits = new Float64Array(CLASSES)
  for (const row of data.rows) {
    for (let c = 0; c < CLASSES; c++) logits[c] = x[biasAt + c] as number
    row.cols.forEach((col, k) => {
      const value = row.values[k] as number
      for (let c = 0; c < CLASSES; c++)
        logits[c] = (logits[c] as number) + (x[col * CLASSES + c] as number) * value
    })
    let top = -Infinity
    for (let c = 0; c < CLASSES; c++) top = Math.max(top, logits[c] as number)
    let sum = 0
    for (let c = 0; c < CLASSES; c++) sum += Math.exp((logits[c] as number) - top)
    loss += top + Math.log(sum) - (logits[row.label] as number)
    for (let c = 0; c < CLASSES; c++) {
      const dz = Math.exp((logits[c] as number) - top) / sum - (c === row.label ? 1 : 0)
      grad[biasAt + c] = (grad[biasAt + c] as number) + dz
      row.cols.forEach((col, k) => {
        const at = col * CLASSES + c
        grad[at] = (grad[at] as number) + dz * (row.values[k] as number)
      })
    }
  }
  const n = data.rows.length
  let penalty = 0
  for (let i = 0; i < x.length; i++) {
    grad[i] = (grad[i] as number) / n
    if (i < biasAt) {
      penalty += (x[i] as number) ** 2
      grad[i] = (grad[i] as number) + l2 * (x[i] as number)
    }
  }
  return loss / n + (l2 / 2) * penalty
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number)
  return sum
}

/** L-BFGS (memory 10) with a backtracking Armijo line search; stops when the gradient is tiny or the loss still. */
function minimise(data: Compact, l2: number, start: Float64Array, iterations = 500): Float64Array {
  const size = start.length
  let x = Float64Array.from(start)
  let g = new Float64Array(size)
  let f = objective(data, l2, x, g)
  const memory: { s: Float64Array; y: Float64Array; rho: number }[] = []
  for (let iteration = 0; iteration < iterations; iteration++) {
    // Two-loop recursion: direction = −H·g.
    const q = Float64Array.from(g)
    const alphas: number[] = []
    for (let i = memory.length - 1; i >= 0; i--) {
      const { s, y, rho } = memory[i] as (typeof memory)[number]
      const alpha = rho * dot(s, q)
      alphas[i] = alpha
      for (let j = 0; j < size; j++) q[j] = (q[j] as number) - alpha * (y[j] as number)
    }
    const last = memory[memory.length - 1]
    const gamma =
      last === undefined
        ? 1 / Math.max(1, Math.sqrt(dot(g, g)))
        : dot(last.s, last.y) / dot(last.y, last.y)
    for (let j = 0; j < size; j++) q[j] = (q[j] as number) * gamma
    for (let i = 0; i < memory.length; i++) {
      const { s, y, rho } = memory[i] as (typeof memory)[number]
      const beta = rho * dot(y, q)
      const alpha = alphas[i] as number
      for (let j = 0; j < size; j++) q[j] = (q[j] as number) + (alpha - beta) * (s[j] as number)
    }
    const direction = q.map((value) => -value)
    let slope = dot(direction, g)
    if (slope >= 0) {
      memory.length = 0
      for (let j = 0; j < size; j++) direction[j] = -(g[j] as number)
      slope = dot(direction, g)
    }
    let step = 1
    const next = new Float64Array(size)
    const nextGrad = new Float64Array(size)
    let nextF = Infinity
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < size; j++) next[j] = (x[j] as number) + step * (direction[j] as number)
      nextF = objective(data, l2, next, nextGrad)
      if (nextF <= f + 1e-4 * step * slope) break
      step /= 2
    }
    if (!(nextF < f)) break
    const s = new Float64Array(size)
    const y = new Float64Array(size)
    for (let j = 0; j < size; j++) {
      s[j] = (next[j] as number) - (x[j] as number)
      y[j] = (nextGrad[j] as number) - (g[j] as number)
    }
    const sy = dot(s, y)
    if (sy > 1e-12) {
      memory.push({ s, y, rho: 1 / sy })
      if (memory.length > 10) memory.shift()
    }
    const change = f - nextF
    x = next
    g = nextGrad
    f = nextF
    if (change < 1e-9 * Math.max(1, Math.abs(f)) || Math.sqrt(dot(g, g)) < 1e-6) break
  }
  return x
}

function toModel(data: Compact, x: Float64Array, buckets: number): HeadlineModel {
  const model: HeadlineModel = {
    buckets,
    weights: new Float32Array(buckets * CLASSES),
    bias: new Float32Array(CLASSES),
  }
  data.columns.forEach((bucket, col) => {
    for (let c = 0; c < CLASSES; c++)
      model.weights[bucket * CLASSES + c] = x[col * CLASSES + c] as number
  })
  const biasAt = data.columns.length * CLASSES
  for (let c = 0; c < CLASSES; c++) model.bias[c] = x[biasAt + c] as number
  return model
}

/** The regularised logistic regression at one l2, trained to convergence. */
export function trainBatchHeadline(
  data: HeadlineExample[],
  l2: number,
  buckets: number,
): HeadlineModel {
  const packed = compact(data)
  const start = new Float64Array((packed.columns.length + 1) * CLASSES)
  return toModel(packed, minimise(packed, l2, start), buckets)
}

/** The l2 values inner CV chooses among. */
export const L2_GRID = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03]

const argmax = (values: number[]): number => values.indexOf(Math.max(...values))

/** Index of the candidate whose out-of-fold probabilities classify best (log-loss breaks ties; first on ties). */
export function bestCandidate(data: HeadlineExample[], outOfFold: number[][][]): number {
  let best = { index: 0, correct: -1, loss: Infinity }
  outOfFold.forEach((probabilities, index) => {
    let correct = 0
    let loss = 0
    probabilities.forEach((p, i) => {
      const label = (data[i] as HeadlineExample).label
      if (argmax(p) === label) correct++
      loss -= Math.log(Math.max(1e-12, p[label] as number))
    })
    if (correct > best.correct || (correct === best.correct && loss < best.loss))
      best = { index, correct, loss }
  })
  return best.index
}
