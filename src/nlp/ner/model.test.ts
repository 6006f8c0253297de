import { expect, test } from 'vitest'
import { listFeatures, featureContext } from './features.js'
import { defaultModel, parseModel, serializeModel } from './model.js'
import { tokenize } from './tokenize.js'

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
      ['said', 3],
      ['told', 3],
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
  expect(features).toEqual(expect.arrayContaining(['cr=4', 'cr-1=u', 'cr+1=u', 'cw+1=3']))
  const none = parseModel(
    serializeModel({
      weights: new Map(),
      gazetteer: { ...gazetteer, caseClasses: new Map(), wordClusters: new Map() },
      provenance: {},
    }),
  )
  expect(listFeatures(context, none.gazetteer, 2, 'aH').some((f) => /^c[rw]/.test(f))).toBe(false)
})
