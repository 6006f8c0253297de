import { expect, test } from 'vitest'
import { parseDate } from './parse-date.js'

const latest = new Date('2026-01-01T00:00:00Z')

test('a page in English alone reads dates in words in English only; other pages in every language', () => {
  // "Okt" is no English month: only the other locales' parsers read it.
  const text = 'Gepostet 26 Okt 2018'
  expect(parseDate(text, { latest })?.day).toBe('2018-10-26')
  expect(parseDate(text, { latest, languages: ['en'] })).toBeNull()
  expect(parseDate(text, { latest, languages: ['en', 'en'] })).toBeNull()
  expect(parseDate(text, { latest, languages: ['en', 'de'] })?.day).toBe('2018-10-26')
  expect(parseDate(text, { latest, languages: ['pl'] })?.day).toBe('2018-10-26')
  expect(parseDate(text, { latest, languages: [] })?.day).toBe('2018-10-26')
  // English dates are read on every page.
  expect(parseDate('Posted Oct 26, 2018', { latest, languages: ['de'] })?.day).toBe('2018-10-26')
})
