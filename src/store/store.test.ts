import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { DIALECTS, freshLocation } from '../../test/dialects.js'
import { updateStore } from '../incremental.js'
import { analyzeArticles, collectArticles } from '../pipeline.js'
import { bandKeys, lshParamsFor } from '../reuse/lsh.js'
import { minhashSignature, shingleHashes } from '../reuse/minhash.js'
import { words } from '../text/tokens.js'
import type { Article } from '../types.js'
import { stateFromMembers } from '../stories/cluster.js'
import { openStore, type SearchResult } from './index.js'
import { MATCH_END, MATCH_START } from './snippet.js'
import { loadMigrations, migrate } from './postgres/migrate.js'
import { PostgresStore } from './postgres/postgres-store.js'

const EXAMPLE = new URL('../../examples/aurus-gift', import.meta.url).pathname

// One contract, every dialect: what a caller of `Store` may rely on, whichever database holds the rows.
describe.each(DIALECTS)('the %s store', (dialect) => {
  test('keeps one copy of an article added twice, and answers from the database after reopening', async () => {
    const location = await freshLocation(dialect)
    const articles = await collectArticles([EXAMPLE])
    const writer = await openStore(location)
    const first = await updateStore(writer, articles)
    expect(first.added).toHaveLength(articles.length)
    await writer.close()

    const reader = await openStore(location) // a second open migrates nothing and loses nothing
    const again = await reader.addArticles([...articles, articles[0] as Article])
    expect(again.added).toEqual([])
    expect(again.existing).toHaveLength(articles.length + 1)
    expect((await reader.listArticles()).map((article) => article.id)).toEqual(
      articles.map((article) => article.id).sort(),
    )
    expect(await reader.unclusteredArticles()).toEqual([])
    const stories = await reader.listStories()
    expect(stories).toHaveLength(1)
    expect(await reader.countStories()).toBe(1)
    expect((await reader.getStory(stories[0]?.id ?? ''))?.articleIds.sort()).toEqual(
      articles.map((article) => article.id).sort(),
    )
    expect(await reader.getStory('no-such-story')).toBeNull()
    await reader.close()
  })

  test('stories in the store are those one batch analysis forms', async () => {
    const store = await openStore(await freshLocation(dialect))
    const articles = await collectArticles([EXAMPLE])
    await updateStore(store, articles)
    const batch = analyzeArticles(articles)
    const stored = await store.getStory(batch.stories[0]?.id ?? '')
    expect(stored?.articleIds).toEqual(batch.stories[0]?.articleIds)
    expect(stored?.claims.length).toBe(batch.stories[0]?.claims.length)
    // Users see each article as its story's analysis left it.
    for (const article of batch.articles)
      expect((await store.getArticle(article.id))?.published).toBe(article.published)
    await store.clearClustering()
    expect(await store.countStories()).toBe(0)
    expect(await store.unclusteredArticles()).toHaveLength(articles.length)
    await updateStore(store, [])
    expect((await store.listStories()).map((story) => story.id)).toEqual(
      batch.stories.map((story) => story.id),
    )
    await store.close()
  })

  test("the change token moves with every commit, this connection's and another's, and only then", async () => {
    const location = await freshLocation(dialect)
    const [first, second] = await collectArticles([EXAMPLE])
    const server = await openStore(location)
    const writer = await openStore(location)
    const tokens = [await server.changeToken?.()]
    expect(await server.changeToken?.()).toBe(tokens[0]) // reading changes nothing
    await server.getStory('no-such-story')
    await server.search('Peskov')
    expect(await server.changeToken?.()).toBe(tokens[0])
    await server.addArticles([first as Article]) // its own write
    tokens.push(await server.changeToken?.())
    await updateStore(writer, [second as Article]) // another connection's (an ingest beside the server)
    tokens.push(await server.changeToken?.())
    await writer.clearClustering()
    tokens.push(await server.changeToken?.())
    expect(new Set(tokens).size).toBe(4)
    expect(tokens.every((token) => typeof token === 'string')).toBe(true)
    await Promise.all([server.close(), writer.close()])
  })

  test('a batch that fails half-way writes nothing', async () => {
    const store = await openStore(await freshLocation(dialect))
    const [good, other] = await collectArticles([EXAMPLE])
    const poisoned = { ...other, extra: 1n } as unknown as Article // JSON.stringify throws on BigInt
    await expect(store.addArticles([good as Article, poisoned])).rejects.toThrow()
    expect(await store.listArticles()).toEqual([])
    await store.close()
  })

  test('a placement that fails while its stories are written leaves the store as it was', async () => {
    const store = await openStore(await freshLocation(dialect))
    const articles = await collectArticles([EXAMPLE])
    // The stories are read, split and reported inside the store's transaction, one at a time: the first
    // read of a changed story's members fails, after the placement's own rows were written.
    let reads = 0
    const failing = new Proxy(store, {
      get(target, key) {
        if (key === 'getExtractedArticles')
          return async (ids: string[]) => {
            reads += 1
            if (reads > 1) throw new Error('members unreadable')
            return target.getExtractedArticles(ids)
          }
        const value: unknown = Reflect.get(target, key)
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value
      },
    })
    await expect(updateStore(failing, articles)).rejects.toThrow('members unreadable')
    expect(await store.countStories()).toBe(0)
    expect(await store.unclusteredArticles()).toHaveLength(articles.length)
    expect((await store.termDocuments(['putin'])).documents).toBe(0)
    // Nothing half-written: the next update places them all, as one batch would.
    await updateStore(store, [])
    expect((await store.listStories()).map((story) => story.id)).toEqual(
      analyzeArticles(articles).stories.map((story) => story.id),
    )
    await store.close()
  })

  test('finds a near-duplicate by its LSH bands, and searches words, never query syntax', async () => {
    const store = await openStore(await freshLocation(dialect))
    const articles = await collectArticles([EXAMPLE])
    await updateStore(store, articles)
    const target = articles[2] as Article
    const copy = target.text.replace(/\bthe\b/, 'a')
    const keys = bandKeys(minhashSignature(shingleHashes(words(copy))), lshParamsFor(0.5))
    expect(await store.similarCandidates(keys)).toContain(target.id)
    const found = await store.search('Peskov')
    expect(found.articles.length).toBeGreaterThanOrEqual(3)
    const first = found.articles[0] as SearchResult['articles'][number]
    // Each match is given as offsets into the snippet's plain text, no marker left in it.
    expect(first.highlights.length).toBeGreaterThan(0)
    for (const { start, end } of first.highlights)
      expect(first.snippet.slice(start, end)).toBe('Peskov')
    expect(first.snippet).not.toContain(MATCH_START)
    expect(first.snippet).not.toContain(MATCH_END)
    expect(first.snippet).not.toContain('[Peskov]')
    expect(found.stories).toHaveLength(1)
    expect(await store.search('Peskov OR "x" NEAR( \' & | !')).toMatchObject({ stories: [] })
    expect(await store.search('*** ')).toEqual({ articles: [], stories: [] })
    await store.close()
  })
})

