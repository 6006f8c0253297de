import { expect, test } from 'vitest'
import { prepareClaim, prepareText, wordsOf } from './features.js'
import { statingSentence } from './stated.js'

const states = (claim: string, text: string): boolean =>
  statingSentence(prepareClaim(claim), wordsOf(claim), text, prepareText(text).sentences) !== null

const CLAIM =
  'A 2006 Security Council resolution bans the export of high-end goods — including luxury vehicles — to North Korea.'

test('an article that states the claim nearly word for word, in its own voice, states it', () => {
  expect(
    states(
      CLAIM,
      'The gift drew criticism. A 2006 Security Council resolution bans the export of high-end goods, including luxury vehicles, to North Korea. Moscow did not comment.',
    ),
  ).toBe(true)
})

test('negated, hedged, quoted, reordered or headline-like statements do not state the claim', () => {
  for (const text of [
    'A 2006 Security Council resolution does not ban the export of high-end goods, including luxury vehicles, to North Korea.',
    'A 2006 Security Council resolution reportedly bans the export of high-end goods, including luxury vehicles, to North Korea.',
    '"A 2006 Security Council resolution bans the export of high-end goods, including luxury vehicles, to North Korea," he said.',
    'North Korea bans the export of high-end goods and luxury vehicles, a 2006 Security Council resolution says.',
    'A 2006 Security Council Resolution Bans The Export Of High-End Goods Including Luxury Vehicles To North Korea',
    'It is false that a 2006 Security Council resolution bans the export of high-end goods, including luxury vehicles, to North Korea.',
  ])
    expect(states(CLAIM, text), text).toBe(false)
})
