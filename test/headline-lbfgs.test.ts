import { expect, test } from 'vitest'
import { predictHeadline } from '../src/corroborate/stance/headline.js'
import { bestCandidate, trainBatchHeadline } from '../scripts/headline-lbfgs.js'
import type { HeadlineExample } from '../scripts/headline-trainer.js'

// Made-up pairs over a small hashed space, labels not a function of the inputs alone (so the fit is not perfect).
const examples: HeadlineExample[] = Array.from({ length: 30 }, (_, i) => ({
  input: { indices: [i % 7, 10 + (i % 5), 30 + (i % 3)], values: [1, 0.5, (i % 4) / 4] },
  label: (i + (i % 4 === 0 ? 1 : 0)) % 3,
  claimId: `c${i % 6}`,
}))

/** The objective's gradient at a model: mean (p − y) · x plus l2 · w for weights, mean (p − y) for biases. */
function gradientAt(model: ReturnType<typeof trainBatchHeadline>, l2: number): number[] {
  const grad = new Array<number>(model.weights.length + 3).fill(0)
  for (const example of examples) {
    const p = predictHeadline(model, example.input)
    p.forEach((value, c) => {
      const dz = (value - (c === example.label ? 1 : 0)) / examples.length
      grad[model.weights.length + c]! += dz
      example.input.indices.forEach((bucket, k) => {
        grad[bucket * 3 + c]! += dz * example.input.values[k]!
      })
    })
  }
  model.weights.forEach((w, at) => {
    if (w !== 0) grad[at]! += l2 * w
  })
  return grad
}

test('the batch headline learner stops where the regularised objective is flat', () => {
  const model = trainBatchHeadline(examples, 0.01, 64)
  for (const value of gradientAt(model, 0.01)) expect(Math.abs(value)).toBeLessThan(1e-3)
  // It is not the zero model: the pairs pull the weights away from it.
  expect(model.weights.some((w) => Math.abs(w) > 0.05)).toBe(true)
})

test('a larger l2 gives smaller weights', () => {
  const norm = (l2: number): number =>
    trainBatchHeadline(examples, l2, 64).weights.reduce((sum, w) => sum + w * w, 0)
  expect(norm(0.1)).toBeLessThan(norm(0.01))
  expect(norm(0.01)).toBeLessThan(norm(0.001))
})

test('inner CV keeps the candidate that classifies the held-out pairs best', () => {
  const right = examples.map((example) => [0, 1, 2].map((c) => (c === example.label ? 0.8 : 0.1)))
  const wrong = examples.map((example) => [0, 1, 2].map((c) => (c === example.label ? 0.1 : 0.45)))
  expect(bestCandidate(examples, [wrong, right])).toBe(1)
  expect(bestCandidate(examples, [right, wrong])).toBe(0)
})
