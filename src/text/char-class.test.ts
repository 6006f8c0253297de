import { describe, expect, it } from 'vitest'
import { BEYOND_ASCII, randomTexts } from '../../test/random-texts.js'
import { LETTER, LOWER, NUMBER, UPPER, hasClass, startsWithClass } from './char-class.js'

/** Pieces of random short texts: cased, caseless and astral letters, a mark, digits, lone surrogates, spaces. */
const PIECES = ['a', 'B', ...BEYOND_ASCII, '1', '.', ' ', '’']

describe('character classes', () => {
  it('answer as the expressions they stand for', () => {
    for (const text of randomTexts(PIECES, 3000, 5, 5, 0)) {
      const label = JSON.stringify(text)
      expect(startsWithClass(text, LOWER), label).toBe(/^\p{Ll}/u.test(text))
      expect(startsWithClass(text, UPPER), label).toBe(/^\p{Lu}/u.test(text))
      expect(startsWithClass(text, LETTER | NUMBER), label).toBe(/^[\p{L}\p{N}]/u.test(text))
      expect(hasClass(text, LETTER | NUMBER), label).toBe(/[\p{L}\p{N}]/u.test(text))
    }
  })
})
