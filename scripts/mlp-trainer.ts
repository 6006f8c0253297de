/**
 * Training of the stance models' one-hidden-layer network (src/corroborate/stance/model.ts): Adagrad on the
 * cross-entropy, dropout on the hidden layer, lazy L2 on the rows an example touches, a per-class loss weight.
 * Shared by scripts/train-stance.ts (the body and short-text models) and scripts/train-stance-cues.ts (the
 * body model's second stage).
 */
import {
  hiddenOf,
  inputSize,
  outputOf,
  STANCES,
  type StanceModel,
} from '../src/corroborate/stance/model.js'
import type { FeatureLayout } from '../src/corroborate/stance/features.js'
import { shuffle } from './perceptron-trainer.js'

export interface Example {
  indices: Int32Array
  values: Float32Array
  label: number
  group: number
}

export interface MlpSettings {
  epochs: number
  hidden: number
  lr: number
  dropout: number
  l2: number
  /** Loss weight per class (STANCES order); 1 where not given. */
  classWeights: number[]
}

export function newModel(
  layout: FeatureLayout,
  dense: number,
  hidden: number,
  idf: Float32Array,
  next: () => number,
): StanceModel {
  const shape = { layout, dense }
  const inputs = inputSize(shape)
  const gauss = (scale: number): number =>
    Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next()) * scale
  return {
    ...shape,
    hidden,
    w1: Float32Array.from({ length: inputs * hidden }, () => gauss(0.05)),
    b1: new Float32Array(hidden).fill(0.01),
    w2: Float32Array.from({ length: hidden * STANCES.length }, () => gauss(Math.sqrt(2 / hidden))),
    b2: new Float32Array(STANCES.length),
    idf,
  }
}

export function train(
  model: StanceModel,
  examples: Example[],
  settings: MlpSettings,
  next: () => number,
): void {
  const { hidden } = model
  const classes = STANCES.length
  const g1 = new Float32Array(model.w1.length).fill(1e-8)
  const gb1 = new Float32Array(hidden).fill(1e-8)
  const g2 = new Float32Array(model.w2.length).fill(1e-8)
  const gb2 = new Float32Array(classes).fill(1e-8)
  const order = examples.map((_, index) => index)
  const dh = new Float32Array(hidden)
  const { lr, l2, dropout } = settings
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, next)
    let loss = 0
    for (const index of order) {
      const example = examples[index] as Example
      const input = { indices: [...example.indices], values: [...example.values] }
      const h = hiddenOf(model, input)
      for (let j = 0; j < hidden; j++)
        h[j] = next() < dropout ? 0 : (h[j] as number) / (1 - dropout)
      const p = outputOf(model, h)
      loss -= Math.log(Math.max(1e-9, p[example.label] as number))
      const scale = settings.classWeights[example.label] ?? 1
      const dz = p.map((value, c) => (value - (c === example.label ? 1 : 0)) * scale)
      dh.fill(0)
      for (let j = 0; j < hidden; j++) {
        const hj = h[j] as number
        for (let c = 0; c < classes; c++) {
          const at = j * classes + c
          dh[j] = (dh[j] as number) + (model.w2[at] as number) * (dz[c] as number)
          if (hj === 0) continue
          const grad = hj * (dz[c] as number) + l2 * (model.w2[at] as number)
          g2[at] = (g2[at] as number) + grad * grad
          model.w2[at] = (model.w2[at] as number) - (lr * grad) / Math.sqrt(g2[at] as number)
        }
        if (hj === 0) dh[j] = 0
      }
      for (let c = 0; c < classes; c++) {
        const grad = dz[c] as number
        gb2[c] = (gb2[c] as number) + grad * grad
        model.b2[c] = (model.b2[c] as number) - (lr * grad) / Math.sqrt(gb2[c] as number)
      }
      for (let j = 0; j < hidden; j++) {
        const grad = dh[j] as number
        if (grad === 0) continue
        gb1[j] = (gb1[j] as number) + grad * grad
        model.b1[j] = (model.b1[j] as number) - (lr * grad) / Math.sqrt(gb1[j] as number)
      }
      for (let k = 0; k < example.indices.length; k++) {
        const row = (example.indices[k] as number) * hidden
        const value = example.values[k] as number
        for (let j = 0; j < hidden; j++) {
          const at = row + j
          const grad = (dh[j] as number) * value + l2 * (model.w1[at] as number)
          if (grad === 0) continue
          g1[at] = (g1[at] as number) + grad * grad
          model.w1[at] = (model.w1[at] as number) - (lr * grad) / Math.sqrt(g1[at] as number)
        }
      }
    }
    console.error(`  epoch ${epoch + 1}: mean loss ${(loss / order.length).toFixed(4)}`)
  }
}
