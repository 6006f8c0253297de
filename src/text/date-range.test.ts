import { expect, test } from 'vitest'
import { dateRange, shownDate } from './date-range.js'

test('shownDate: an ISO interval as its two ends around an en dash, other dates as they are', () => {
  expect(shownDate('2024-02-17/2024-02-18')).toBe('2024-02-17 – 2024-02-18')
  expect(shownDate('2024-02-20')).toBe('2024-02-20')
  expect(shownDate('2023-09')).toBe('2023-09')
  expect(shownDate('2024-02-20/2024-02-20')).toBe('2024-02-20')
})

test('dateRange: the days of a story, one day once, unknown said so', () => {
  expect(dateRange('2024-02-20T21:48:00Z', '2024-02-21')).toBe('2024-02-20 – 2024-02-21')
  expect(dateRange('2024-02-20T21:48:00Z', '2024-02-20')).toBe('2024-02-20')
  expect(dateRange('2024-02-20', null)).toBe('2024-02-20')
  expect(dateRange(null, null)).toBe('date unknown')
})
