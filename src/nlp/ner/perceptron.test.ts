import { readFileSync, readdirSync } from 'node:fs'
import { expect, test } from 'vitest'
import { defaultModel } from './model.js'
import { tagTokens, tagTokensByFeature, type Weights } from './perceptron.js'
import { tokenize } from './tokenize.js'

const EXAMPLES = new URL('../../../examples/aurus-gift/', import.meta.url)

test('the compiled tables tag as the feature-by-feature reference does (shipped model, examples)', () => {
  const model = defaultModel()
  // Words with '|' and odd shapes take the tables' look-up-by-string paths.
  const texts = [
    ...readdirSync(EXAMPLES).map((file) => readFileSync(new URL(file, EXAMPLES), 'utf8')),
    'A|B said. KCNA | Kim Jong-un met "U.S." envoys || in Pyongyang, Moscow-based RIA said; Ülker Şahin too.',
  ]
  let tagged = 0
  for (const text of texts) {
    const tokens = tokenize(text)
    const tags = tagTokens(tokens, model.weights, model.gazetteer)
    expect(tags).toEqual(tagTokensByFeature(tokens, model.weights, model.gazetteer))
    tagged += tags.filter((tag) => tag !== 0).length
  }
  expect(tagged).toBeGreaterThan(50)
})

test('weights that are not whole numbers are scored feature by feature', () => {
  const model = defaultModel()
  const weights: Weights = new Map(
    [...model.weights].map(([key, row]) => [key, row.map((w) => w / 3)]),
  )
  const tokens = tokenize('Vladimir Putin met Kim Jong-un in Vladivostok on Thursday.')
  expect(tagTokens(tokens, weights, model.gazetteer)).toEqual(
    tagTokensByFeature(tokens, weights, model.gazetteer),
  )
})
