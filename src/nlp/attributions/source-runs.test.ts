import { expect, test } from 'vitest'
import { sourceRuns } from './source-runs.js'
import { tagTokens } from './tokens.js'

/** Role labels for a text: the words listed as source (B-/I-SRC) and cue (B-/I-CUE), by token index. */
function labels(text: string, source: number[], cue: number[]): string[] {
  return tagTokens(text).map((_, i) =>
    source.includes(i)
      ? `${source[0] === i ? 'B' : 'I'}-SRC`
      : cue.includes(i)
        ? `${cue[0] === i ? 'B' : 'I'}-CUE`
        : 'O',
  )
}

const words = (text: string, run: { first: number; last: number }): string =>
  tagTokens(text)
    .slice(run.first, run.last + 1)
    .map((token) => token.text)
    .join(' ')

test('a source tagged only as its determiner is completed to the noun phrase after it', () => {
  // "Costs will rise , according to the budget office , the report says ."
  const text = 'Costs will rise, according to the budget office, the report says.'
  const runs = sourceRuns(tagTokens(text), labels(text, [6], [4, 5]))
  expect(runs.map((run) => words(text, run))).toEqual(['the budget office'])
})

test('the completed phrase stops at a verb, a cue, a clause opener and after six words', () => {
  const verb = 'A person close to the talks said no.'
  expect(words(verb, sourceRuns(tagTokens(verb), labels(verb, [0], [6]))[0]!)).toBe(
    'A person close to the talks',
  )
  const opener = 'According to a lawyer who saw it, he left.'
  expect(words(opener, sourceRuns(tagTokens(opener), labels(opener, [2], [0, 1]))[0]!)).toBe(
    'a lawyer',
  )
  const long = 'According to the one two three four five six seven words, yes.'
  expect(words(long, sourceRuns(tagTokens(long), labels(long, [2], [0, 1]))[0]!)).toBe(
    'the one two three four five six',
  )
})

test('a source with a noun, or a pronoun, is left as tagged', () => {
  const text = 'The official said he would go, and he said so.'
  const runs = sourceRuns(tagTokens(text), labels(text, [0, 1], [2]))
  expect(runs.map((run) => words(text, run))).toEqual(['The official'])
  const pronoun = 'He said so.'
  expect(words(pronoun, sourceRuns(tagTokens(pronoun), labels(pronoun, [0], [1]))[0]!)).toBe('He')
})
