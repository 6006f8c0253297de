import { describe, expect, it } from 'vitest'
import {
  type FeatureSink,
  TEMPLATES,
  collect,
  tokenFacts,
  writeContentFeatures,
  writeRoleFeatures,
} from './features.js'
import { defaultAttributionModel, tagText } from './index.js'
import { Tagger } from './perceptron.js'
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
