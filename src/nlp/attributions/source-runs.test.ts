import { expect, test } from 'vitest'
import { namePhraseRuns, sourceRuns, withoutReportedSubjects } from './source-runs.js'
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

/** Role labels from runs given as [first, last, 'SRC' | 'CUE'] token indices. */
function runLabels(text: string, runs: [number, number, string][]): string[] {
  const roles = tagTokens(text).map(() => 'O')
  for (const [first, last, role] of runs)
    for (let i = first; i <= last; i++) roles[i] = `${i === first ? 'B' : 'I'}-${role}`
  return roles
}

test("a reported clause's subject read as a source and its verb as a cue go back to O", () => {
  // Mr . Coffman said Mr . Trump had disrespected American troops .
  const text = 'Mr. Coffman said Mr. Trump had disrespected American troops.'
  const roles = runLabels(text, [
    [0, 2, 'SRC'],
    [3, 3, 'CUE'],
    [4, 6, 'SRC'],
    [7, 8, 'CUE'],
  ])
  expect(withoutReportedSubjects(tagTokens(text), roles)).toEqual(
    runLabels(text, [
      [0, 2, 'SRC'],
      [3, 3, 'CUE'],
    ]),
  )
  // "that" may stand between: Ms . Reyes said that Mr . Tan had lied .
  const that = 'Ms. Reyes said that Mr. Tan had lied.'
  const thatRoles = runLabels(that, [
    [0, 2, 'SRC'],
    [3, 3, 'CUE'],
    [5, 7, 'SRC'],
    [8, 8, 'CUE'],
  ])
  expect(withoutReportedSubjects(tagTokens(that), thatRoles)[5]).toBe('O')
})

test('an inverted cue, a listener after "told" and a source not followed by a cue keep their labels', () => {
  // “ We will win , ” said Joe Biden urging patience .   (no subject before "said": a quotation ends there)
  const inverted = '“We will win,” said Joe Biden urging patience.'
  const invertedRoles = runLabels(inverted, [
    [6, 6, 'CUE'],
    [7, 8, 'SRC'],
    [9, 9, 'CUE'],
  ])
  expect(withoutReportedSubjects(tagTokens(inverted), invertedRoles)).toBe(invertedRoles)
  // Ms . Reyes told Mr . Tan to leave .
  const told = 'Ms. Reyes told Mr. Tan to leave.'
  const toldRoles = runLabels(told, [
    [0, 2, 'SRC'],
    [3, 3, 'CUE'],
    [4, 6, 'SRC'],
    [7, 7, 'CUE'],
  ])
  expect(withoutReportedSubjects(tagTokens(told), toldRoles)).toBe(toldRoles)
  // Mr . Coffman said Mr . Trump .
  const alone = 'Mr. Coffman said Mr. Trump.'
  const aloneRoles = runLabels(alone, [
    [0, 2, 'SRC'],
    [3, 3, 'CUE'],
    [4, 6, 'SRC'],
  ])
  expect(withoutReportedSubjects(tagTokens(alone), aloneRoles)).toBe(aloneRoles)
})

test('a nationality adjective is completed to the noun it qualifies; other names are kept as found', () => {
  const phrases = (text: string, names: string[]): string[] =>
    namePhraseRuns(
      tagTokens(text),
      names.map((name) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length })),
    ).map((run) => words(text, run))
  expect(phrases('North Korean state media said the car came.', ['North Korean'])).toEqual([
    'North Korean state media',
  ])
  expect(
    phrases('The gift, North Korean media, monitored in Seoul, reported.', ['North Korean']),
  ).toEqual(['North Korean media'])
  // A word in -s followed by more words is a verb; at the end of the phrase, a plural noun.
  expect(phrases('A car for a North Korean leader evokes memories.', ['North Korean'])).toEqual([
    'North Korean leader',
  ])
  expect(phrases('South Korean defense officials said no.', ['South Korean'])).toEqual([
    'South Korean defense officials',
  ])
  expect(phrases('A Russian delegation over the weekend left.', ['Russian'])).toEqual([
    'Russian delegation',
  ])
  expect(phrases('Republican voters appears to be split.', ['Republican'])).toEqual([
    'Republican voters',
  ])
  expect(phrases('An Egyptian textbook just published says so.', ['Egyptian'])).toEqual([
    'Egyptian textbook',
  ])
  // Not a nationality: a place that acts ("Moscow wants") keeps its name alone.
  expect(phrases('Moscow wants talks, Russian media reported.', ['Moscow', 'Russian'])).toEqual([
    'Moscow',
    'Russian media',
  ])
})
