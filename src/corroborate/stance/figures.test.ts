import { expect, test } from 'vitest'
import { figuresOf, statesFigures } from './figures.js'

test('figures carry their currency and scale; years and small counts are not figures', () => {
  expect(figuresOf('The sedan is priced at $245,000, or 245,000 dollars.')).toEqual([
    'USD 245000',
    'USD 245000',
  ])
  expect(figuresOf('It can cost as much as $1 million, or €900m.')).toEqual([
    'USD 1000000',
    'EUR 900000000',
  ])
  expect(figuresOf('In 2014, 1,200 people and 15 bodies.')).toEqual([' 1200'])
  expect(figuresOf('It sold for $2014.')).toEqual(['USD 2014'])
})

test('a money figure is not the same count of things', () => {
  expect(statesFigures(figuresOf('a $2,000 tip'), 'around 2,000 fighters')).toBe(false)
  expect(statesFigures(figuresOf('a $2,000 tip'), 'a tip of $2,000 for one pizza')).toBe(true)
  expect(statesFigures([], 'a tip of $2,000')).toBe(false)
})
