import { describe, expect, it } from 'vitest'
import { LETTER, LOWER, NUMBER, UPPER, hasClass, startsWithClass } from './char-class.js'

/** Random short texts over cased, caseless and astral letters, a mark, digits, lone surrogates and spaces. */
function randomTexts(count: number, seed: number): string[] {
  const pieces = [
    'a',
    'B',
    'é',
    'É',
    '中',
    '\u0301',
    '𝐀',
    '𝐚',
    '𝟏',
    '\uD835',
    '\uDC00',
    '1',
    '.',
    ' ',
    '’',
  ]
  let state = seed
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  return Array.from({ length: count }, () =>
    Array.from(
      { length: Math.floor(next() * 6) },
      () => pieces[Math.floor(next() * pieces.length)],
    ).join(''),
  )
}

describe('character classes', () => {
  it('answer as the expressions they stand for', () => {
    for (const text of randomTexts(3000, 5)) {
      const label = JSON.stringify(text)
      expect(startsWithClass(text, LOWER), label).toBe(/^\p{Ll}/u.test(text))
      expect(startsWithClass(text, UPPER), label).toBe(/^\p{Lu}/u.test(text))
      expect(startsWithClass(text, LETTER | NUMBER), label).toBe(/^[\p{L}\p{N}]/u.test(text))
      expect(hasClass(text, LETTER | NUMBER), label).toBe(/[\p{L}\p{N}]/u.test(text))
    }
  })
})