describe.skipIf(!DIALECTS.includes('postgres'))('PostgreSQL migrations', () => {
  test('are applied once, and a database migrated by a newer corroborate is refused, not written', async () => {
    const location = await freshLocation('postgres')
    await Promise.all([openStore(location), openStore(location)]).then((stores) =>
      Promise.all(stores.map((store) => store.close())),
    )
    const admin = new pg.Client({ connectionString: location })
    await admin.connect()
    const { rows } = await admin.query<{ version: number }>(
      'SELECT version FROM corroborate_schema',
    )
    // Each migration the package ships, once, although two stores opened the database at the same time.
    expect(rows.map((row) => row.version)).toEqual(
      loadMigrations().map((migration) => migration.version),
    )
    await admin.query("INSERT INTO corroborate_schema (version, name) VALUES (999, 'future')")
    await admin.end()
    await expect(openStore(location)).rejects.toThrow(/schema version 999 is newer/)
  })

  test('6 moves what placing and reporting wrote on article rows to their own tables, losing none', async () => {
    const location = await freshLocation('postgres')
    const [unplaced, placed] = (await collectArticles([EXAMPLE])) as [Article, Article]
    const client = new pg.Client({ connectionString: location })
    await client.connect()
    try {
      // A store as version 5 left it: one article waiting for placement, one placed with its analysed form.
      await migrate(
        client,
        loadMigrations().filter((migration) => migration.version <= 5),
      )
      for (const [article, isPlaced, analyzed] of [
        [unplaced, false, null],
        [placed, true, JSON.stringify({ ...placed, title: 'as its story left it' })],
      ] as const)
        await client.query(
          `INSERT INTO articles (id, title, published, json, analyzed, placed, search)
           VALUES ($1, $2, $3, $4, $5, $6, to_tsvector('simple', $2))`,
          [
            article.id,
            article.title,
            article.published,
            JSON.stringify(article),
            analyzed,
            isPlaced,
          ],
        )
    } finally {
      await client.end()
    }
    const store = await openStore(location)
    expect((await store.unclusteredArticles()).map((article) => article.id)).toEqual([unplaced.id])
    expect((await store.getArticle(placed.id))?.title).toBe('as its story left it')
    expect((await store.getArticle(unplaced.id))?.title).toBe(unplaced.title)
    await store.close()
  })
})

