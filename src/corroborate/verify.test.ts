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
