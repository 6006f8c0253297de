import Database from 'better-sqlite3'
import { bandKeys, lshParamsFor } from '../../reuse/lsh.js'
import { minhashSignature, shingleHashes } from '../../reuse/minhash.js'
import { words } from '../../text/tokens.js'
import type { StoryState } from '../../stories/cluster.js'
import type { Article, StoryReport } from '../../types.js'
import {
  type ClusteringUpdate,
  type SearchResult,
  type StoryListRow,
  type Store,
  type StorySummary,
  type UnclusteredFilter,
} from '../store.js'
import {
  clearClustering,
  inChunks,
  loadStoryStates,
  storiesIndexedUnder,
  termDocuments,
  storyWriter,
  writePlacement,
} from './clustering-tables.js'
import { addMissingColumns, isCurrent, SCHEMA, SCHEMA_VERSION } from './schema.js'
import { StoryRowReader } from './story-rows.js'
import { WriterLock } from './writer-lock.js'
import { MATCH_END, MATCH_START, readSnippet } from '../snippet.js'

/** Resemblance threshold the stored LSH bands are built for (near-duplicates and heavy rewrites). */
export const STORED_LSH_THRESHOLD = 0.5

export interface SqliteOpenOptions {
  /**
   * Open an existing store for reading only: nothing is created, migrated or switched to WAL, and reads go on
   * while another process ingests (WAL readers see the last committed state).
   */
  readOnly?: boolean
}

/** How long a statement waits for another connection's lock before it fails, in milliseconds. */
const BUSY_TIMEOUT_MS = 30_000

/** A Store in one SQLite file (or in memory for ':memory:'), with FTS5 search and LSH bands. */
export class SqliteStore implements Store {
  private readonly db: Database.Database
  private readonly lsh = lshParamsFor(STORED_LSH_THRESHOLD)
  private readonly writerLock: WriterLock
  private readonly readOnly: boolean
  private readonly storyRows: StoryRowReader
  /** Writes committed on this connection: `PRAGMA data_version` counts only other connections' writes. */
  private ownWrites = 0

  constructor(path: string, options: SqliteOpenOptions = {}) {
    const inMemory = path === ':memory:' || path === ''
    this.readOnly = options.readOnly === true && !inMemory
    this.db = new Database(path, {
      readonly: this.readOnly,
      fileMustExist: this.readOnly,
      timeout: BUSY_TIMEOUT_MS,
    })
    try {
      // One read transaction: the version and the tables are read from one snapshot of the file.
      const version = this.db.transaction(() => storeVersion(this.db, path))()
      if (!this.readOnly) {
        this.db.pragma('foreign_keys = ON')
        if (!isCurrent(this.db, version)) {
          toWal(this.db)
          createSchema(this.db, path)
        }
      } else if (version === 0) {
        throw new Error(`Cannot read ${path}: it is an empty SQLite file, not a corroborate store`)
      }
    } catch (error) {
      this.db.close()
      throw error
    }
    this.writerLock = new WriterLock(inMemory ? null : `${path}.lock`)
    this.storyRows = new StoryRowReader(this.db)
  }

  async asSoleWriter<T>(
    work: () => Promise<T>,
    onWait: (message: string) => void = () => undefined,
  ): Promise<T> {
    if (this.readOnly) throw new Error('Cannot write: this store was opened read-only')
    return this.writerLock.run(work, onWait)
  }

