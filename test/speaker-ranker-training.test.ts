import { describe, expect, it } from 'vitest'
import { trainLogLinear } from '../scripts/speaker-ranker-data.js'
import { SpeakerRanker, type SpeakerHypothesis } from '../src/nlp/attributions/ranker.js'

const hypothesis = (...features: string[]): SpeakerHypothesis => ({
  source: null,
  resolved: { speaker: features[0] ?? null, entityId: null, person: false },
  features,
})

// Toy lists: the right reading carries 'near', the wrong ones 'far'; the first reading, which the ranker prefers
// on ties, is always wrong, so a ranker that learns nothing fails every list. One list in four has the right
// reading by name as well, which only the feature 'near' tells apart from the rest.
const lists = Array.from({ length: 40 }, (_, k) => ({
  hypotheses: [
    hypothesis('rule', 'far'),
    hypothesis('src', 'near'),
    hypothesis('name', k % 4 === 0 ? 'near' : 'far'),
  ],
  right: [false, true, k % 4 === 0],
}))

describe('trainLogLinear (the speaker ranker, log-linear)', () => {
  it('learns to put the right reading first', () => {
    const ranker = new SpeakerRanker(trainLogLinear(lists, 1))
    expect(lists.every(({ hypotheses }) => ranker.choose(hypotheses) === 1)).toBe(true)
  })

  it('weighs the telling feature up and its opposite down; a larger penalty shrinks the weights', () => {
    const loose = trainLogLinear(lists, 0.1)
    const tight = trainLogLinear(lists, 10)
    expect(loose.near ?? 0).toBeGreaterThan(1)
    expect(loose.far ?? 0).toBeLessThan(-1)
    expect(tight.near ?? 0).toBeGreaterThan(0)
    expect(tight.near ?? 0).toBeLessThan(loose.near ?? 0)
  })
})
