import { expect, test } from 'vitest'
import { CUE_WORDS, cueInput, cueInputSize, withCueStage } from './cues.js'
import { closeSentences, DENSE_FEATURES, prepareClaim, prepareText } from './features.js'

const claim = 'Police say the missing pilot was found alive in the jungle'
const text =
  'The pilot was not found. Officials denied reports that the missing pilot had been found alive, calling them a hoax. ' +
  'Is he alive? "We keep searching," police said on Tuesday.'
const prepared = prepareText(text)
const close = closeSentences(prepareClaim(claim), prepared)
const dense = Array.from({ length: DENSE_FEATURES }, (_, index) => index / DENSE_FEATURES)

test('the cue input counts lexicon words only, in ascending indices within its size', () => {
  const input = cueInput(claim, text, prepared, close, dense)
  const size = cueInputSize(DENSE_FEATURES)
  expect(input.indices.length).toBe(input.values.length)
  input.indices.forEach((index, at) => {
    expect(index).toBeLessThan(size)
    if (at > 0) expect(index).toBeGreaterThan(input.indices[at - 1] as number)
  })
  // Topic words ("pilot", "jungle") are not in the lexicon; cue words and marks are.
  expect(CUE_WORDS).not.toContain('pilot')
  for (const cue of ['not', 'denied', 'hoax', '?', '"']) expect(CUE_WORDS).toContain(cue)
  // The body block holds "not": its index in the fourth block is present.
  const bodyNot = 3 * CUE_WORDS.length + CUE_WORDS.indexOf('not')
  expect(input.indices).toContain(bodyNot)
  // The dense measures come after the four blocks, in order.
  const denseAt = input.indices.indexOf(4 * CUE_WORDS.length + 1)
  expect(input.values[denseAt]).toBeCloseTo(dense[1] as number, 9)
})

test('the cue stage re-splits the related share and keeps the unrelated probability', () => {
  const first = [0.3, 0.05, 0.45, 0.2]
  const cues = [0.1, 0.7, 0.2]
  const alone = withCueStage(first, cues, 0)
  alone.forEach((p, c) => expect(p).toBeCloseTo(first[c] as number, 5))
  const cueOnly = withCueStage(first, cues, 1)
  expect(cueOnly[3]).toBeCloseTo(0.2, 9)
  cues.forEach((q, c) => expect(cueOnly[c]).toBeCloseTo(0.8 * q, 5))
  const blended = withCueStage(first, cues, 0.5)
  expect(blended.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
  // Halfway between: disagree gains on the first stage and loses to the cue stage alone.
  expect(blended[1]).toBeGreaterThan(alone[1] as number)
  expect(blended[1]).toBeLessThan(cueOnly[1] as number)
})
