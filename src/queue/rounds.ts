import pg from 'pg'
import type PgBoss from 'pg-boss'
import { STREAM_BATCH } from '../ingest-stream.js'
import { migrate } from '../store/postgres/migrate.js'
import { enqueue, INGEST_QUEUE, type IngestJob, QUEUE_SCHEMA, type QueueSettings } from './queue.js'

/**
 * Placement rounds of queued jobs (tables of migration 004).
 *
 * Online placement depends on its batches: the term weights and the stories that exist when an article arrives
 * follow what was placed before it. `ingest` places its input in batches of `roundSize` articles in input
 * order; so that a store filled by any number of workers has the stories of one `ingest`, `ingest --queue` cuts
 * the same batches into rounds by position at enqueue time, and workers place round k only once every job of it
 * has run (its articles stored, or the job failed for good) and every earlier round is placed. Which worker
 * ran which job, and when, then changes nothing; and a round holds at most `roundSize` documents, so what a
 * placer loads is bounded however large the input.
 */

/** Where round SQL runs: pg-boss's connection, or a client inside the enqueuer's transaction. */
export type Sql = PgBoss.Db

/** Documents per round (the batch `ingest` places at once). */
export const DEFAULT_ROUND_SIZE = STREAM_BATCH

/** Jobs written to the queue per statement (a round may hold more: it is written in several). */
const ENQUEUE_BATCH = 500

/**
 * Queues jobs in their order, in rounds of `roundSize` (see rounds.ts): each round's jobs and its row are
 * written in one transaction, so that workers see a round whole or not at all (an enqueuer that dies mid-round
 * leaves nothing of it). Memory holds one statement's jobs. Returns how many jobs were read.
 */
export async function enqueueInRounds(
  url: string,
  boss: PgBoss,
  jobs: AsyncIterable<IngestJob>,
  options: { settings?: QueueSettings; roundSize?: number } = {},
): Promise<number> {
  const roundSize = options.roundSize ?? DEFAULT_ROUND_SIZE
  const client = new pg.Client({ connectionString: url })
  // A connection cut under the client is emitted as an event too (fatal without a listener); the statement in
  // flight fails with it, and ingest reports that.
  client.on('error', () => {})
  await client.connect()
  const sql: Sql = { executeSql: (text, values) => client.query(text, values) }
  let round: number | null = null
  let inRound = 0
  let pending: IngestJob[] = []
  let read = 0
  const write = async (): Promise<void> => {
    if (round === null || pending.length === 0) return
    await addRoundJobs(sql, round, await enqueue(boss, pending, options.settings, sql))
    pending = []
  }
  try {
    await migrate(client)
    for await (const job of jobs) {
      if (round === null) {
        await client.query('BEGIN')
        round = await openRound(sql)
      }
      pending.push(job)
      read++
      inRound++
      if (pending.length >= ENQUEUE_BATCH || inRound >= roundSize) await write()
      if (inRound >= roundSize) {
        await client.query('COMMIT')
        round = null
        inRound = 0
      }
    }
    await write()
    if (round !== null) await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    await client.end()
  }
  return read
}

/** Starts a round; call inside the transaction that queues its jobs, so that a round is seen whole or not at all. */
export async function openRound(sql: Sql): Promise<number> {
  const { rows } = await sql.executeSql(
    'INSERT INTO queue_rounds DEFAULT VALUES RETURNING round',
    [],
  )
  return Number((rows[0] as { round: string }).round)
}

/** Puts jobs in a round (a job already in an unplaced round stays there: it was queued first). */
export async function addRoundJobs(sql: Sql, round: number, jobIds: string[]): Promise<void> {
  await sql.executeSql(
    `INSERT INTO queue_round_jobs (job_id, round) SELECT unnest($1::uuid[]), $2
     ON CONFLICT (job_id) DO NOTHING`,
    [jobIds, round],
  )
}

/**
 * Records the articles jobs stored, under the jobs' rounds (idempotent: a job run again records the same ids).
 * Jobs in no round (queued before rounds existed, or whose round is placed) record nothing.
 */
export async function recordRoundArticles(
  sql: Sql,
  stored: { jobId: string; articleId: string }[],
): Promise<void> {
  if (stored.length === 0) return
  await sql.executeSql(
    `INSERT INTO queue_round_articles (round, article_id)
     SELECT r.round, s.article_id FROM unnest($1::uuid[], $2::text[]) AS s (job_id, article_id)
     JOIN queue_round_jobs r ON r.job_id = s.job_id
     ON CONFLICT DO NOTHING`,
    [stored.map((entry) => entry.jobId), stored.map((entry) => entry.articleId)],
  )
}

/**
 * The first unplaced round if it can be placed now: none of its jobs is waiting, retrying or running (a job's
 * pg-boss row gone to the archive has finished). Null when there is no round, or the first one is not done.
 */
export async function nextReadyRound(sql: Sql): Promise<number | null> {
  const { rows } = await sql.executeSql(
    `SELECT round FROM queue_rounds r
     WHERE NOT EXISTS (
       SELECT 1 FROM queue_round_jobs rj
       JOIN ${QUEUE_SCHEMA}.job j ON j.name = $1 AND j.id = rj.job_id
       WHERE rj.round = r.round AND j.state < 'completed'
     )
     AND r.round = (SELECT min(round) FROM queue_rounds)`,
    [INGEST_QUEUE],
  )
  const row = rows[0] as { round: string } | undefined
  return row === undefined ? null : Number(row.round)
}

/** The articles a round's jobs stored, in id order. */
export async function roundArticles(sql: Sql, round: number): Promise<string[]> {
  const { rows } = await sql.executeSql(
    'SELECT article_id FROM queue_round_articles WHERE round = $1 ORDER BY article_id COLLATE "C"',
    [round],
  )
  return rows.map((row) => (row as { article_id: string }).article_id)
}

/** A placed round is forgotten (its jobs and articles rows go with it). */
export async function forgetRound(sql: Sql, round: number): Promise<void> {
  await sql.executeSql('DELETE FROM queue_rounds WHERE round = $1', [round])
}

/** Rounds not yet placed (for progress and tests). */
export async function unplacedRounds(sql: Sql): Promise<number> {
  const { rows } = await sql.executeSql('SELECT count(*) AS count FROM queue_rounds', [])
  return Number((rows[0] as { count: string }).count)
}