describe.skipIf(!DIALECTS.includes('postgres'))(
  'PostgreSQL reports built beside the placer',
  () => {
    // A worker saving a story's first report while the placer merges that story away: the report must go with
    // the story, not outlive it listing articles that now belong to the story it merged into. A third
    // connection's uncommitted row for the story holds the worker's write of it, so the placer's merge runs
    // exactly while the worker's transaction is open (as it did now and then under load in the workers' test).
    test('a story merged away while its first report is being saved leaves no report behind', async () => {
      const location = await freshLocation('postgres')
      const [worker, placer] = [
        await PostgresStore.open(location),
        await PostgresStore.open(location),
      ]
      const [holder, observer] = [location, location].map(
        (connectionString) => new pg.Client({ connectionString }),
      ) as [pg.Client, pg.Client]
      await Promise.all([holder.connect(), observer.connect()])
      try {
        const gone = stateFromMembers('story-merged-away', [], [])
        const kept = stateFromMembers('story-kept', [], [])
        const nothingPlaced = { placed: [], moved: [], termDocuments: new Map<string, number>() }
        await placer.savePlacement({ ...nothingPlaced, states: [gone, kept], merged: [] })
        const claim = (await worker.claimReports(10, 300)).find(
          (entry) => entry.storyId === gone.id,
        )
        const [story] = analyzeArticles(await collectArticles([EXAMPLE])).stories
        if (claim === undefined || story === undefined) throw new Error('no claim or no story')
        await holder.query('BEGIN')
        await holder.query("INSERT INTO stories (id, title, json) VALUES ($1, '', '{}')", [gone.id])
        const saving = worker.saveReports([
          { claim, report: { ...story, id: gone.id }, members: [] },
        ])
        await waitingOnLocks(observer, 1)
        const merging = placer.savePlacement({
          ...nothingPlaced,
          states: [kept],
          merged: [{ from: gone.id, into: kept.id }],
        })
        await waitingOnLocks(observer, 2)
        await holder.query('ROLLBACK')
        const [saved] = await Promise.all([saving, merging])
        expect(saved).toEqual([true]) // the worker's report was written, then deleted with its story
        expect(await placer.getStory(gone.id)).toBeNull()
        expect((await placer.listStories()).map((entry) => entry.id)).not.toContain(gone.id)
      } finally {
        await Promise.all([holder.end(), observer.end(), worker.close(), placer.close()])
      }
    })
  },
)

/**
 * Waits until `count` other sessions of this database wait for a lock (each write blocked where it should be).
 * `client` is in no transaction: the activity view is read once per transaction.
 */
async function waitingOnLocks(client: pg.Client, count: number): Promise<void> {
  for (let tries = 0; tries < 2_000; tries++) {
    const { rows } = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )
    if ((rows[0]?.waiting ?? 0) >= count) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`fewer than ${count} sessions ever waited for a lock`)
}
