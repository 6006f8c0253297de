import { expect, test } from 'vitest'
import { PairMarks, termTable } from './clause-terms.js'

const clause = (terms: string[], names: string[] = [], sources: string[] = []) => ({
  terms: new Set(terms),
  nameTerms: new Set(names),
  sourceTerms: new Set(sources),
})

// Nine clauses: "kim" is in two (weight log(1 + 9/2)), "car" in three (over a quarter of the clauses: 0).
const clauses = [
  clause(['name:kim', 'car', 'event:handover', 'sister'], ['name:kim']),
  clause(['car', 'name:kim', 'event:handover', 'gift'], ['name:kim']),
  clause(['car', 'border', 'station']),
  clause(['rain', 'capital']),
  clause(['museum', 'wing']),
  clause(['choir', 'town']),
  clause(['ticket', 'railway']),
  clause(['tree', 'canal']),
  clause(['stadium', 'concert']),
]

test('terms are weighed by the share of the story’s clauses that hold them', () => {
  const table = termTable(clauses)
  const weightOf = (index: number, position: number): number =>
    table.clauses[index]?.weights[position] as number
  expect(weightOf(0, 0)).toBeCloseTo(Math.log(1 + 9 / 2))
  expect(weightOf(0, 1)).toBe(0)
  expect(weightOf(0, 3)).toBeCloseTo(Math.log(1 + 9))
})

test('a pair’s overlap reads the first clause’s terms against the second’s marks', () => {
  const table = termTable(clauses)
  const marks = new PairMarks(table)
  marks.mark(1)
  const overlap = marks.overlap(0, 1)
  const kim = Math.log(1 + 9 / 2)
  const handover = Math.log(1 + 9 / 2)
  expect(overlap.common).toBe(3)
  expect(overlap.shared).toBe(2)
  expect(overlap.sameEvent).toBe(true)
  expect(overlap.sameName).toBe(true)
  expect(overlap.weightedName).toBe(true)
  // An event kind is no name's word: it is what the clauses say, not whom they name.
  expect(overlap.sharedWord).toBe(true)
  const total = kim + handover + Math.log(1 + 9)
  expect(overlap.share).toBeCloseTo((kim + handover) / total)
  // Marks of an earlier pair do not leak into the next.
  marks.mark(3)
  expect(marks.overlap(0, 3).common).toBe(0)
})

test('a word both clauses name in their sources is not a shared predicate word; in one source only, it is', () => {
  const story = [
    clause(['spokesperson', 'decision', 'praise'], [], ['spokesperson']),
    clause(['spokesperson', 'version', 'limousine'], [], ['spokesperson']),
    clause(['spokesperson', 'briefing', 'reporters']),
    ...clauses.slice(3),
    // Three more, so that "spokesperson" (in 3 of 12) keeps a weight.
    clause(['harbour', 'ferry']),
    clause(['school', 'exam']),
    clause(['bridge', 'toll']),
  ]
  const marks = new PairMarks(termTable(story))
  marks.mark(1)
  expect(marks.overlap(0, 1).shared).toBe(1)
  expect(marks.overlap(0, 1).sharedWord).toBe(false)
  marks.mark(2)
  expect(marks.overlap(0, 2).sharedWord).toBe(true)
})
