import { describe, expect, it } from 'vitest'
import {
  type FeatureSink,
  TEMPLATES,
  collect,
  featureName,
  tokenFacts,
  writeContentFeatures,
  writeRoleFeatures,
} from './features.js'
import { defaultAttributionModel, readAttributionModelFile, tagText } from './index.js'
import { Tagger, readWeights } from './perceptron.js'
import { tagTokens } from './tokens.js'

// Names whose values hold "|" themselves: a pair must find its row however its parts split the value.
const tagger = new Tagger({
  labels: ['O', 'B'],
  transitions: [0, 0, 0, 0, 0, 0],
  names: ['bias', 'w=said', 'pw=a|b', 'pw=|||x', 'pw=a|b|c', 'q=true|Xx'],
  rows: Float32Array.from([0.5, -0.5, 2, -1, 3, 1, -2, 4, 1, 7, 0.25, 0.75]),
})
const template = (name: (typeof TEMPLATES)[number]): number => TEMPLATES.indexOf(name)

function writeAll(sink: FeatureSink): void {
  const pairs: [string, string][] = [
    ['a', 'b'],
    ['|', '|x'],
    ['||', 'x'],
    ['a|b', 'c'],
    ['a', 'b|c'],
    ['a', 'c'],
  ]
  for (const [first, second] of pairs) {
    sink.token()
    sink.add(template('bias'), sink.value(''))
    sink.add(template('w'), sink.value(first === 'a' ? 'said' : 'other'))
    sink.addPair(template('pw'), sink.value(first), sink.value(second))
    sink.addPair(template('q'), sink.value('true'), sink.value('Xx'))
  }
}

describe('Tagger scores written to a sink', () => {
  it('equal the scores of the joined feature names, pair by pair', () => {
    const joined = collect(writeAll)
    expect(joined[1]).toEqual(['bias', '', 'w', 'other', 'pw', '|||x', 'q', 'true|Xx'])
    const direct = tagger.score(writeAll, joined.length)
    // The same features looked up by their joined values, one template at a time.
    const fromNames = tagger.score((sink) => {
      for (const pairs of joined) {
        sink.token()
        for (let k = 0; k < pairs.length; k += 2)
          sink.add(
            template(pairs[k] as (typeof TEMPLATES)[number]),
            sink.value(pairs[k + 1] as string),
          )
      }
    }, joined.length)
    expect([...direct]).toEqual([...fromNames])
    // '|' + '|x' and '||' + 'x' both read "pw=|||x"; 'a' + 'c' is no feature.
    expect(direct[2]).toBe(direct[4])
    expect(direct[10]).toBe(0.5 + 2 + 0.25)
  })

  it('leaves unwanted tokens at zero and decodes a range', () => {
    const scores = tagger.score(writeAll, 6, (token) => token !== 0)
    expect([scores[0], scores[1]]).toEqual([0, 0])
    expect(tagger.decodeScores(scores, 1, 3)).toHaveLength(3)
  })
})

describe('Tokens a sink does not read', () => {
  const text =
    'Ana Ruiz said on Monday: "We will go." Later, the bank said it would wait.\n\nA "quoted" line here, he said.'
  const tokens = tagTokens(text)
  const facts = tokenFacts(tokens)
  const unread = (token: number): boolean => token % 3 === 0

  it('have no features written by either layer', () => {
    const { roles } = tagText(defaultAttributionModel(), tokens)
    let token = -1
    const written: number[] = []
    const sink: FeatureSink = {
      space: {},
      token: () => !unread(++token),
      value: () => 0,
      add: () => written.push(token),
      addPair: () => written.push(token),
    }
    writeRoleFeatures(tokens, sink, facts)
    token = -1
    writeContentFeatures(tokens, roles, sink, facts)
    expect(written.length).toBeGreaterThan(tokens.length)
    expect(written.filter(unread)).toEqual([])
  })

  it('leave the scores of the tokens read as they are when every token is read', () => {
    const model = defaultAttributionModel()
    const { roles } = tagText(model, tokens)
    const write = (sink: FeatureSink): void => writeContentFeatures(tokens, roles, sink, facts)
    const all = model.contents.score(write, tokens.length)
    const some = model.contents.score(write, tokens.length, (token) => !unread(token))
    const size = model.contents.labels.length
    for (let token = 0; token < tokens.length; token++) {
      const row = (scores: Float64Array): number[] => [
        ...scores.subarray(token * size, (token + 1) * size),
      ]
      expect([token, row(some)]).toEqual([
        token,
        unread(token) ? [...model.contents.bias] : row(all),
      ])
    }
  })
})

describe("The shipped taggers' rows as laid out for decoding", () => {
  it("give every token the sums of its features' rows as the model file names them", () => {
    const text =
      'Ana Ruiz, a spokeswoman for the U.S. ministry, said on Monday: "We will not wait." The bank’s chief ' +
      'told Reuters it would act.\n\nCritics say the rules, which took effect in 2023, are too weak, he added.'
    const tokens = tagTokens(text)
    const model = defaultAttributionModel()
    const file = readAttributionModelFile()
    const { roles } = tagText(model, tokens)
    const layers = [
      [model.roles, file.roles, file.roleBias ?? [], writeRoleFeatures],
      [
        model.contents,
        file.contents,
        [],
        (tagged: typeof tokens, sink: FeatureSink) => writeContentFeatures(tagged, roles, sink),
      ],
    ] as const
    for (const [tagger, stored, bias, write] of layers) {
      const weights = readWeights(stored)
      const rowOf = new Map(weights.names.map((name, row) => [name, row]))
      const size = weights.labels.length
      const scores = tagger.score((sink) => write(tokens, sink), tokens.length)
      // Each token's features by name, added in the order they are written, after the labels' bias.
      collect((sink) => write(tokens, sink)).forEach((features, token) => {
        const expected = Array.from({ length: size }, (_, label) => bias[label] ?? 0)
        for (let k = 0; k < features.length; k += 2) {
          const row = rowOf.get(featureName(features[k] as string, features[k + 1] as string))
          if (row === undefined) continue
          for (let label = 0; label < size; label++)
            expected[label] =
              (expected[label] as number) + (weights.rows[row * size + label] as number)
        }
        expect([token, ...scores.subarray(token * size, (token + 1) * size)]).toEqual([
          token,
          ...expected,
        ])
      })
    }
  })
})
