-- Version 4: placement rounds of queued ingest jobs (src/queue/rounds.ts). `ingest --queue` cuts its input into
-- rounds by position, as `ingest` cuts its batches; workers place round k only once every job of it has run and
-- every earlier round is placed, so that the stories do not depend on which worker ran what, or when. A round's
-- row is written in the transaction that queues its jobs, and deleted once it is placed (its jobs' rows with it).
CREATE TABLE queue_rounds (
  round bigserial PRIMARY KEY
);
-- The round of each queued job (a job queued again while in an unplaced round stays in the first one).
CREATE TABLE queue_round_jobs (
  job_id uuid PRIMARY KEY,
  round bigint NOT NULL REFERENCES queue_rounds (round) ON DELETE CASCADE
);
CREATE INDEX queue_round_jobs_round ON queue_round_jobs (round);
-- The articles a round's jobs stored, written by the worker before it marks the job done.
CREATE TABLE queue_round_articles (
  round bigint NOT NULL REFERENCES queue_rounds (round) ON DELETE CASCADE,
  article_id text NOT NULL,
  PRIMARY KEY (round, article_id)
);
