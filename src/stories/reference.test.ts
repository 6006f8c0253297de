import { expect, test } from 'vitest'
import { blendedIdf, referenceFrequencies, shippedReference } from './reference.js'
import { smoothedIdf } from './vectors.js'

test('the shipped table loads and counts common words in many documents', () => {
  const table = shippedReference()
  expect(table.documents).toBeGreaterThan(1000)
  expect(table.terms['government'] ?? 0).toBeGreaterThan(table.terms['earthquake'] ?? 0)
  expect(table.terms['the']).toBeUndefined() // stop words are not terms
})

test('a batch of three: a word common in the reference weighs less than a rare one both share', () => {
  const reference = referenceFrequencies([
    'officials police government statement',
    'police government report officials',
    'weather government officials',
  ])
  const own = { documents: 3, frequency: (term: string) => (term === 'single' ? 1 : 3) }
  const idf = blendedIdf(own, reference, 300)
  expect(idf('government')).toBeLessThan(idf('mattis'))
  // The batch alone cannot tell them apart: both are in all three of its documents.
  const batchOnly = blendedIdf(own, reference, 0)
  expect(batchOnly('government')).toBe(batchOnly('mattis'))
  expect(batchOnly('government')).toBe(smoothedIdf(3, own.frequency)('government'))
})

test('a large store weighs terms mostly by its own frequencies', () => {
  const reference = referenceFrequencies(['alpha beta', 'alpha gamma'])
  const own = { documents: 100_000, frequency: (term: string) => (term === 'alpha' ? 10 : 50_000) }
  const idf = blendedIdf(own, reference, 300)
  expect(idf('alpha')).toBeGreaterThan(idf('beta'))
})
