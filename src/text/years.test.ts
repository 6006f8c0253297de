import { expect, test } from 'vitest'
import { monthDaysMentioned, yearsMentioned } from './years.js'

test('days of the year are read in English forms, not from verbs or other words', () => {
  const text =
    'On Dec. 7th the fire spread; by 12 December it was out. WEDNESDAY, JULY 29, 2009. ' +
    'You may 5 times ask; the Marine 5 unit; March 45; the 3rd of May.'
  expect(monthDaysMentioned(text)).toEqual(['dec-7', 'dec-12', 'jul-29', 'may-3'])
  expect(yearsMentioned(text)).toEqual([2009])
})
