-- corroborate's PostgreSQL schema, version 1: the same rows as the SQLite store (src/store/sqlite/schema.ts),
-- with PostgreSQL's own full-text search in place of FTS5. Applied once, in a transaction, by openStore.

CREATE TABLE articles (
  id text PRIMARY KEY,
  title text,
  published text,
  -- the article as extracted (input of every re-analysis)
  json text NOT NULL,
  -- the article as its story's analysis left it (story-level dates), shown to users
  analyzed text,
  added_at timestamptz NOT NULL DEFAULT now(),
  -- whether the article is in a story: the next placement takes the unplaced ones (partial index below)
  placed boolean NOT NULL DEFAULT false,
  -- title and the start of the text, for search ('simple': no stemming, as FTS5's unicode61)
  search tsvector NOT NULL
);
CREATE INDEX articles_search ON articles USING gin (search);
CREATE INDEX articles_unplaced ON articles (id) WHERE NOT placed;

CREATE TABLE stories (
  id text PRIMARY KEY,
  title text NOT NULL,
  start text,
  "end" text,
  json text NOT NULL
);

CREATE TABLE lsh_bands (
  bucket text NOT NULL,
  article_id text NOT NULL REFERENCES articles (id),
  PRIMARY KEY (bucket, article_id)
);

-- Online clustering state: which story each article is in, each story's centroid and lookup terms, and the
-- document frequencies of terms, so that an ingest places new articles without re-clustering.
CREATE TABLE story_members (
  article_id text PRIMARY KEY REFERENCES articles (id),
  story_id text NOT NULL
);
CREATE INDEX story_members_by_story ON story_members (story_id);

CREATE TABLE story_states (
  story_id text PRIMARY KEY,
  state text NOT NULL
);

CREATE TABLE story_terms (
  term text NOT NULL,
  story_id text NOT NULL,
  PRIMARY KEY (term, story_id)
);
CREATE INDEX story_terms_by_story ON story_terms (story_id);

CREATE TABLE term_documents (
  term text PRIMARY KEY,
  documents bigint NOT NULL
);

CREATE TABLE counters (
  name text PRIMARY KEY,
  value bigint NOT NULL
);
