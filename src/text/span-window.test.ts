import { expect, test } from 'vitest'
import { overlapFinder } from './span-window.js'

test('the items overlapping a range are those a scan finds, in the items’ order', () => {
  // Spans out of order, nested, empty-free, some far longer than others, one without a span.
  const items = [
    { id: 'a', span: { start: 40, end: 45 } },
    { id: 'b', span: { start: 0, end: 100 } },
    { id: 'c', span: null },
    { id: 'd', span: { start: 10, end: 12 } },
    { id: 'e', span: { start: 44, end: 60 } },
    { id: 'f', span: { start: 12, end: 13 } },
  ]
  const find = overlapFinder(items, (item) => item.span)
  for (let from = -5; from < 110; from += 3)
    for (let to = from + 1; to < 115; to += 7) {
      const scanned = items.filter(
        (item) => item.span !== null && item.span.start < to && item.span.end > from,
      )
      expect(find(from, to)).toEqual(scanned)
    }
})

test('100,000 queries over 100,000 spans take a search each, not a scan', () => {
  const items = Array.from({ length: 100_000 }, (_, k) => ({ start: k * 10, end: k * 10 + 5 }))
  const find = overlapFinder(items, (item) => item)
  const started = performance.now()
  let found = 0
  for (let k = 0; k < 100_000; k++) found += find(k * 10, k * 10 + 8).length
  // A scan per query is 10¹⁰ tests here.
  expect(performance.now() - started).toBeLessThan(5_000)
  expect(found).toBe(100_000)
})
