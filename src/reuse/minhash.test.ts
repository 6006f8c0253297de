import { expect, test } from 'vitest'
import { fnv1a32 } from '../text/hash.js'
import { shingleHashes } from './minhash.js'

test('a shingle’s hash is fnv1a32 of its words joined by spaces (signatures stay those of stores made before)', () => {
  const words = ['putin', 'gifted', 'kim', 'an', 'aurus', 'senat', 'limousine', 'kim’s', '東京']
  for (const size of [1, 3, 5]) {
    const expected = new Set<number>()
    for (let index = 0; index + size <= words.length; index++)
      expected.add(fnv1a32(words.slice(index, index + size).join(' ')))
    expect([...shingleHashes(words, size)]).toEqual([...expected])
  }
  expect([...shingleHashes(['two', 'words'], 5)]).toEqual([fnv1a32('two words')])
})
