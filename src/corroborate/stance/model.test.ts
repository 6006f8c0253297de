import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { BODY_OFFSETS, CUE_WEIGHT } from '../verify.js'
import { cueInputSize } from './cues.js'
import { DENSE_FEATURES, prepareClaim, prepareText, stanceInput } from './features.js'
import { packModel, predict, predictMean, STANCES, unpackModel } from './model.js'
import { STANCE_MODELS } from './weights.js'
import { CUE_STANCE_MODELS } from './weights-cues.js'

const members = STANCE_MODELS.map(unpackModel)
const claim = prepareClaim('Police say the missing pilot was found alive in the jungle')
const body = prepareText(
  'The pilot was not found. Officials denied reports that the missing pilot had been found alive, calling them a hoax. ' +
    'Searchers continue to comb the jungle, police said on Tuesday.',
)

test('the body ensemble members read one input: same layout, dense size and idf', () => {
  expect(members.length).toBeGreaterThan(0)
  for (const member of members) {
    expect(member.layout).toEqual(members[0]?.layout)
    expect(member.dense).toBe(members[0]?.dense)
    expect([...member.idf]).toEqual([...(members[0]?.idf ?? [])])
  }
})

test('the ensemble gives the mean of its members’ probabilities, a distribution over the four stances', () => {
  const first = members[0]!
  const { input } = stanceInput(claim, body, first.layout, first.idf)
  const mean = predictMean(members, input)
  const each = members.map((member) => predict(member, input))
  expect(mean).toHaveLength(STANCES.length)
  expect(mean.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
  mean.forEach((p, c) =>
    expect(p).toBeCloseTo(each.reduce((sum, q) => sum + (q[c] as number), 0) / each.length, 9),
  )
  expect(predictMean([first], input)).toEqual(predict(first, input))
})

test('packing to int8 rows keeps the model’s probabilities within a few thousandths', () => {
  const first = members[0]!
  const again = unpackModel(packModel(first))
  const { input } = stanceInput(claim, body, first.layout, first.idf)
  const before = predict(first, input)
  predict(again, input).forEach((p, c) =>
    expect(Math.abs(p - (before[c] as number))).toBeLessThan(0.005),
  )
})

test('the shipped body offsets and cue weight are the ones the calibration recorded beside its held-out figures', () => {
  const record = JSON.parse(
    readFileSync(new URL('../../../models/stance-cv.json', import.meta.url), 'utf8'),
  ) as {
    members: number
    cueMembers: number
    cueWeight: number
    offsets: number[]
    heldOut: { fnc: number; macroF1: number }[]
  }
  expect(BODY_OFFSETS).toEqual(record.offsets)
  expect(CUE_WEIGHT).toBe(record.cueWeight)
  expect(record.members).toBe(STANCE_MODELS.length)
  expect(record.cueMembers).toBe(CUE_STANCE_MODELS.length)
  expect(record.heldOut.length).toBeGreaterThanOrEqual(4)
})

test('the cue stage members read the cue input (its size is their dense size)', () => {
  expect(CUE_STANCE_MODELS.length).toBeGreaterThan(0)
  for (const member of CUE_STANCE_MODELS) expect(member.dense).toBe(cueInputSize(DENSE_FEATURES))
})
