import { expect, test } from 'vitest'
import { verify } from './verify.js'

const REPORT =
  'The city council approved a $3.6 billion construction fund for new schools on Monday, the mayor said. ' +
  'The vote was 9 to 4, and work on the first three schools will start in the autumn.'
const COPY = `${REPORT} Opponents said the fund would raise taxes.`
const DENIAL =
  'The mayor denied reports that the city council approved a construction fund for new schools. ' +
  'No vote took place on Monday, and the claim is false, her office said in a statement.'
const OTHER =
  'A road bridge over the Varna river collapsed on Sunday, killing at least 12 people, officials said. ' +
  'Rescue teams pulled eight survivors from the water during the night.'

test('verify gives each article a stance with evidence spans inside its text', () => {
  const articles = [
    { id: 'report', text: REPORT },
    { id: 'other', text: OTHER },
  ]
  const result = verify('City council approves school construction fund', articles)
  expect(result.claim).toBe('City council approves school construction fund')
  expect(result.verdicts.map((verdict) => verdict.articleId)).toEqual(['report', 'other'])
  const byId = new Map(result.verdicts.map((verdict) => [verdict.articleId, verdict]))
  expect(byId.get('other')?.stance).toBe('unrelated')
  expect(byId.get('report')?.stance).not.toBe('unrelated')
  for (const verdict of result.verdicts) {
    expect(verdict.confidence).toBeGreaterThan(0)
    expect(verdict.confidence).toBeLessThanOrEqual(1)
    const text = articles.find((article) => article.id === verdict.articleId)?.text ?? ''
    for (const span of verdict.evidence) {
      expect(span.articleId).toBe(verdict.articleId)
      expect(text.slice(span.start, span.end).length).toBeGreaterThan(0)
    }
  }
})

test('a copy of a supporting report is not a second supporting source', () => {
  const alone = verify('City council approves school construction fund', [
    { id: 'report', text: REPORT },
  ])
  const withCopy = verify('City council approves school construction fund', [
    { id: 'report', text: REPORT },
    { id: 'copy', text: COPY },
  ])
  const agreeing = withCopy.verdicts.filter((verdict) => verdict.stance === 'agree').length
  // Whatever the model says of each, two near-identical texts count at most once.
  expect(withCopy.support).toBeLessThanOrEqual(Math.max(alone.support, agreeing > 0 ? 1 : 0))
})

test('verify is deterministic and rejects misuse with a message naming the fix', () => {
  const articles = [
    { id: 'a', text: REPORT },
    { id: 'b', text: DENIAL },
  ]
  expect(verify('The council approved the fund', articles)).toEqual(
    verify('The council approved the fund', articles),
  )
  expect(() => verify('', articles)).toThrow(/claim/)
  expect(() => verify('x', [{ id: 'a' } as never])).toThrow(/`id` or `text`/)
})

const ATTRIBUTED =
  'Russian President Vladimir Putin has given North Korean leader Kim Jong Un a Russian-made car for his ' +
  'personal use, North Korea’s state media reported on Tuesday. The gift was handed to Kim’s sister, Kim Yo ' +
  'Jong, at a ceremony in Pyongyang on Sunday, the report said. It did not say what model the car was or how ' +
  'it was shipped to the country, which is under United Nations sanctions that ban luxury goods imports.'

test('a claim reported as a named source’s words carries that source, and counts as reported', () => {
  const sentence = ATTRIBUTED.indexOf('Russian President')
  const result = verify('Putin gave Kim Jong Un a Russian-made car', [
    {
      id: 'wire',
      text: ATTRIBUTED,
      attributions: [
        {
          content: { start: sentence, end: ATTRIBUTED.indexOf(', North Korea’s state media') },
          cue: null,
          source: null,
          speaker: 'North Korea’s state media',
          entityId: null,
          kind: 'indirect',
        },
      ],
    },
  ])
  const verdict = result.verdicts[0]
  expect(verdict?.stance).not.toBe('unrelated')
  expect(verdict?.stance).not.toBe('disagree')
  if (verdict?.stance === 'discuss') {
    expect(verdict.attributedTo).toBe('North Korea’s state media')
    expect(result.reported).toBe(1)
    expect(result.support).toBe(0)
  } else expect(result.support).toBe(1)
})

test('the same text without attributions is the article’s own voice: no speaker', () => {
  const result = verify('Putin gave Kim Jong Un a Russian-made car', [
    { id: 'wire', text: ATTRIBUTED.replace(', North Korea’s state media reported on Tuesday', '') },
  ])
  expect(result.verdicts[0]?.attributedTo).toBeNull()
  expect(result.reported).toBe(0)
})

test('a headline gets agree, disagree or discuss from the headline model; a headline about something else is unrelated', () => {
  const claim = 'A Florida woman got a third breast'
  const result = verify(claim, [
    { id: 'hoax', text: 'Woman with three breasts was a fake who tricked people, police say' },
    { id: 'rumour', text: 'Florida woman claims she had third breast implanted?' },
    { id: 'other', text: 'Stock markets close higher after a quiet week of trading' },
  ])
  const byId = new Map(result.verdicts.map((verdict) => [verdict.articleId, verdict]))
  expect(byId.get('other')?.stance).toBe('unrelated')
  expect(byId.get('hoax')?.stance).toBe('disagree')
  expect(byId.get('rumour')?.stance).not.toBe('unrelated')
  for (const verdict of result.verdicts) expect(verdict.attributedTo).toBeNull()
})
