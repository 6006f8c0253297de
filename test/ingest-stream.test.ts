import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ingestInputs } from '../src/ingest-stream.js'
import { openStore } from '../src/store/index.js'
import { DIALECTS, freshLocation } from './dialects.js'
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

/** Two reports of one event under one id (as exports that reuse ids across days give). */
function reusedIdLines(): [string, string] {
  const [first, second] = eventsCorpus()
  const text = (line: string | undefined): string =>
    (JSON.parse(line ?? '{}') as { text: string }).text
  return [
    JSON.stringify({ id: 'wire-1', text: text(first) }),
    JSON.stringify({ id: 'wire-1', text: text(second) }),
  ]
}

describe.each(DIALECTS)('ingest into %s', (dialect) => {
  test('an id repeated with another text in a later batch keeps both articles, the later as id~hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-'))
    const [first, second] = reusedIdLines()
    writeFileSync(join(dir, 'a.jsonl'), `${first}\n`)
    writeFileSync(join(dir, 'b.jsonl'), `${second}\n`)
    const location = await freshLocation(dialect)
    const problems: string[] = []
    const store = await openStore(location)
    try {
      // One article per batch: the repeat meets the first in the store, not in its own batch.
      const result = await ingestInputs(store, [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')], {
        batchSize: 1,
        onProblem: (problem) => problems.push(`${problem.ruleId}: ${problem.reason}`),
      })
      expect(result.added).toHaveLength(2)
      const ids = (await store.listArticles()).map((article) => article.id)
      expect(ids).toHaveLength(2)
      expect(ids).toContain('wire-1')
      expect(ids.find((id) => id !== 'wire-1')).toMatch(/^wire-1~[0-9a-f]{8}$/)
      expect(problems).toEqual([expect.stringMatching(/^duplicate-id: .*"wire-1~/)])
      // Read again, each is the article already stored (same id, same text), in whichever order.
      const again = await ingestInputs(store, [join(dir, 'b.jsonl'), join(dir, 'a.jsonl')], {
        batchSize: 1,
      })
      expect(again.added).toEqual([])
      expect([...again.existing].sort()).toEqual([...ids].sort())
    } finally {
      await store.close()
    }
  })
})
