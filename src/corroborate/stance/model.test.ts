import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { BODY_OFFSETS, CUE_WEIGHT } from '../verify.js'
import { cueInputSize } from './cues.js'
import {
  DENSE_FEATURES,
  prepareClaim,
  prepareText,
  stanceInput,
  TERM_FEATURES,
} from './features.js'
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
  const { input } = stanceInput(claim, body, first.layout, first.idf, first.termIdf)
  const mean = predictMean(members, input)
  const each = members.map((member) => predict(member, input))
  expect(mean).toHaveLength(STANCES.length)
  expect(mean.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
  mean.forEach((p, c) =>
    expect(p).toBeCloseTo(each.reduce((sum, q) => sum + (q[c] as number), 0) / each.length, 9),
  )
  expect(predictMean([first], input)).toEqual(predict(first, input))
})

test('the input holds the dense measures the members were trained with (the 30, and the term measures with a term idf table)', () => {
  const first = members[0]!
  const { input, dense } = stanceInput(claim, body, first.layout, first.idf, first.termIdf)
  const expected = DENSE_FEATURES + (first.termIdf === undefined ? 0 : TERM_FEATURES)
  expect(first.dense).toBe(expected)
  expect(dense).toHaveLength(DENSE_FEATURES)
  const denseStart =
    first.layout.claimBuckets + first.layout.textBuckets + first.layout.closeBuckets
  expect(input.indices.filter((index) => index >= denseStart)).toHaveLength(expected)
})

test('the term measures see a body that negates the claim’s own words, and not one that does not', () => {
  const table = new Float32Array(64).fill(2)
  const layout = { claimBuckets: 0, textBuckets: 0, closeBuckets: 0 }
  const measures = (text: string): number[] =>
    stanceInput(claim, prepareText(text), layout, [], table).input.values.slice(-TERM_FEATURES)
  const denying = measures('The missing pilot was not found alive in the jungle, police say.')
  const agreeing = measures('The missing pilot was found alive in the jungle, police say.')
  const elsewhere = measures('Stocks rose on Tuesday as markets digested the bank’s figures.')
  expect(denying[9]).toBe(1)
  expect(agreeing[9]).toBe(0)
  expect(agreeing[0]).toBeGreaterThan(0.5)
  expect(elsewhere[0]).toBe(0)
  expect(elsewhere[3]).toBe(0)
})

test('packing to int8 rows keeps the model’s probabilities within a few thousandths', () => {
  const first = members[0]!
  const again = unpackModel(packModel(first))
  const { input } = stanceInput(claim, body, first.layout, first.idf, first.termIdf)
  const before = predict(first, input)
  predict(again, input).forEach((p, c) =>
    expect(Math.abs(p - (before[c] as number))).toBeLessThan(0.005),
  )
  if (first.termIdf !== undefined)
    [...(again.termIdf ?? [])].forEach((value, index) =>
      expect(Math.abs(value - (first.termIdf![index] as number))).toBeLessThanOrEqual(0.025),
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
