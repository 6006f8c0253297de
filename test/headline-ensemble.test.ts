import { expect, test } from 'vitest'
import {
  HEADLINE_SETTINGS,
  type HeadlineExample,
  trainEnsemble,
  trainHeadline,
  trainHeadlineModel,
} from '../scripts/headline-trainer.js'

// A few made-up pairs over a small hashed space: enough for the shuffles of different seeds to differ.
const settings = { ...HEADLINE_SETTINGS, buckets: 64, epochs: 3 }
const examples: HeadlineExample[] = Array.from({ length: 24 }, (_, i) => ({
  input: { indices: [i % 7, 10 + (i % 5), 30 + (i % 3)], values: [1, 0.5, (i % 4) / 4] },
  label: i % 3,
  claimId: `c${i % 6}`,
}))

test('the shipped headline model is the mean of its members, each trained in its own order', () => {
  const members = [1, 2, 3].map((seed) => trainHeadline(examples, { ...settings, seed }))
  // Another seed is another order: the members differ, or there would be no noise to average away.
  expect(members[0]!.weights).not.toEqual(members[1]!.weights)
  const ensemble = trainEnsemble(examples, settings, 3)
  ensemble.weights.forEach((value, at) => {
    const mean = members.reduce((sum, member) => sum + (member.weights[at] as number), 0) / 3
    expect(value).toBeCloseTo(mean, 6)
  })
  ensemble.bias.forEach((value, c) => {
    const mean = members.reduce((sum, member) => sum + (member.bias[c] as number), 0) / 3
    expect(value).toBeCloseTo(mean, 6)
  })
  // One member is the single order the model shipped with before (seed 1).
  expect(trainHeadlineModel(examples, { ...settings, members: 1 }).weights).toEqual(
    members[0]!.weights,
  )
  expect(trainHeadlineModel(examples, { ...settings, members: 3 }).weights).toEqual(
    ensemble.weights,
  )
})
