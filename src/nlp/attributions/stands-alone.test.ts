import { expect, test } from 'vitest'
import {
  lastPlaceIn,
  placesOf,
  standsAlone,
  wholeWordIndices,
  writtenInLowerCase,
} from './speakers.js'

/** The regular expression standsAlone replaces (compiled per name, which cost a tenth of attribution time). */
const byExpression = (text: string, name: string): boolean =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:['’]s)?(?![\\p{L}\\p{N}])(?!\\s+\\p{Lu})`,
    'u',
  ).test(text)

test('a name stands alone where it is whole words not run into a capitalised word', () => {
  const text =
    "Obama Says no. Obama's aide said Obama\u00a0Speech was long; 2Obama, Obamas, Kim Jong Un spoke."
  expect(standsAlone(text, 'Obama')).toBe(true)
  expect(standsAlone('Obama Says it. Obama Speech.', 'Obama')).toBe(false)
  expect(standsAlone(text, 'Kim Jong')).toBe(false)
  expect(standsAlone(text, 'Kim Jong Un')).toBe(true)
})

/** Random strings over an alphabet of pieces, seeded (the same texts every run). */
function randomStrings(alphabet: readonly string[], seed: number) {
  let state = seed
  const random = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % n
  }
  const word = (length: number): string =>
    Array.from({ length }, () => alphabet[random(alphabet.length)]).join('')
  return { random, word }
}

test('standsAlone answers as the regular expression does (random texts over tricky characters)', () => {
  // Letters, digits, spaces of several kinds, apostrophes, capitals beyond ASCII, an astral letter (𝐀) and
  // lone surrogates.
  const { random, word } = randomStrings(
    [
      'a',
      'b',
      'A',
      'B',
      'É',
      'é',
      '1',
      ' ',
      '\u00a0',
      '\n',
      "'",
      '’',
      's',
      '.',
      '-',
      '𝐀',
      '\ud835',
      '\udc00',
    ],
    7,
  )
  let alone = 0
  for (let trial = 0; trial < 1000; trial++) {
    const name = word(1 + random(3))
    const text = word(random(30)) + (random(2) === 0 ? name : '') + word(random(10))
    const expected = byExpression(text, name)
    expect([trial, standsAlone(text, name)]).toEqual([trial, expected])
    if (expected) alone++
  }
  // Both answers are exercised.
  expect(alone).toBeGreaterThan(50)
  expect(alone).toBeLessThan(950)
})

test('wholeWordIndices finds what /\\bWORD\\b/g matches (random texts)', () => {
  const { random, word } = randomStrings(
    ['a', 'b', 'ab', '_', '1', ' ', '.', "'", 'é', '-', 'ba'],
    11,
  )
  let found = 0
  for (let trial = 0; trial < 2000; trial++) {
    const name = word(1 + random(2))
    const text = word(random(25))
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const expected = [...text.matchAll(new RegExp(`\\b${escaped}\\b`, 'g'))].map((m) => m.index)
    expect([trial, wholeWordIndices(text, name)]).toEqual([trial, expected])
    found += expected.length
  }
  expect(found).toBeGreaterThan(100)
})

test('lastPlaceIn finds what text.slice(from, to).lastIndexOf(word) does (random texts and windows)', () => {
  const { random, word } = randomStrings(['a', 'b', 'ab', 'aa', ' ', 'é'], 6)
  let found = 0
  for (let trial = 0; trial < 3000; trial++) {
    const name = word(1 + random(3))
    if (name === '') continue
    const text = word(random(40))
    const from = random(text.length + 1)
    const to = from + random(text.length - from + 1)
    const expected = text.slice(from, to).lastIndexOf(name)
    const places = placesOf(text, name)
    expect([trial, lastPlaceIn(places, name.length, from, to)]).toEqual([trial, expected])
    if (expected >= 0) found++
  }
  // Both answers are exercised (overlapping places, "aa" in "aaa", included).
  expect(found).toBeGreaterThan(300)
  expect(found).toBeLessThan(2700)
})

test('writtenInLowerCase answers as the set of /(?<![\\p{L}\\p{N}])\\p{Ll}+/gu matches does (random texts)', () => {
  // Lower and upper case, digits, an astral lower-case letter (𝐚) and lone surrogates, a letter of no case (ª is
  // Lo), a combining mark.
  const { random, word } = randomStrings(
    ['a', 'b', 'ab', 'A', 'é', 'É', '1', ' ', '-', "'", '𝐚', '\ud835', '\udc1a', 'ª', '\u0307'],
    5,
  )
  let found = 0
  for (let trial = 0; trial < 3000; trial++) {
    const name = word(1 + random(3))
    const text = word(random(30)) + (random(2) === 0 ? name : '') + word(random(10))
    const expected = new Set(text.match(/(?<![\p{L}\p{N}])\p{Ll}+/gu) ?? []).has(name)
    expect([trial, writtenInLowerCase(text, name)]).toEqual([trial, expected])
    if (expected) found++
  }
  // Both answers are exercised.
  expect(found).toBeGreaterThan(200)
  expect(found).toBeLessThan(2800)
})
