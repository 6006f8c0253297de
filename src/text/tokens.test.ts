import { expect, test } from 'vitest'
import { textTokensOf, textWordsOf, tokenize, words } from './tokens.js'

test('a whole text is tokenised once for the stages that each read all of it', () => {
  const text = 'Putin gifted Kim an Aurus Senat limousine, the U.S. said on Tuesday.'
  expect(textTokensOf(text)).toEqual(tokenize(text))
  expect(textTokensOf(text)).toBe(textTokensOf(text))
  expect(textWordsOf(text)).toEqual(words(text))
  expect(textWordsOf(text)).toBe(textWordsOf(text))
})
