import { expect, test } from 'vitest'
import { gunzipSync } from 'node:zlib'
import { defaultModel, parseModel, serializeModel, type NerModel } from './model.js'
import { featureContext, listFeatures } from './features.js'
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
      caseClasses: new Map(),
      wordClusters: new Map(),
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

test('a model file keeps its case classes and word clusters (and reads as empty where it has none)', () => {
  const shipped = defaultModel()
  const gazetteer = {
    ...shipped.gazetteer,
    caseClasses: new Map([
      ['london', 4],
      ['police', 1],
      ['the', 0],
    ]),
    wordClusters: new Map([
      ['said', '10000000'],
      ['told', '10000001'],
      ['police', '011'],
    ]),
  }
  const read = parseModel(
    serializeModel({ weights: new Map(), gazetteer, provenance: { note: 'test' } }),
  )
  expect([...read.gazetteer.caseClasses].sort()).toEqual([...gazetteer.caseClasses].sort())
  expect([...read.gazetteer.wordClusters].sort()).toEqual([...gazetteer.wordClusters].sort())
  // A headline in capitals: the case class says "LONDON" is a name where its case says nothing.
  const tokens = tokenize('POLICE IN LONDON SAID NOTHING')
  const context = featureContext(tokens, read.gazetteer)
  const features = listFeatures(context, read.gazetteer, 2, 'aH')
  expect(features).toEqual(
    expect.arrayContaining(['cr=4', 'cr-1=u', 'cr+1=u', 'cw=u', 'cw+1=4:1000', 'cw+1=p:10000000']),
  )
  // A path shorter than a prefix is read whole at that length (Ratinov & Roth 2009).
  expect(listFeatures(context, read.gazetteer, 0, 'aH')).toEqual(
    expect.arrayContaining(['cw=4:011', 'cw=10:011', 'cw=p:011']),
  )
  const none = parseModel(
    serializeModel({
      weights: new Map(),
      gazetteer: { ...gazetteer, caseClasses: new Map(), wordClusters: new Map() },
      provenance: {},
    }),
  )
  expect(listFeatures(context, none.gazetteer, 2, 'aH').some((f) => /^c[rw]/.test(f))).toBe(false)
})

test("a model file whose header length starts with the byte of '{' reads as format /2", () => {
  // The 4-byte length before the JSON header is little-endian: a length of 123 mod 256 starts with 0x7b, the
  // byte of '{' that format /1 (all JSON) starts with. Provenance notes of each length up to 256 bytes
  // reach every remainder.
  const model = (note: string): NerModel => ({
    weights: new Map([['b', row({ O: 1 })]]),
    gazetteer: { ...defaultModel().gazetteer, wordClusters: new Map(), caseClasses: new Map() },
    provenance: { note },
  })
  const header = (bytes: Buffer): number => gunzipSync(bytes).readUInt32LE(0)
  const file = Array.from({ length: 256 }, (_, length) =>
    serializeModel(model('x'.repeat(length))),
  ).find((bytes) => header(bytes) % 256 === 0x7b)
  expect(file).toBeDefined()
  expect(parseModel(file as Buffer).weights.get('b')?.[TAGS.indexOf('O')]).toBe(2000)
})
