import { expect, test } from 'vitest'
import { reportChunks } from '../../src/report/index.js'
import { MAX_QUERY_TERMS, ftsQuery } from '../../src/store/sqlite/sqlite-store.js'
import type { Analysis } from '../../src/types.js'
import { analyze } from '../../src/pipeline.js'
import { EXAMPLE } from '../helpers.js'

test('JSON reports come a piece at a time, and the pieces are exactly the whole JSON', async () => {
  const analysis = await analyze([EXAMPLE])
  const chunks = [...reportChunks(analysis, 'json')]
  // One piece per article and per story (with its indentation), never two of them in one string.
  const whole = `${JSON.stringify(analysis, null, 2)}\n`
  expect(chunks.length).toBeGreaterThan(analysis.articles.length + analysis.stories.length)
  const largestItem = Math.max(
    ...[...analysis.articles, ...analysis.stories].map(
      (item) => JSON.stringify(item, null, 4).length,
    ),
  )
  expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(largestItem + 8)
  expect(largestItem).toBeLessThan(whole.length)
  expect(chunks.join('')).toBe(`${JSON.stringify(analysis, null, 2)}\n`)
  const empty: Analysis = { schemaVersion: 1, articles: [], stories: [] }
  expect([...reportChunks(empty, 'json')].join('')).toBe(`${JSON.stringify(empty, null, 2)}\n`)
})

test('a search query is bounded in words and word length', () => {
  const query = Array.from({ length: 10_000 }, (_, index) => `word${index}`).join(' ')
  const terms = ftsQuery(query)?.split(' ') ?? []
  expect(terms).toHaveLength(MAX_QUERY_TERMS)
  expect(ftsQuery('x'.repeat(100_000))?.length).toBeLessThan(100)
})