  async ifSoleWriter<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.readOnly) throw new Error('Cannot write: this store was opened read-only')
    return this.writerLock.tryRun(work)
  }

  async addArticles(articles: Article[]): Promise<{ added: string[]; existing: string[] }> {
    const exists = this.db.prepare('SELECT 1 FROM articles WHERE id = ?')
    const insert = this.db.prepare(
      'INSERT INTO articles (id, title, published, json, added_at) VALUES (?, ?, ?, ?, ?)',
    )
    const insertText = this.db.prepare(
      'INSERT INTO articles_fts (id, title, text) VALUES (?, ?, ?)',
    )
    const insertBand = this.db.prepare(
      'INSERT OR IGNORE INTO lsh_bands (bucket, article_id) VALUES (?, ?)',
    )
    const added: string[] = []
    const existing: string[] = []
    const addAll = this.db.transaction((batch: Article[]) => {
      for (const article of batch) {
        if (exists.get(article.id) !== undefined || added.includes(article.id)) {
          existing.push(article.id)
          continue
        }
        insert.run(
          article.id,
          article.title,
          article.published,
          JSON.stringify(article),
          new Date().toISOString(),
        )
        insertText.run(article.id, article.title ?? '', article.text)
        const signature = minhashSignature(shingleHashes(words(article.text)))
        for (const key of bandKeys(signature, this.lsh)) insertBand.run(key, article.id)
        added.push(article.id)
      }
    })
    addAll(articles)
    if (added.length > 0) this.ownWrites += 1
    return { added, existing }
  }

  async getArticle(id: string): Promise<Article | null> {
    const row = this.db
      .prepare('SELECT COALESCE(analyzed, json) AS json FROM articles WHERE id = ?')
      .get(id) as { json: string } | undefined
    return row === undefined ? null : (JSON.parse(row.json) as Article)
  }

  async listArticles(): Promise<Article[]> {
    const rows = this.db.prepare('SELECT json FROM articles ORDER BY id').all() as {
      json: string
    }[]
    return rows.map((row) => JSON.parse(row.json) as Article)
  }

  async getExtractedArticles(ids: string[]): Promise<Article[]> {
    return inChunks<{ json: string }>(
      this.db,
      'SELECT json FROM articles WHERE id IN (%s) ORDER BY id',
      [...new Set(ids)],
    ).map((row) => JSON.parse(row.json) as Article)
  }

  async unclusteredArticles(filter: UnclusteredFilter = {}): Promise<Article[]> {
    // Ids travel as one JSON array (json_each), so that the statement does not grow with them; LIMIT -1 is none.
    const among = filter.ids === undefined ? '' : 'AND id IN (SELECT value FROM json_each(?))'
    const rows = this.db
      .prepare(
        `SELECT json FROM articles WHERE id NOT IN (SELECT article_id FROM story_members) ${among} ORDER BY id LIMIT ?`,
      )
      .all(
        ...(filter.ids === undefined ? [] : [JSON.stringify([...new Set(filter.ids)])]),
        filter.limit === undefined ? -1 : Math.max(0, Math.floor(filter.limit)),
      ) as { json: string }[]
    return rows.map((row) => JSON.parse(row.json) as Article)
  }

  async termDocuments(
    terms: string[],
  ): Promise<{ documents: number; frequencies: Map<string, number> }> {
    return termDocuments(this.db, terms)
  }

  async storiesIndexedUnder(terms: string[], maxPostings: number): Promise<string[]> {
    return storiesIndexedUnder(this.db, terms, maxPostings)
  }

  async loadStoryStates(ids: string[]): Promise<StoryState[]> {
    return loadStoryStates(this.db, ids)
  }

  async saveClustering(update: ClusteringUpdate): Promise<void> {
    // One transaction around the stories' stream (each story is finished between two writes), opened by hand:
    // better-sqlite3's transaction functions cannot wait. This process is the store's only writer meanwhile
    // (`asSoleWriter`), and its reads in between see only the article rows, which the update leaves alone.
    this.db.exec('BEGIN IMMEDIATE')
    try {
      writePlacement(this.db, update)
      const writeStory = storyWriter(this.db)
      for await (const story of update.stories) writeStory(story)
      this.db.exec('COMMIT')
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      throw error
    } finally {
      this.ownWrites += 1
      this.storyRows.forget()
    }
  }

  async clearClustering(): Promise<void> {
    this.db.transaction(() => clearClustering(this.db))()
    this.ownWrites += 1
    this.storyRows.forget()
  }

  async countStories(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS count FROM stories').get() as { count: number })
      .count
  }

  async listStories(): Promise<StorySummary[]> {
    return this.storyRows.list(null, 0).map(({ conflicts: _conflicts, ...summary }) => summary)
  }

  async getStory(id: string): Promise<StoryReport | null> {
    const row = this.db.prepare('SELECT json FROM stories WHERE id = ?').get(id) as
      { json: string } | undefined
    return row === undefined ? null : (JSON.parse(row.json) as StoryReport)
  }

  async listStoryRows(offset: number, limit: number): Promise<StoryListRow[]> {
    return this.storyRows.rows(offset, limit)
  }

  async storyOfArticle(articleId: string): Promise<string | null> {
    const row = this.db
      .prepare('SELECT story_id FROM story_members WHERE article_id = ?')
      .get(articleId) as { story_id: string } | undefined
    return row?.story_id ?? null
  }

  /** Other connections' commits (`data_version`, a cheap read of the WAL index) and this one's own writes. */
  async changeToken(): Promise<string> {
    return `${this.db.pragma('data_version', { simple: true }) as number}.${this.ownWrites}`
  }

  async similarCandidates(keys: string[]): Promise<string[]> {
    if (keys.length === 0) return []
    const rows = this.db
      .prepare(
        `SELECT DISTINCT article_id FROM lsh_bands WHERE bucket IN (${keys.map(() => '?').join(',')})`,
      )
      .all(...keys) as { article_id: string }[]
    return rows.map((row) => row.article_id).sort()
  }

  async search(query: string, limit = 20): Promise<SearchResult> {
    const match = ftsQuery(query)
    if (match === null) return { articles: [], stories: [] }
    const articles = this.db
      .prepare(
        `SELECT id, title, snippet(articles_fts, 2, '${MATCH_START}', '${MATCH_END}', '…', 16) AS snippet FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(match, limit) as { id: string; title: string; snippet: string }[]
    const stories = inChunks<{ id: string; title: string }>(
      this.db,
      'SELECT DISTINCT s.id, s.title FROM story_members m JOIN stories s ON s.id = m.story_id WHERE m.article_id IN (%s) ORDER BY s.id',
      articles.map((article) => article.id),
    )
    return {
      articles: articles.map((row) => ({
        id: row.id,
        title: row.title === '' ? null : row.title,
        ...readSnippet(row.snippet),
      })),
      stories,
    }
  }

  async close(): Promise<void> {
    this.db.close()
  }
}

/** How long to wait between two tries to switch a new file to WAL while another process holds it. */
const WAL_RETRY_MS = 20

/**
 * Switches the file to write-ahead logging. The switch needs the file to itself, and SQLite answers "database is
 * locked" at once, without the busy timeout, when another process is opening the same new file (three
 * processes opening 60 new files at once: once in 540 opens): it is tried again until the busy timeout.
 */
function toWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS
  for (;;) {
    try {
      db.pragma('journal_mode = WAL')
      return
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error
      // A synchronous pause: the store opens in a constructor.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_RETRY_MS)
    }
  }
}

/**
 * Creates or completes the schema in one immediate transaction, the version read again inside it. Two processes
 * opening a new file at once then create it once, and neither sees the other's half-made schema: created
 * statement by statement, a second `ingest` found a file with some tables and no version yet and refused it as
 * "not a corroborate store" (a concurrent-ingest test failed so in CI; three processes opening 50 new files at
 * once failed 23 times).
 */
function createSchema(db: Database.Database, path: string): void {
  db.transaction(() => {
    const version = storeVersion(db, path)
    if (isCurrent(db, version)) return
    db.exec(SCHEMA)
    addMissingColumns(db)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
}

/**
 * The file's corroborate schema version (0: a new, empty file). A SQLite file that holds tables of something
 * else, or a file that is not SQLite at all, is refused: opening it must never alter it.
 */
function storeVersion(db: Database.Database, path: string): number {
  let version: number
  let tables: string[]
  try {
    version = db.pragma('user_version', { simple: true }) as number
    tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[]
  } catch (error) {
    throw new Error(`Cannot open ${path} as a store (${(error as Error).message})`, {
      cause: error,
    })
  }
  const isStore = tables.includes('articles') && tables.includes('stories')
  if ((version === 0 && tables.length > 0) || (version > 0 && !isStore))
    throw new Error(
      `Cannot open ${path}: it is a SQLite database but not a corroborate store; it was left unchanged`,
    )
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `Cannot open ${path}: its schema version ${version} is newer than this corroborate (${SCHEMA_VERSION}); upgrade corroborate`,
    )
  }
  return version
}

/**
 * Most words of a query that are searched for, and longest word: every word must match, so more words only
 * narrow the result, while each costs a posting-list scan (a query of 10,000 words took 345 s).
 */
export const MAX_QUERY_TERMS = 32
const MAX_TERM_LENGTH = 64

/**
 * Each word of the user's query as an FTS5 string (quotes doubled), so no input is read as FTS syntax; at most
 * MAX_QUERY_TERMS words of at most MAX_TERM_LENGTH characters.
 */
export function ftsQuery(query: string): string | null {
  const terms = (
    query
      .slice(0, MAX_QUERY_TERMS * (MAX_TERM_LENGTH + 1))
      .match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []
  )
    .slice(0, MAX_QUERY_TERMS)
    .map((term) => term.slice(0, MAX_TERM_LENGTH))
  return terms.length === 0 ? null : terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' ')
}
