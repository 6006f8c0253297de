import { expect, test } from 'vitest'
import { Interner } from './interner.js'

test('an interner gives ids in first-seen order, the same id again for a key seen before', () => {
  const features = new Interner<string>()
  expect(['w=kim', 'shape=Xx', 'w=kim', 'prev=O'].map(features.id)).toEqual([0, 1, 0, 2])
  expect(features.keys).toEqual(['w=kim', 'shape=Xx', 'prev=O'])
  expect(features.size).toBe(3)
  const buckets = new Interner<number>()
  expect(Int32Array.from([907, 12, 907], buckets.id)).toEqual(Int32Array.from([0, 1, 0]))
})
