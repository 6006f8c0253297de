import { expect, test } from 'vitest'
import { extract } from '../pipeline.js'
import { findEventDates } from './event-dates.js'

const tuesday = '2024-02-20T12:00:00Z'
const datesOf = (text: string): [string, string, string, string][] =>
  findEventDates(extract({ id: 'a', published: tuesday, clean: true, text })).map((event) => [
    event.kind,
    event.from,
    event.to,
    text.slice(event.expression.start, event.expression.end),
  ])

test('relative dates resolve against the report: a weekday is the latest before it, a weekend two days', () => {
  expect(datesOf('Kim’s sister accepted the car on Sunday, state media said.')).toEqual([
    ['handover', '2024-02-18', '2024-02-18', 'on Sunday'],
  ])
  // The evidence is the words: the comma chrono's weekend pattern takes after "weekend" stays out of the span.
  expect(
    datesOf('The car was hand-delivered by a Russian delegation over the weekend, and then shown.'),
  ).toEqual([['handover', '2024-02-17', '2024-02-18', 'weekend']])
})
