-- Version 6: an article's row is written once. What placement and the reports change about an article lives in
-- tables of its own: `placed` was in the predicate of a partial index, and an indexed column's update is never a
-- HOT update, so marking 1,000 articles placed wrote 1,000 new row versions with new entries in every index of
-- the table, the search GIN index above all (the whole tsvector again); each report's `analyzed` JSON did the
-- same whenever the page had no room. Now placing deletes rows of a narrow table and a report upserts one.
CREATE TABLE unplaced_articles (
  -- an article stored and not yet in a story: the next placement takes these
  id text PRIMARY KEY
);
INSERT INTO unplaced_articles (id) SELECT id FROM articles WHERE NOT placed;
CREATE TABLE article_analyses (
  -- the article as its story's analysis left it (story-level dates), shown to users
  id text PRIMARY KEY,
  json text NOT NULL
);
INSERT INTO article_analyses (id, json) SELECT id, analyzed FROM articles WHERE analyzed IS NOT NULL;
DROP INDEX articles_unplaced;
ALTER TABLE articles DROP COLUMN placed, DROP COLUMN analyzed;
