import pg from 'pg'
import { bandKeys, lshParamsFor } from '../../reuse/lsh.js'
import { minhashSignature, shingleHashes } from '../../reuse/minhash.js'
import type { StoryState } from '../../stories/cluster.js'
import { words } from '../../text/tokens.js'
import type { Article, StoryReport } from '../../types.js'
import { deserialise } from '../sqlite/clustering-tables.js'
import { STORED_LSH_THRESHOLD } from '../sqlite/sqlite-store.js'
import {
  type ClusteringUpdate,
  type LaterReports,
  type PlacementUpdate,
  type ClaimedReport,
  type ReportClaim,
  type SearchResult,
  type Store,
  type StorySummary,
  type UnclusteredFilter,
  type StoryListFields,
  summariseStory,
} from '../store.js'
import { byChars, writeClustering, writePlacement, writeReports } from './clustering-writes.js'
import { migrate } from './migrate.js'
import { MATCH_END, MATCH_START, readSnippet } from '../snippet.js'

/** Characters of an article's text indexed for search: a tsvector is bounded (1 MB), hostile texts are not. */
const SEARCHED_CHARS = 100_000

/** Connections per process: a placer and a few readers. Workers on many machines each have their own. */
const POOL_SIZE = 4

/** Connection settings passed to node-postgres (`options`: the server's `-c name=value` for the session). */
export interface SessionSettings {
  options?: string
}

/**
 * A worker's sessions commit without waiting for the commit's WAL to reach disk (`synchronous_commit=off`).
 * Safe for what workers write, because each of it is redone when lost: a server crash can lose the last
 * commits (up to three WAL-writer delays, 0.6 s by default), never part of one, and always a suffix of the
 * history, since the WAL is replayed in order. A job completion that survived implies that its articles and
 * round record, committed before it, survived too; a lost completion leaves the job to expire and run again,
 * finding what it wrote stored or storing it anew; a lost placement or report leaves its round to be placed
 * or its story still due. A crash of the worker itself (kill -9) loses nothing committed: the server has the
 * commit. What users are told is kept (`ingest --queue`'s jobs, `ingest`'s articles) stays synchronous.
 */
export const WORKER_SESSION: SessionSettings = { options: '-c synchronous_commit=off' }

/** The advisory lock that makes one placer at a time (see `asSoleWriter`). */
const PLACEMENT_LOCK = 0x706c6163 // 'plac'

/**
 * A Store in a PostgreSQL database (node-postgres). Rows as in the SQLite store; ids ordered by bytes
 * (`COLLATE "C"`) so that both stores list in the same order whatever the database's locale. Every statement is
 * parameterised; lists travel as arrays (`= ANY($1)`, `unnest`), so no statement grows with its input.
 */
export class PostgresStore implements Store, LaterReports {
  private readonly lsh = lshParamsFor(STORED_LSH_THRESHOLD)
  /** The connection holding the placement lock while this store places (see `placementLocked`). */
  private lockHolder: pg.PoolClient | null = null

  private constructor(private readonly pool: pg.Pool) {}

