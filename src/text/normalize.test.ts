import { expect, test } from 'vitest'
import { comparisonKey, mayStartKey, singleSpaced } from './normalize.js'

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

test('mayStartKey is false only for texts whose comparison key does not start with the opening', () => {
  let seed = 29
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648)
  // ASCII in runs, with letters beyond ASCII now and then (a key's first letter may be one of them).
  const alphabet = [...' \t.,“"-–Aa0Zz9mM', 'É', 'é', 'İ', 'Σ', 'ß', '١', '\u00a0']
  const texts = Array.from({ length: 3000 }, () =>
    Array.from({ length: next() % 12 }, () => {
      const pick = next() % 4
      return pick === 0
        ? (alphabet[next() % alphabet.length] as string)
        : String.fromCharCode(32 + (next() % 95))
    }).join(''),
  )
  let refused = 0
  for (const text of texts) {
    const opening = comparisonKey(texts[next() % texts.length] as string).slice(0, 3)
    if (opening === '') continue
    if (!mayStartKey(text, opening)) {
      refused++
      expect(comparisonKey(text).startsWith(opening)).toBe(false)
    }
    // A text whose key starts with the opening is never refused.
    const opened = `${text.slice(0, 2)}${opening}`
    if (comparisonKey(opened).startsWith(opening))
      expect([opened, mayStartKey(opened, opening)]).toEqual([opened, true])
  }
  expect(refused).toBeGreaterThan(300)
  expect(mayStartKey('  “Officials said', 'officials')).toBe(true)
  expect(mayStartKey('-- Officials said', 'officials')).toBe(true)
  expect(mayStartKey('Mayor said', 'officials')).toBe(false)
})

test('singleSpaced folds every run of white space, Unicode spaces too, into one ASCII space', () => {
  expect(singleSpaced('North\u00a0Korea')).toBe('North Korea')
  expect(singleSpaced('Kim\u2009Jong\u202f\u3000Un\n')).toBe('Kim Jong Un ')
  expect(singleSpaced('Kim Jong Un')).toBe('Kim Jong Un')
})
