import { expect, test } from 'vitest'
import { wordCount } from './hypotheses.js'
import { featureName } from './ranker.js'

test('a feature name is its parts joined by "|", given back from the trie when asked again', () => {
  const name = featureName('src', 'cue', 'before', '3-5')
  expect(name).toBe('src|cue|before|3-5')
  expect(featureName('res', 'person', false)).toBe('res|person|false')
  expect(featureName('src', 'cuesent', -1)).toBe('src|cuesent|-1')
  // A part holding "|" spells the same name as its pieces given apart.
  expect(featureName('name', 'shape', 'pron|he')).toBe(featureName('name', 'shape', 'pron', 'he'))
  // Asked again (from the trie this time): the same name.
  expect(featureName('src', 'cue', 'before', '3-5')).toBe(name)
})

test('wordCount counts the words split at white space reads, Unicode spaces included', () => {
  const pieces = ['Ana', 'Ruiz', ' ', '\u00a0', '\t', '\n', '\u2009', '\u3000', 'Ó', '’s', '']
  let seed = 7
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) >>> 0
  for (let k = 0; k < 2000; k++) {
    const name = Array.from({ length: random(8) }, () => pieces[random(pieces.length)]).join('')
    expect(wordCount(name)).toBe(name.split(/\s+/).filter(Boolean).length)
  }
})
