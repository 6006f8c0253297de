import { expect, test } from 'vitest'
import { parseModel, serializeModel, type NerModel } from './model.js'
import { TAGS, tagTokens, tagTokensByFeature } from './perceptron.js'
import { tokenize } from './tokenize.js'

const row = (weights: Record<string, number>): Float32Array =>
  Float32Array.from(TAGS, (tag) => weights[tag] ?? 0)

test('a model file reads back with the same weights, and tags from its tables as from its weight map', () => {
  const model: NerModel = {
    weights: new Map([
      ['b', row({ O: 1 })],
      ['s=Xx', row({ 'B-PER': 3, O: -1 })],
      ['w-1=said', row({ 'B-PER': -2.5 })],
      ['w-1w=a|b|c', row({ 'B-ORG': 1 })],
      ['t-1w=B-PER|smith', row({ 'I-PER': 4 })],
      ['h=PER', row({ 'B-PER': 0.4 })],
    ]),
    gazetteer: {
      firstNames: new Set(['anna']),
      places: new Map([['new', [['new', 'york']]]]),
      demonyms: new Set(),
      roles: new Set(['mr']),
      countries: new Set(),
      companyWords: new Set(),
      personNames: new Set(),
    },
    provenance: { note: 'test' },
  }
  const read = parseModel(serializeModel(model))
  expect(read.compiled).toBeDefined()
  // Quantised: the largest weight becomes 2000, the others keep their ratio to it (rounded).
  expect([...read.weights.keys()].sort()).toEqual([...model.weights.keys()].sort())
  expect(read.weights.get('t-1w=B-PER|smith')?.[TAGS.indexOf('I-PER')]).toBe(2000)
  expect(read.weights.get('w-1=said')?.[TAGS.indexOf('B-PER')]).toBe(-1250)
  expect([...read.gazetteer.firstNames]).toEqual(['anna'])
  expect(read.gazetteer.places.get('new')).toEqual([['new', 'york']])
  const tokens = tokenize('Anna Smith said. Mr Smith met Anna Smith in New York.')
  expect(tagTokens(tokens, read.compiled ?? read.weights, read.gazetteer)).toEqual(
    tagTokensByFeature(tokens, read.weights, read.gazetteer),
  )
})
