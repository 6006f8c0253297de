import { describe, expect, it } from 'vitest'
import { type FeatureSink, TEMPLATES, collect } from './features.js'
import { Tagger } from './perceptron.js'

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
