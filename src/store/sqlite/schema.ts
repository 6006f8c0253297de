/** The SQLite schema. `user_version` tracks it; bump and migrate when it changes. */
export const SCHEMA_VERSION = 1

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
`
