import { expect, test } from 'vitest'
import { fnv1a32 } from '../text/hash.js'
import { minhashSignature, shingleHashes, shingleSignature } from './minhash.js'

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

// The split test folds shingles into the signature as they are hashed: it must be the set's signature exactly,
// repeated shingles and texts shorter than a shingle included.
test('shingleSignature is the signature of the shingle set', () => {
  const texts = [
    'the ministry said the ministry said the talks would resume on monday in geneva',
    'three words only',
    '',
    'a b c d e a b c d e a b c d e f',
  ]
  for (const text of texts) {
    const words = text.split(' ').filter((word) => word !== '')
    for (const size of [3, 5])
      expect(shingleSignature(words, size)).toEqual(minhashSignature(shingleHashes(words, size)))
  }
  expect(shingleSignature(['x'])).not.toEqual(shingleSignature([]))
})
