import { expect, test } from 'vitest'
import { extract } from '../extract-input.js'
import { attributionOf, propositionsOf } from './propositions.js'
import { cpuMillisOf } from '../../test/cpu-time.js'

const clausesOf = (text: string) =>
  propositionsOf(extract({ id: 'a', text, published: '2025-05-13' })).map((clause) => ({
    text: clause.text,
    attributedTo: clause.attributedTo,
  }))

test('a clause a pronoun attributes names the speaker the annotations resolved, never the pronoun', () => {
  const clauses = clausesOf(
    'Transport minister Paul Brandt visited the harbour on Monday. He said the strike at the port would end within a week.',
  )
  const said = clauses.find((clause) => clause.text.includes('within a week'))
  expect(said?.attributedTo).toBe('Paul Brandt')
})

test('an unnamed report is attributed to an unnamed source, not to "It"', () => {
  const clauses = clausesOf(
    'It was reported in the capital on Tuesday that the dock workers had accepted a new wage deal.',
  )
  expect(clauses[0]?.attributedTo).toBe('an unnamed source')
})

test("a clause does not carry its article's dateline: the filing place is not part of the claim", () => {
  const article = extract({
    id: 'a',
    text: 'OSLO, Norway – The harbour authority closed the northern port on Monday after a storm.\n\nShips waited outside the breakwater for two days.',
    published: '2025-05-13',
  })
  const [first] = propositionsOf(article)
  expect(first?.text).toBe(
    'The harbour authority closed the northern port on Monday after a storm.',
  )
  expect(article.text.slice(first?.start, first?.end)).toBe(first?.text)
})

test('a clause after ", and" or ", but" leaves the conjunction out, and one that then opens on a pronoun says so', () => {
  const article = extract({
    id: 'a',
    text: 'The dock workers accepted the wage deal on Monday, and a vote on the new contract is expected within days. The union welcomed the offer of the port authority, but it warned that the talks on pensions were not over.',
    published: '2025-05-13',
  })
  const clauses = propositionsOf(article)
  expect(clauses.map((clause) => clause.text)).toEqual([
    'The dock workers accepted the wage deal on Monday',
    'a vote on the new contract is expected within days.',
    'The union welcomed the offer of the port authority',
    'it warned that the talks on pensions were not over.',
  ])
  for (const clause of clauses)
    expect(article.text.slice(clause.start, clause.end)).toBe(clause.text)
  expect(clauses.map((clause) => clause.dangling)).toEqual([false, false, false, true])
})

test('each form of attribution names its source; a sentence with no reporting verb names none', () => {
  expect(attributionOf('The car was a gift, according to KCNA, the state news agency.')).toBe(
    'KCNA',
  )
  expect(
    attributionOf("The car was handed over on Sunday, North Korea's state media reported."),
  ).toBe("North Korea's state media")
  expect(
    attributionOf('The car was handed over on Sunday, said Dmitry Peskov, the Kremlin spokesman.'),
  ).toBe('Dmitry Peskov')
  // Capitalised names and a verb that is not a reporting one ("saw"): no attribution.
  expect(attributionOf('Vladimir Putin saw Kim Jong Un drive the Aurus Senat in Vostochny.')).toBe(
    null,
  )
})

test('a text of 20,000 attributed sentences is cut into clauses in linear time', () => {
  const sentence = 'Jo Li said the deal was dead. '
  const count = 20_000
  const at = (k: number): number => k * sentence.length
  const article = {
    ...extract({ id: 'a', text: 'The deal was dead.', published: '2025-05-13' }),
    text: sentence.repeat(count),
    sentences: Array.from({ length: count }, (_, k) => ({ start: at(k), end: at(k) + 29 })),
    entities: Array.from({ length: count }, (_, k) => ({
      text: 'Jo Li',
      type: 'person' as const,
      start: at(k),
      end: at(k) + 5,
      entityId: 'jo-li',
      name: 'Jo Li',
      role: null,
    })),
    attributions: Array.from({ length: count }, (_, k) => ({
      content: { start: at(k) + 11, end: at(k) + 28 },
      cue: { start: at(k) + 6, end: at(k) + 10 },
      source: { start: at(k), end: at(k) + 5 },
      speaker: 'Jo Li',
      entityId: 'jo-li',
      kind: 'indirect' as const,
    })),
  }
  const { value: clauses, millis } = cpuMillisOf(() => propositionsOf(article))
  // Every name, source and quote tested per clause (and per word for sources) was about 3·10⁹ tests here.
  expect(millis).toBeLessThan(5_000)
  expect(clauses).toHaveLength(count)
  expect(clauses.every((clause) => clause.attributedTo === 'Jo Li')).toBe(true)
})
