import { expect, test } from 'vitest'
import { extractEntities } from '../nlp/entities.js'
import { cosine, cosineMatrix, documentTerms, type TermVector } from './vectors.js'

// Five unrelated French pages in a mostly German and English batch formed one story on "les, dans, par, une".
test("an article's function words are left out in its own language, not only in English", () => {
  const text = 'Les pompiers sont intervenus dans la nuit avec les voisins. Mais la maison a brûlé.'
  const french = [...documentTerms('fr', null, text, 'fr').counts.keys()]
  expect(french).toEqual(expect.arrayContaining(['pompiers', 'intervenus', 'voisins', 'maison']))
  for (const word of ['les', 'dans', 'avec', 'sont', 'mais']) expect(french).not.toContain(word)
  expect([...documentTerms('unknown', null, text, null).counts.keys()]).toContain('dans')
  const names = extractEntities(
    'Mais la police est venue. Les pompiers aussi, dit Jean Dupont.',
    'fr',
  )
  expect(names.map((name) => name.text)).toEqual(['Jean Dupont'])
})

// The split test's unit similarities: each pair of different sizes is computed once and copied; the matrix must be
// the cosine of every ordered pair, bit for bit, vectors of equal size included (their two orders may differ in the
// last bits, so both are computed).
test('cosineMatrix is cosine of every ordered pair, exactly', () => {
  const weights = (seed: number, size: number): TermVector =>
    new Map(
      Array.from({ length: size }, (_, index) => [`t${(index * seed) % 23}`, 1 / (index + seed)]),
    )
  const vectors = [weights(3, 9), weights(5, 9), weights(7, 4), weights(11, 15), new Map()]
  const matrix = cosineMatrix(vectors)
  vectors.forEach((a, i) =>
    vectors.forEach((b, j) => expect(Object.is(matrix[i]?.[j], cosine(a, b))).toBe(true)),
  )
  expect(matrix[0]?.[2]).toBeGreaterThan(0)
})
