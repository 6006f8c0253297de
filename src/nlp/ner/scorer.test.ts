import { expect, test } from 'vitest'
import { featureContext, staticFeatures, wordCaseAt } from './features.js'
import { defaultModel } from './model.js'
import { type CompiledWeights, pairIds, staticScores } from './scorer.js'
import { tokenize } from './tokenize.js'

const PAIRED = /^(?:w-1w|ww\+1|s-1s\+1)=/

test('static scores are the sums of the rows of staticFeatures, word pairs and shape triples included', () => {
  const model = defaultModel()
  const compiled = model.compiled as CompiledWeights
  expect(compiled).toBeDefined()
  const { size } = compiled
  // Common pairs ("said on", "the White House"), words holding '|' (looked up by string) and odd shapes.
  const text =
    'President Barack Obama said on Monday that the White House would respond. A|B said. KCNA | Kim ' +
    'Jong-un met "U.S." envoys || in Pyongyang, Moscow-based RIA said; Ülker Şahin too.'
  const tokens = tokenize(text)
  const context = featureContext(tokens, model.gazetteer)
  const wordCases = tokens.map((_, index) => wordCaseAt(context, index))
  const scores = staticScores(compiled, context, model.gazetteer, wordCases)
  let paired = 0
  tokens.forEach((_, index) => {
    const expected = new Float64Array(size)
    for (const feature of staticFeatures(context, model.gazetteer, index)) {
      const row = model.weights.get(feature)
      if (row === undefined) continue
      if (PAIRED.test(feature)) paired++
      for (let tag = 0; tag < size; tag++)
        expected[tag] = (expected[tag] as number) + (row[tag] as number)
    }
    expect([...scores.subarray(index * size, (index + 1) * size)]).toEqual([...expected])
  })
  // The pairs and triples the model holds must be among the features summed, or the test asks nothing of them.
  expect(paired).toBeGreaterThan(20)
})

test('pair ids find every word pair and shape triple of the nested tables, and nothing else', () => {
  const compiled = defaultModel().compiled as CompiledWeights
  const ids = pairIds(compiled)
  const id = (map: Map<string, number>, key: string): number => map.get(key) ?? -1
  let checked = 0
  for (const [tables, table] of [
    [compiled.pairBefore, ids.before],
    [compiled.pairAfter, ids.after],
  ] as const)
    for (const [first, inner] of tables)
      for (const [second, offset] of inner) {
        expect(table.get(id(ids.words, first), id(ids.words, second))).toBe(offset)
        checked++
      }
  for (const [first, inner] of compiled.shapeTriple)
    for (const [middle, last] of inner)
      for (const [third, offset] of last) {
        const pair = ids.shapePairs.get(id(ids.shapes, first), id(ids.shapes, middle))
        expect(ids.triples.get(pair, id(ids.shapes, third))).toBe(offset)
        checked++
      }
  expect(checked).toBeGreaterThan(1000)
  // A word no pair holds has no id, and a pair of known words the model lacks is not found.
  expect(ids.words.has('zzqxv')).toBe(false)
  const known = [...compiled.pairBefore.keys()][0] as string
  const [other] = [...compiled.pairBefore].find(([, seconds]) => !seconds.has(known)) ?? []
  expect(other).toBeDefined()
  expect(ids.before.get(id(ids.words, other as string), id(ids.words, known))).toBe(-1)
})
