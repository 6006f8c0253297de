import { expect, test } from 'vitest'
import { extract } from '../extract-input.js'
import { numberFacts } from './number-facts.js'

const factsOf = (text: string) =>
  numberFacts(extract({ id: 'a', text, published: '2024-02-20' })).map((fact) => ({
    kind: fact.kind,
    subject: fact.subject,
    subjectName: fact.subjectName,
  }))

test('what a named person owns is priced, not the person', () => {
  const facts = factsOf(
    'Officials in Seoul said on Tuesday that the gift had arrived. Mr. Park’s new yacht is priced at $2 million, according to a broker.',
  )
  expect(facts).toContainEqual({ kind: 'price', subject: ['yacht'], subjectName: null })
})

test('a price of a named product carries the name as the article writes it', () => {
  const facts = factsOf(
    'The company unveiled its new phone on Monday. The Orion X, which can cost as much as $1,199, goes on sale next week.',
  )
  const price = facts.find((fact) => fact.kind === 'price')
  expect(price?.subjectName).toMatch(/Orion/)
})

test('a year after a sum is when it was, not what it is of', () => {
  const facts = factsOf(
    'Imports fell to roughly $2 million in 2021 and rose to about $28 million in 2022.',
  )
  for (const fact of facts.filter((fact) => fact.kind !== 'price'))
    expect(fact.subject.some((word) => /\d/.test(word))).toBe(false)
})
