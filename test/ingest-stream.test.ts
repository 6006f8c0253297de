import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { openStore } from '../src/store/index.js'
import { EVENT_COUNT, eventsCorpus } from './events-corpus.js'
import { runCaptured } from './helpers.js'

test('ingest streams a JSONL file larger than --max-bytes (the limit is per article) in batches', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-'))
  const corpus = join(dir, 'crawl.jsonl')
  const lines = eventsCorpus()
  writeFileSync(corpus, `not a record\n${lines.join('\n')}\n`)
  const db = join(dir, 'news.db')
  const { status, stdout, stderr } = await runCaptured([
    'ingest',
    '--db',
    db,
    '--max-bytes',
    '2000',
    corpus,
  ])
  expect(status, stderr).toBe(0)
  expect(stderr).toMatch(/crawl\.jsonl:1: Unexpected malformed JSON/)
  expect(stdout).toMatch(new RegExp(`added ${lines.length} articles`))
  const store = await openStore(db)
  expect(await store.countStories()).toBe(EVENT_COUNT)
  await store.close()
})
