-- Version 2: one counter of committed writes, bumped at the end of every write transaction, so that a server
-- keeping rendered pages (corroborate serve) can tell with one read whether anything changed since it rendered
-- them. Its own table, not a row of `counters`, which clearing the stories truncates.
CREATE TABLE store_changes (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  generation bigint NOT NULL
);
INSERT INTO store_changes (generation) VALUES (0);
