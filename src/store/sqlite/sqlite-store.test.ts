import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { updateStore } from '../../incremental.js'
import { analyze, collectArticles } from '../../pipeline.js'
import type { Article } from '../../types.js'
import { openStore } from '../index.js'
import { ftsQuery } from './sqlite-store.js'

const EXAMPLE = new URL('../../../examples/aurus-gift', import.meta.url).pathname

test('adding the same articles twice keeps one copy of each; stories and search answer from the file', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'x.db')
  const articles = await collectArticles([EXAMPLE])
  const first = await openStore(path)
  expect((await updateStore(first, articles)).added).toHaveLength(5)
  await first.close()
  const second = await openStore(path)
  expect(await second.addArticles(articles)).toMatchObject({
    added: [],
    existing: expect.arrayContaining([articles[0]?.id]),
  })
  expect(await second.listArticles()).toHaveLength(5)
  // Users see the article as its story's analysis left it; re-analysis reads it as extracted.
  const republished = articles.find((article) => article.pageDate?.startsWith('2025-06-24'))
  expect((await second.getArticle(republished?.id ?? ''))?.published).toBe('2024-02-20')
  expect(
    (await second.listArticles()).find((article) => article.id === republished?.id)?.published,
  ).toBeNull()
  expect((await second.listStories())[0]?.articleIds).toHaveLength(5)
  const found = await second.search('Peskov')
  expect(found.articles.length).toBeGreaterThanOrEqual(3)
  expect(found.stories).toHaveLength(1)
  await second.close()
})

test('a batch that fails half-way writes nothing', async () => {
  const store = await openStore(':memory:')
  const { articles } = await analyze([EXAMPLE])
  const poisoned = { ...articles[1], extra: 1n } as unknown as Article // JSON.stringify throws on BigInt
  await expect(store.addArticles([articles[0] as Article, poisoned])).rejects.toThrow()
  expect(await store.listArticles()).toHaveLength(0)
  await store.close()
})

test('stored LSH bands find a near-duplicate', async () => {
  const store = await openStore(':memory:')
  const { articles } = await analyze([EXAMPLE])
  await store.addArticles(articles)
  const { bandKeys, lshParamsFor } = await import('../../reuse/lsh.js')
  const { minhashSignature, shingleHashes } = await import('../../reuse/minhash.js')
  const { words } = await import('../../text/tokens.js')
  const target = articles[2] as Article
  const copy = target.text.replace(/\bthe\b/, 'a')
  const keys = bandKeys(minhashSignature(shingleHashes(words(copy))), lshParamsFor(0.5))
  expect(await store.similarCandidates(keys)).toContain(target.id)
  await store.close()
})

test('search input is never read as FTS syntax', () => {
  expect(ftsQuery('Peskov OR "x" NEAR(')).toBe('"Peskov" "OR" "x" "NEAR"')
  expect(ftsQuery('*** ')).toBeNull()
})

test('the story list rows follow writes by this connection and by another one on the same file', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'rows.db')
  const articles = await collectArticles([EXAMPLE])
  const reader = await openStore(path)
  const writer = await openStore(path)
  expect(await reader.listStoryRows?.(0, 10)).toEqual([])
  await updateStore(writer, articles.slice(0, 2))
  const [first] = (await reader.listStoryRows?.(0, 10)) ?? []
  expect(first?.articleIds).toHaveLength(2)
  await updateStore(writer, articles.slice(2))
  const rows = (await reader.listStoryRows?.(0, 10)) ?? []
  const stories = await writer.listStories()
  expect(rows.map(({ sources: _sources, conflicts: _conflicts, ...summary }) => summary)).toEqual(
    stories,
  )
  const story = await writer.getStory(stories[0]?.id ?? '')
  expect(rows[0]?.conflicts).toBe(story?.conflicts.length)
  expect(rows[0]?.sources.map((head) => head.id).sort()).toEqual(
    [...(story?.articleIds ?? [])].sort(),
  )
  expect(await reader.storyOfArticle?.(articles[0]?.id ?? '')).toBe(
    stories.find((entry) => entry.articleIds.includes(articles[0]?.id ?? ''))?.id,
  )
  await writer.clearClustering()
  expect(await writer.listStoryRows?.(0, 10)).toEqual([])
  await reader.close()
  await writer.close()
})

test('a version-2 file (no stored list fields) lists the same rows, read-only from its reports, and once migrated', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'v2.db')
  const store = await openStore(path)
  await updateStore(store, await collectArticles([EXAMPLE]))
  const rows = await store.listStoryRows?.(0, 10)
  expect(rows?.[0]?.articleIds).toHaveLength(5)
  await store.close()
  const raw = new Database(path)
  raw.exec('ALTER TABLE stories DROP COLUMN list_row')
  raw.pragma('user_version = 2')
  raw.close()
  const reader = await openStore(path, { readOnly: true })
  expect(await reader.listStoryRows?.(0, 10)).toEqual(rows)
  await reader.close()
  const writer = await openStore(path)
  expect(await writer.listStoryRows?.(0, 10)).toEqual(rows)
  await writer.close()
  const migrated = new Database(path, { readonly: true })
  expect(migrated.pragma('user_version', { simple: true })).toBe(3)
  const [listRow] = migrated.prepare('SELECT list_row FROM stories').pluck().all() as string[]
  expect(JSON.parse(listRow ?? '')).toEqual({
    independentSources: rows?.[0]?.independentSources,
    articleIds: rows?.[0]?.articleIds,
    conflicts: rows?.[0]?.conflicts,
  })
  migrated.close()
})

test('a store another process is writing to opens for writing at once: opening writes nothing', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'busy.db')
  await (await openStore(path)).close()
  // Another connection (as another ingest placing a batch) holds the write lock; with a busy timeout of 0 any
  // write at open (a migration, `PRAGMA user_version`, an immediate transaction) fails at once with SQLITE_BUSY.
  const writer = new Database(path)
  writer.exec('BEGIN IMMEDIATE')
  try {
    const probe = new Database(path, { timeout: 0 })
    probe.exec('BEGIN IMMEDIATE')
    expect.unreachable('the probe took a write lock another connection holds')
  } catch (error) {
    expect((error as { code?: string }).code).toBe('SQLITE_BUSY')
  }
  const second = await openStore(path)
  expect(await second.listArticles()).toEqual([])
  await second.close()
  writer.exec('ROLLBACK')
  writer.close()
})
