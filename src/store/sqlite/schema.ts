import type Database from 'better-sqlite3'

/** The SQLite schema. `user_version` tracks it; bump and migrate when it changes. */
export const SCHEMA_VERSION = 3

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  title TEXT,
  published TEXT,
  -- the article as extracted (input of every re-analysis)
  json TEXT NOT NULL,
  -- the article as its story's analysis left it (story-level dates), shown to users
  analyzed TEXT,
  added_at TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS stories (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  start TEXT,
  "end" TEXT,
  json TEXT NOT NULL,
  -- (version 3) the fields a story list shows, as JSON (listFieldsOf): a list page reads these, not reports
  list_row TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS stories_fts USING fts5(id UNINDEXED, title);
CREATE TABLE IF NOT EXISTS lsh_bands (
  bucket TEXT NOT NULL,
  article_id TEXT NOT NULL REFERENCES articles(id),
  PRIMARY KEY (bucket, article_id)
) WITHOUT ROWID;
-- Online clustering state (version 2): which story each article is in, each story's centroid and lookup
-- terms, and document frequencies of terms, so that an ingest places new articles without re-clustering.
-- A version-1 file gets these tables empty: its articles count as not yet clustered and the next ingest
-- clusters them all.
CREATE TABLE IF NOT EXISTS story_members (
  article_id TEXT PRIMARY KEY REFERENCES articles(id),
  story_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_members_by_story ON story_members(story_id);
CREATE TABLE IF NOT EXISTS story_states (
  story_id TEXT PRIMARY KEY,
  state TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_terms (
  term TEXT NOT NULL,
  story_id TEXT NOT NULL,
  PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_terms_by_story ON story_terms(story_id);
CREATE TABLE IF NOT EXISTS term_documents (
  term TEXT PRIMARY KEY,
  documents INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`

/**
 * Columns added to tables of older files (CREATE TABLE IF NOT EXISTS leaves an existing table as it was), in
 * one immediate transaction so that two processes opening the file at once add them once. A version-2 file's
 * `stories.list_row` is filled from the reports, once (about 4 ms a story).
 */
export function addMissingColumns(db: Database.Database): void {
  db.transaction(() => {
    if (hasColumn(db, 'stories', 'list_row')) return
    db.exec('ALTER TABLE stories ADD COLUMN list_row TEXT')
    db.exec(`UPDATE stories SET list_row = json_object(
      'independentSources', json_extract(json, '$.independentSources'),
      'articleIds', json(json_extract(json, '$.articleIds')),
      'conflicts', COALESCE(json_array_length(json, '$.conflicts'), 0))`)
  }).immediate()
}

export function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).some(
    (row) => row.name === column,
  )
}

/** Tables and indexes the schema creates, by name. */
const SCHEMA_OBJECTS = [
  ...SCHEMA.matchAll(/CREATE (?:VIRTUAL )?(?:TABLE|INDEX) IF NOT EXISTS (\w+)/g),
].map((match) => match[1] as string)

/**
 * Whether a file is already at this schema (version, every table and index, added columns, WAL): then opening
 * it writes nothing. Every write at open, even `PRAGMA user_version` of the same value or an empty immediate
 * transaction, waits for another process's write transaction, and a long one (a batch being placed) outlasts
 * the busy timeout: a second `ingest` into a busy store failed before it reached the writer lock.
 */
export function isCurrent(db: Database.Database, version: number): boolean {
  if (version !== SCHEMA_VERSION) return false
  const names = new Set(db.prepare('SELECT name FROM sqlite_master').pluck().all() as string[])
  return (
    SCHEMA_OBJECTS.every((name) => names.has(name)) &&
    hasColumn(db, 'stories', 'list_row') &&
    db.pragma('journal_mode', { simple: true }) === 'wal'
  )
}
