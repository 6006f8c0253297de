import { expect, test } from 'vitest'
import {
  type Gazetteer,
  emptyGazetteer,
  featureContext,
  staticFeatures,
  wordCaseAt,
} from './features.js'
import { defaultModel } from './model.js'
import { type CompiledWeights, compileWeights, staticScores } from './scorer.js'
import { tokenize } from './tokenize.js'

const PAIRED = /^(?:w-1w|ww\+1|s-1s\+1)=/

/**
 * Checks, token by token, that the compiled static scores of `text` are the sums of the rows `weights` holds for
 * staticFeatures' names; gives how many of the names summed `counted` picks out.
 */
function expectStaticSums(
  weights: Map<string, Float32Array>,
  compiled: CompiledWeights,
  gazetteer: Gazetteer,
  text: string,
  counted: (feature: string) => boolean,
): number {
  const { size } = compiled
  const tokens = tokenize(text)
  const context = featureContext(tokens, gazetteer)
  const wordCases = tokens.map((_, index) => wordCaseAt(context, index))
  const scores = staticScores(compiled, context, gazetteer, wordCases)
  let count = 0
  tokens.forEach((_, index) => {
    const expected = new Float64Array(size)
    for (const feature of staticFeatures(context, gazetteer, index)) {
      const row = weights.get(feature)
      if (row === undefined) continue
      if (counted(feature)) count++
      for (let tag = 0; tag < size; tag++)
        expected[tag] = (expected[tag] as number) + (row[tag] as number)
    }
    expect([index, ...scores.subarray(index * size, (index + 1) * size)]).toEqual([
      index,
      ...expected,
    ])
  })
  return count
}

test('static scores are the sums of the rows of staticFeatures, word pairs and shape triples included', () => {
  const model = defaultModel()
  const compiled = model.compiled as CompiledWeights
  expect(compiled).toBeDefined()
  // Common pairs ("said on", "the White House"), words holding '|' (looked up by string) and odd shapes.
  const text =
    'President Barack Obama said on Monday that the White House would respond. A|B said. KCNA | Kim ' +
    'Jong-un met "U.S." envoys || in Pyongyang, Moscow-based RIA said; Ülker Şahin too.'
  const paired = expectStaticSums(model.weights, compiled, model.gazetteer, text, (feature) =>
    PAIRED.test(feature),
  )
  // The pairs and triples the model holds must be among the features summed, or the test asks nothing of them.
  expect(paired).toBeGreaterThan(20)
})

test('compiled pairs and triples are found by the ids of their parts; values with more bars by string', () => {
  const tags = ['O', 'B']
  const weights = new Map<string, Float32Array>([
    ['w-1w=said|on', Float32Array.of(1, 2)],
    ['ww+1=on|monday', Float32Array.of(3, 4)],
    ['ww+1=said|monday', Float32Array.of(5, 6)],
    ['s-1s+1=Xx|x|d', Float32Array.of(7, 8)],
    ['s-1s+1=Xx|x|Xx', Float32Array.of(9, 10)],
    // Two bars in a pair: which bar splits it is ambiguous, so it stays a string feature.
    ['w-1w=a|b|c', Float32Array.of(11, 12)],
  ])
  const compiled = compileWeights(weights, tags)
  const { pairs } = compiled
  const word = (text: string): number => pairs.words.get(text) ?? -1
  const shape = (text: string): number => pairs.shapes.get(text) ?? -1
  const row = (offset: number): number[] => [...compiled.rows.subarray(offset, offset + 2)]
  expect(row(pairs.before.get(word('said'), word('on')))).toEqual([1, 2])
  expect(row(pairs.after.get(word('on'), word('monday')))).toEqual([3, 4])
  expect(row(pairs.after.get(word('said'), word('monday')))).toEqual([5, 6])
  // The reverse order and the other table's pairs are not found.
  expect(pairs.before.get(word('on'), word('said'))).toBe(-1)
  expect(pairs.before.get(word('on'), word('monday'))).toBe(-1)
  expect(pairs.before.get(word('unknown'), word('on'))).toBe(-1)
  const triple = (a: string, b: string, c: string): number =>
    pairs.triples.get(pairs.shapePairs.get(shape(a), shape(b)), shape(c))
  expect(row(triple('Xx', 'x', 'd'))).toEqual([7, 8])
  expect(row(triple('Xx', 'x', 'Xx'))).toEqual([9, 10])
  expect(triple('x', 'Xx', 'd')).toBe(-1)
  expect(triple('Xx', 'x', 'x')).toBe(-1)
  expect(word('a')).toBe(-1)
  expect(row(compiled.other.get('w-1w=a|b|c') as number)).toEqual([11, 12])
})

test('pairs and triples of a "|" token are found by their strings', () => {
  // Values with two bars: no split of them is certain, so the scorer looks them up whole.
  const weights = new Map<string, Float32Array>([
    ['w-1w=kcna||', Float32Array.of(1, 2)],
    ['ww+1=||kim', Float32Array.of(3, 4)],
    ['s-1s+1=X|||Xx', Float32Array.of(5, 6)],
    ['w=kim', Float32Array.of(7, 8)],
  ])
  const compiled = compileWeights(weights, ['O', 'B'])
  const barred = expectStaticSums(
    weights,
    compiled,
    emptyGazetteer(),
    'KCNA | Kim said',
    (feature) => feature.includes('||'),
  )
  expect(barred).toBe(3)
})
