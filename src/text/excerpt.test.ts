import { expect, test } from 'vitest'
import { excerptParts } from './excerpt.js'

const excerpt = (...args: Parameters<typeof excerptParts>): string => {
  const { lead, marked, trail } = excerptParts(...args)
  return `${lead}${marked}${trail}`
}

const text =
  'North Korean state media said the car was hand-delivered by a Russian delegation over the weekend.'
const weekend = { start: text.indexOf('weekend'), end: text.indexOf('weekend') + 'weekend'.length }

test('an excerpt is cut between words and says where the text goes on', () => {
  // 18 characters before "weekend" start inside "delegation": the excerpt starts at the next whole word.
  expect(excerpt(text, weekend, 18, 0)).toBe('… over the weekend …')
  expect(excerpt(text, { start: 0, end: 5 }, 10, 8)).toBe('North Korean …')
})

test('a whole text is given as it is, spaces folded', () => {
  expect(excerpt('A  short\ntext.', { start: 3, end: 8 })).toBe('A short text.')
})

test('the span itself is never cut, however short the context', () => {
  const car = { start: text.indexOf('car'), end: text.indexOf('car') + 3 }
  expect(excerpt(text, car, 2, 2)).toBe('… car …')
})

test('the parts of an excerpt put the span apart from its context', () => {
  const car = { start: text.indexOf('car'), end: text.indexOf('car') + 3 }
  expect(excerptParts(text, car, 9, 4)).toEqual({
    lead: '… said the ',
    marked: 'car',
    trail: ' was …',
  })
})

test('an excerpt is cut at no-break spaces too, at its end as at its start', () => {
  const spaced = text.replace(/ /g, '\u00a0')
  const car = { start: spaced.indexOf('car'), end: spaced.indexOf('car') + 3 }
  expect(excerptParts(spaced, car, 9, 6)).toEqual({
    lead: '… said the ',
    marked: 'car',
    trail: ' was …',
  })
})
