import { expect, test } from 'vitest'

test('the public API exports exactly these names', async () => {
  const api = await import('../src/index.js')
  expect(Object.keys(api).sort()).toEqual([
    'SCHEMA_VERSION',
    'analyze',
    'analyzeArticles',
    'extract',
    'openStore',
    'renderReport',
    'updateStore',
    'verify',
  ])
})
