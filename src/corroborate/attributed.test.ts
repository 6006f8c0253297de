import { expect, test } from 'vitest'
import { attributedTo } from './attributed.js'

const sentence = { articleId: 'a', start: 100, end: 200 }

test('a sentence is attributed when one speaker’s stretches cover most of it, counted once', () => {
  // Two stretches of one speaker (60 characters together) make the sentence reported...
  expect(
    attributedTo(
      [sentence],
      [
        { start: 100, end: 140, speaker: 'state media' },
        { start: 170, end: 190, speaker: 'state media' },
      ],
    ),
  ).toBe('state media')
  // ...the same 40 characters stored twice (a quote and an attribution) do not.
  expect(
    attributedTo(
      [sentence],
      [
        { start: 100, end: 140, speaker: 'state media' },
        { start: 100, end: 140, speaker: 'state media' },
      ],
    ),
  ).toBeNull()
  // Two speakers' stretches are not added together.
  expect(
    attributedTo(
      [sentence],
      [
        { start: 100, end: 140, speaker: 'KCNA' },
        { start: 150, end: 190, speaker: 'Peskov' },
      ],
    ),
  ).toBeNull()
})

test('only the sentence nearest the claim counts', () => {
  const later = { articleId: 'a', start: 300, end: 400 }
  expect(attributedTo([sentence, later], [{ start: 300, end: 400, speaker: 'Peskov' }])).toBeNull()
  expect(attributedTo([], [{ start: 300, end: 400, speaker: 'Peskov' }])).toBeNull()
})