  /** Opens (and migrates) the store; `session`: settings of its connections (default: the server's). */
  static async open(url: string, session: SessionSettings = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, ...session })
    // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
    pool.on('error', () => {})
    const client = await pool.connect()
    client.on('error', ignoreConnectionError)
    try {
      await migrate(client)
    } catch (error) {
      release(client, error as Error)
      await pool.end()
      throw error
    }
    release(client)
    return new PostgresStore(pool)
  }

  /**
   * Runs `work` while holding the placement lock: story placement reads the stories, decides, and writes them
   * back, so two placers at once would each place against a state the other is changing. One placer at a time
   * (a session advisory lock, released by the server if the process dies) keeps the result that of one process;
   * reading and extracting articles, the bulk of the work, stay parallel.
   */
  async asSoleWriter<T>(
    work: () => Promise<T>,
    onWait: (message: string) => void = () => undefined,
  ): Promise<T> {
    return (await this.placementLocked(work, onWait)) as T
  }

  async ifSoleWriter<T>(work: () => Promise<T>): Promise<T | null> {
    return this.placementLocked(work, null)
  }

  /**
   * Runs `work` under the placement lock; without `onWait`, gives up (null) when another placer holds it.
   * While `work` runs, the placement's writes go through the connection that holds the lock (`lockHolder`): if
   * the server goes down, it frees the lock with that session, and a placer that was computing meanwhile can
   * then no longer commit what it computed against a state another placer may be changing.
   */
  private async placementLocked<T>(
    work: () => Promise<T>,
    onWait: ((message: string) => void) | null,
  ): Promise<T | null> {
    const client = await this.checkout()
    let failure: Error | undefined
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [PLACEMENT_LOCK],
      )
      if (rows[0]?.locked !== true) {
        if (onWait === null) return null
        onWait('another process is placing articles in this store; waiting for it')
        await client.query('SELECT pg_advisory_lock($1)', [PLACEMENT_LOCK])
      }
      this.lockHolder = client
      try {
        return await work()
      } finally {
        this.lockHolder = null
        // A session that died has lost the lock already; it is dropped below rather than reused.
        await client.query('SELECT pg_advisory_unlock($1)', [PLACEMENT_LOCK]).catch((error) => {
          failure = error as Error
        })
      }
    } catch (error) {
      failure = error as Error
      throw error
    } finally {
      release(client, failure)
    }
  }

  /** A pooled connection, with a listener for the error its connection emits when the server goes away. */
  private async checkout(): Promise<pg.PoolClient> {
    const client = await this.pool.connect()
    // Without a listener, that error event would end the process; the query in flight fails with it anyway.
    client.on('error', ignoreConnectionError)
    return client
  }

  /**
   * Runs `work` in a transaction. Writes of a placement (`placement`) go through the placement lock's own
   * connection when this store holds the lock, so that they commit only while the lock is held.
   */
  private async transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    placement = false,
  ): Promise<T> {
    const held = placement ? this.lockHolder : null
    const client = held ?? (await this.checkout())
    let failure: Error | undefined
    try {
      await client.query('BEGIN')
      const result = await work(client)
      // Last, so that concurrent writers wait on this one row only for the moment before their commit.
      await client.query('UPDATE store_changes SET generation = generation + 1')
      await client.query('COMMIT')
      return result
    } catch (error) {
      failure = error as Error
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      if (held === null) release(client, failure)
    }
  }

  private async rows<Row extends pg.QueryResultRow>(
    sql: string,
    values: unknown[] = [],
  ): Promise<Row[]> {
    return (await this.pool.query<Row>(sql, values)).rows
  }

  async addArticles(articles: Article[]): Promise<{ added: string[]; existing: string[] }> {
    if (articles.length === 0) return { added: [], existing: [] }
    // JSON and band keys are computed before the transaction: it holds locks only while writing.
    const rows = articles.map((article) => ({
      article,
      json: JSON.stringify(article),
      bands: bandKeys(minhashSignature(shingleHashes(words(article.text))), this.lsh),
    }))
    const inserted = await this.transaction(async (client) => {
      const added = new Set<string>()
      // A few megabytes of rows per statement: a whole batch's JSON as one array literal costs it twice over.
      for (const chunk of byChars(rows, (row) => row.json.length + row.article.text.length)) {
        // An article added is unplaced until a placement takes it (migration 006), in the same statement.
        const { rows: insertedRows } = await client.query<{ id: string }>(
          `WITH added AS (
             INSERT INTO articles (id, title, published, json, search)
             SELECT id, title, published, json, to_tsvector('simple', coalesce(title, '') || ' ' || left(body, ${SEARCHED_CHARS}))
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS input (id, title, published, json, body)
             ON CONFLICT (id) DO NOTHING RETURNING id
           ), unplaced AS (INSERT INTO unplaced_articles (id) SELECT id FROM added)
           SELECT id FROM added`,
          [
            chunk.map((row) => row.article.id),
            chunk.map((row) => row.article.title),
            chunk.map((row) => row.article.published),
            chunk.map((row) => row.json),
            chunk.map((row) => row.article.text),
          ],
        )
        const addedHere = new Set(insertedRows.map((row) => row.id))
        const buckets: string[] = []
        const owners: string[] = []
        for (const row of chunk)
          if (addedHere.has(row.article.id))
            for (const key of row.bands) {
              buckets.push(key)
              owners.push(row.article.id)
            }
        await client.query(
          'INSERT INTO lsh_bands (bucket, article_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
          [buckets, owners],
        )
        for (const id of addedHere) added.add(id)
      }
      return added
    })
    // In input order; a second copy of an id in one batch counts as existing, as in the SQLite store.
    const added: string[] = []
    const existing: string[] = []
    for (const { article } of rows) {
      if (inserted.has(article.id) && !added.includes(article.id)) added.push(article.id)
      else existing.push(article.id)
    }
    return { added, existing }
  }

  async getArticle(id: string): Promise<Article | null> {
    const [row] = await this.rows<{ json: string }>(
      `SELECT COALESCE(analysis.json, article.json) AS json
       FROM articles article LEFT JOIN article_analyses analysis USING (id) WHERE article.id = $1`,
      [id],
    )
    return row === undefined ? null : (JSON.parse(row.json) as Article)
  }

  async listArticles(): Promise<Article[]> {
    return this.articlesWhere('true', [])
  }

  async getExtractedArticles(ids: string[]): Promise<Article[]> {
    return this.articlesWhere('id = ANY($1)', [[...new Set(ids)]])
  }

  async unclusteredArticles(filter: UnclusteredFilter = {}): Promise<Article[]> {
    const unplaced = 'id IN (SELECT id FROM unplaced_articles)'
    if (filter.ids === undefined) return this.articlesWhere(unplaced, [], filter.limit)
    return this.articlesWhere(
      `${unplaced} AND id = ANY($1)`,
      [[...new Set(filter.ids)]],
      filter.limit,
    )
  }

  private async articlesWhere(
    condition: string,
    values: unknown[],
    limit?: number,
  ): Promise<Article[]> {
    const limited = limit === undefined ? '' : ` LIMIT $${values.length + 1}`
    const rows = await this.rows<{ json: string }>(
      `SELECT json FROM articles WHERE ${condition} ORDER BY id COLLATE "C"${limited}`,
      limit === undefined ? values : [...values, Math.max(0, Math.floor(limit))],
    )
    return rows.map((row) => JSON.parse(row.json) as Article)
  }

  async termDocuments(
    terms: string[],
  ): Promise<{ documents: number; frequencies: Map<string, number> }> {
    const rows = await this.rows<{ term: string; documents: string }>(
      'SELECT term, documents FROM term_documents WHERE term = ANY($1)',
      [[...new Set(terms)]],
    )
    const [counter] = await this.rows<{ value: string }>(
      "SELECT value FROM counters WHERE name = 'clustered_articles'",
    )
    return {
      documents: Number(counter?.value ?? 0),
      frequencies: new Map(rows.map((row) => [row.term, Number(row.documents)])),
    }
  }

  async storiesIndexedUnder(terms: string[], maxPostings: number): Promise<string[]> {
    // Counting first keeps a common term from loading thousands of story ids only to drop them.
    const rows = await this.rows<{ story_id: string }>(
      `WITH usable AS (
         SELECT term FROM story_terms WHERE term = ANY($1) GROUP BY term HAVING count(*) <= $2
       )
       SELECT DISTINCT story_id FROM story_terms WHERE term IN (SELECT term FROM usable)`,
      [[...new Set(terms)], Math.floor(maxPostings)],
    )
    return rows.map((row) => row.story_id).sort()
  }

  async loadStoryStates(ids: string[]): Promise<StoryState[]> {
    const rows = await this.rows<{ state: string }>(
      'SELECT state FROM story_states WHERE story_id = ANY($1) ORDER BY story_id COLLATE "C"',
      [[...new Set(ids)]],
    )
    return rows.map((row) => deserialise(row.state))
  }

  async saveClustering(update: ClusteringUpdate): Promise<void> {
    await this.transaction((client) => writeClustering(client, update), true)
  }

  async savePlacement(update: PlacementUpdate): Promise<void> {
    await this.transaction(async (client) => {
      await writePlacement(client, update)
      const due = [...new Set(update.states.map((state) => state.id))]
      await client.query(
        `INSERT INTO stories_to_report (story_id, mark)
         SELECT story_id, nextval('story_report_marks') FROM unnest($1::text[]) AS due (story_id)
         ORDER BY story_id
         ON CONFLICT (story_id) DO UPDATE SET mark = excluded.mark, claimed_until = NULL`,
        [due],
      )
    }, true)
  }

  async claimReports(limit: number, leaseSeconds: number): Promise<ReportClaim[]> {
    const rows = await this.rows<{ story_id: string; mark: string }>(
      `UPDATE stories_to_report SET claimed_until = now() + make_interval(secs => $2)
       WHERE story_id IN (
         SELECT story_id FROM stories_to_report WHERE claimed_until IS NULL OR claimed_until < now()
         ORDER BY mark LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       RETURNING story_id, mark`,
      [Math.max(0, Math.floor(limit)), leaseSeconds],
    )
    return rows
      .map((row) => ({ storyId: row.story_id, mark: row.mark }))
      .sort((a, b) => Number(a.mark) - Number(b.mark))
  }

  async saveReports(reports: ClaimedReport[]): Promise<boolean[]> {
    if (reports.length === 0) return []
    return this.transaction(async (client) => {
      // Waits for a placement writing these stories' marks now, then sees their new marks: those are dropped.
      const { rows } = await client.query<{ story_id: string }>(
        `DELETE FROM stories_to_report WHERE (story_id, mark) IN (
           SELECT * FROM unnest($1::text[], $2::bigint[])
         ) RETURNING story_id`,
        [reports.map((entry) => entry.claim.storyId), reports.map((entry) => entry.claim.mark)],
      )
      const kept = new Set(rows.map((row) => row.story_id))
      const saved = reports.map((entry) => kept.has(entry.claim.storyId))
      const written = reports.filter((entry, index) => saved[index] === true)
      await writeReports(
        client,
        written.flatMap((entry) => (entry.report === null ? [] : [entry.report])),
        written.flatMap((entry) => (entry.report === null ? [] : entry.members)),
      )
      return saved
    })
  }

  async reportsDue(): Promise<number> {
    const [row] = await this.rows<{ count: string }>(
      'SELECT count(*) AS count FROM stories_to_report',
    )
    return Number(row?.count ?? 0)
  }

  async clearClustering(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(
        'TRUNCATE stories, story_members, story_states, story_terms, term_documents, counters, stories_to_report, article_analyses, unplaced_articles',
      )
      await client.query('INSERT INTO unplaced_articles (id) SELECT id FROM articles')
    }, true)
  }

  async listStories(): Promise<StorySummary[]> {
    // The report is read only for stories written before the list fields had their column (migration 003).
    const rows = await this.rows<{
      id: string
      title: string
      start: string | null
      end: string | null
      list_row: string | null
      json: string | null
    }>(
      `SELECT id, title, start, "end", list_row, CASE WHEN list_row IS NULL THEN json END AS json
       FROM stories ORDER BY COALESCE("end", start, '') COLLATE "C" DESC, id COLLATE "C"`,
    )
    return rows.map((row) => {
      if (row.list_row === null) return summariseStory(JSON.parse(row.json ?? '{}') as StoryReport)
      const fields = JSON.parse(row.list_row) as StoryListFields
      return {
        id: row.id,
        title: row.title,
        articleIds: fields.articleIds,
        independentSources: fields.independentSources,
        start: row.start,
        end: row.end,
        ...(fields.datedByPages === true ? { datedByPages: true as const } : {}),
      }
    })
  }

  async countStories(): Promise<number> {
    const [row] = await this.rows<{ count: string }>('SELECT count(*) AS count FROM stories')
    return Number(row?.count ?? 0)
  }

  async getStory(id: string): Promise<StoryReport | null> {
    const [row] = await this.rows<{ json: string }>('SELECT json FROM stories WHERE id = $1', [id])
    return row === undefined ? null : (JSON.parse(row.json) as StoryReport)
  }

  /** The counter every write transaction bumps before it commits (migration 002). */
  async changeToken(): Promise<string> {
    const [row] = await this.rows<{ generation: string }>('SELECT generation FROM store_changes')
    return row?.generation ?? '0'
  }

  async similarCandidates(keys: string[]): Promise<string[]> {
    if (keys.length === 0) return []
    const rows = await this.rows<{ article_id: string }>(
      'SELECT DISTINCT article_id FROM lsh_bands WHERE bucket = ANY($1)',
      [keys],
    )
    return rows.map((row) => row.article_id).sort()
  }

  async search(query: string, limit = 20): Promise<SearchResult> {
    const terms = searchTerms(query)
    if (terms === null) return { articles: [], stories: [] }
    // plainto_tsquery reads its input as words joined by AND: no user input is read as query syntax.
    const articles = await this.rows<{ id: string; title: string | null; snippet: string }>(
      `WITH q AS (SELECT plainto_tsquery('simple', $1) AS query),
       found AS (
         SELECT id, title, json, ts_rank(search, q.query) AS rank FROM articles, q
         WHERE search @@ q.query ORDER BY rank DESC, id COLLATE "C" LIMIT $2
       )
       SELECT id, title, ts_headline('simple', left(json::jsonb ->> 'text', ${SEARCHED_CHARS}), q.query,
         'StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=16, MinWords=8, FragmentDelimiter=…, MaxFragments=1') AS snippet
       FROM found, q ORDER BY rank DESC, id COLLATE "C"`,
      [terms, limit],
    )
    const stories = await this.rows<{ id: string; title: string }>(
      `SELECT DISTINCT s.id, s.title FROM story_members m JOIN stories s ON s.id = m.story_id
       WHERE m.article_id = ANY($1) ORDER BY s.id`,
      [articles.map((article) => article.id)],
    )
    return {
      articles: articles.map((row) => ({
        id: row.id,
        title: row.title === '' ? null : row.title,
        ...readSnippet(row.snippet),
      })),
      stories: stories.map((row) => ({ id: row.id, title: row.title })),
    }
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}

function ignoreConnectionError(): void {}

/** Back to the pool; a client that failed (its connection may be dead) is dropped instead. */
function release(client: pg.PoolClient, failure?: Error): void {
  client.removeListener('error', ignoreConnectionError)
  client.release(failure)
}

/** The words of a user's query (as the SQLite store reads them), or null when there is none. */
export function searchTerms(query: string): string | null {
  const terms = query.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []
  return terms.length === 0 ? null : terms.join(' ')
}
