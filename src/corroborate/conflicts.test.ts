import { expect, test } from 'vitest'
import { extract } from '../pipeline.js'
import { findConflicts } from './conflicts.js'

const published = '2019-02-15T12:00:00Z'
// Three outlets on one decision, each giving several sums that share generic words ("wall", "construction").
const articles = [
  extract({
    id: 'east',
    site: 'East Daily',
    published,
    clean: true,
    text: 'The spending bill grants $1.375 billion for the wall, against the $5.7 billion the president first demanded. The declaration lets officials take about $3.6 billion from military construction projects to the wall. Another $600 million will come from the treasury forfeiture fund.',
  }),
  extract({
    id: 'west',
    site: 'West Courier',
    published,
    clean: true,
    text: 'The package includes $1.4 billion for the wall along the border. Officials want to tap the military construction budget, to the tune of $3.5 billion. About $600 million will come from the treasury forfeiture fund. The president had asked for $5.7 billion for construction of the wall.',
  }),
  extract({
    id: 'north',
    site: 'North Times',
    published,
    clean: true,
    text: 'The emergency lets the White House divert $3.6 billion from military construction projects to the wall. It adds $600 million from the treasury forfeiture fund.',
  }),
]

test('sums of one thing conflict; other sums of the story, rounded forms and hedges do not', () => {
  const conflicts = findConflicts(articles, (articleId) => articleId)
  // $3.5 billion against $3.6 billion for the military construction money, the only conflict: $1.4 billion is
  // $1.375 billion rounded, "about $600 million" is $600 million, and the $5.7 billion demand is another sum.
  expect(conflicts).toHaveLength(1)
  const [conflict] = conflicts
  expect(conflict?.kind).toBe('contradiction')
  expect(conflict?.about).toMatch(/military construction/)
  const sides = Object.fromEntries(
    (conflict?.values ?? []).map((side) => [
      side.value,
      side.spans.map((span) => span.articleId).sort(),
    ]),
  )
  expect(sides).toEqual({ '3.6 billion USD': ['east', 'north'], '3.5 billion USD': ['west'] })
})

test('an article dating one kind of event on two days does not take a side on that event', () => {
  const text = (days: string): string =>
    `Lawmakers agreed on the budget ${days}, ending a long standoff over spending in the capital.`
  const dated = [
    extract({
      id: 'one',
      published,
      clean: true,
      text: `${text('on Thursday')} The president agreed to sign it on Friday after a long meeting.`,
    }),
    extract({ id: 'two', published, clean: true, text: text('on Thursday') }),
  ]
  const agreement = findConflicts(dated, (articleId) => articleId).filter((conflict) =>
    conflict.about.startsWith('date of'),
  )
  expect(agreement).toEqual([])
})

test("two candidates' campaign sums share one common noun, not a subject: no conflict", () => {
  const race = [
    extract({
      id: 'daily',
      site: 'Daily',
      published,
      clean: true,
      text: 'The challenger teaches economics at a small college. He raised just over $200,000 for his campaign, a fraction of what the incumbent spent.',
    }),
    extract({
      id: 'courier',
      site: 'Courier',
      published,
      clean: true,
      text: 'The majority leader, who had raised $5.4 million for the campaign, blanketed the district with fliers.',
    }),
  ]
  expect(findConflicts(race, (articleId) => articleId)).toEqual([])
})

test('a vaguer date that holds one side of a contradiction joins that side, not a third answer', () => {
  const tuesday = '2024-02-20T12:00:00Z'
  const reports = (
    [
      ['tue', 'A Russian delegation handed over the car to Kim on Tuesday, state media said.'],
      ['sun', "Kim's sister accepted the car on Sunday, state media said."],
      [
        'weekend',
        'State media said the car was hand-delivered by a Russian delegation over the weekend.',
      ],
    ] as const
  ).map(([id, text]) => extract({ id, published: tuesday, clean: true, text }))
  const handover = findConflicts(reports, (articleId) => articleId).find(
    (conflict) => conflict.subject === 'handover',
  )
  expect(handover?.kind).toBe('contradiction')
  const sides = Object.fromEntries(
    (handover?.values ?? []).map((side) => [
      side.value,
      side.spans.map((span) => span.articleId).sort(),
    ]),
  )
  // "Over the weekend" (17–18 February) can only be Sunday's answer: it stands with it against Tuesday.
  expect(sides).toEqual({ '2024-02-20': ['tue'], '2024-02-18': ['sun', 'weekend'] })
})
