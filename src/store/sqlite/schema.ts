/** The SQLite schema. `user_version` tracks it; bump and migrate when it changes. */
export const SCHEMA_VERSION = 2

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
  json TEXT NOT NULL
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
