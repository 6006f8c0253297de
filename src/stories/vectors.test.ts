import { expect, test } from 'vitest'
import { extractEntities } from '../nlp/entities.js'
import { documentTerms } from './vectors.js'

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
