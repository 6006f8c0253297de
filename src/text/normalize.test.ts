import { expect, test } from 'vitest'
import { comparisonKey } from './normalize.js'

/** The key as Unicode's letter and digit classes define it, for every text. */
const reference = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

test('comparison keys: lower case, letters and digits only, single spaces', () => {
  expect(comparisonKey('  The Mayor’s "Plan" — 2024!  ')).toBe('the mayor s plan 2024')
  expect(comparisonKey('Über-Straße\t\nNo. 5')).toBe('über straße no 5')
  expect(comparisonKey('İstanbul')).toBe(reference('İstanbul'))
})

test('comparison keys of ASCII texts equal those read by Unicode classes', () => {
  // A fixed pseudo-random stream: every printable and control ASCII character, in runs.
  let seed = 17
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648)
  for (let round = 0; round < 2000; round++) {
    const length = next() % 40
    const text = Array.from({ length }, () => String.fromCharCode(next() % 128)).join('')
    expect(comparisonKey(text)).toBe(reference(text))
  }
})
