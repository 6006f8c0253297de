import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, test } from 'vitest'
import { documentFromInput } from '../ingest/document.js'
import { extractPage } from './extract-page.js'
import { createExtractionPool } from './pool.js'

test('a worker that dies while loading is not started again; what the pool was given is extracted here', async () => {
  // A worker whose extractor cannot load would fail the same way each time it is replaced: the pool must not
  // loop on it (before session 24 a dead worker was always replaced, and this document never came back).
  const file = join(mkdtempSync(join(tmpdir(), 'corroborate-pool-')), 'fails-to-load.mjs')
  writeFileSync(file, "throw new Error('the models could not be read')\n")
  const pool = createExtractionPool(1, { annotate: false }, extractPage, 2, pathToFileURL(file))
  expect(pool.hasRoom()).toBe(false)
  const text = 'The council approved the bridge on Tuesday, the mayor said.'
  const article = await pool.extract(documentFromInput({ text }))
  expect(article.text).toBe(text)
  expect(pool.hasRoom()).toBe(false)
  await pool.close()
})
