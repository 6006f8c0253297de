-- Version 5: story reports built after placement (LaterReports in src/store/store.ts). The workers' one placer
-- saves a round's clustering without reports and marks each story it changed here, under a new mark; any worker
-- then builds the due reports, in parallel. A report is saved only while its story's mark is the one it was
-- claimed under (a placement since then marked it anew), and the mark is deleted with that save.
CREATE SEQUENCE story_report_marks;
CREATE TABLE stories_to_report (
  story_id text PRIMARY KEY,
  mark bigint NOT NULL,
  -- A worker's claim lasts until then; a worker that died holding it leaves the story to others after it.
  claimed_until timestamptz
);
CREATE INDEX stories_to_report_mark ON stories_to_report (mark);
