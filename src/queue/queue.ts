import { createHash } from 'node:crypto'
import PgBoss from 'pg-boss'
import type { SessionSettings } from '../store/postgres/postgres-store.js'
import type { RawDocument } from '../types.js'

/**
 * The job queue is pg-boss 10 in the same PostgreSQL database as the store (its own schema, `pgboss`). Chosen
 * over graphile-worker 0.17 because a crashed worker's job comes back after the job's own expiry (seconds to
 * minutes, set per job), where graphile-worker 0.17 frees it only after a fixed four hours; pg-boss 10 is the
 * last line that runs on Node 20 (11 and 12 need Node 22), and is maintained.
 */
export const INGEST_QUEUE = 'corroborate-ingest'

/** pg-boss's schema (its default, named so that the rounds can read its job states). */
export const QUEUE_SCHEMA = 'pgboss'

/** One unit of work: a document read by whoever enqueued it, or a URL the worker fetches itself. */
export type IngestJob = { document: RawDocument } | { url: string }

export interface QueueSettings {
  /** Seconds a job may run before it counts as lost (its worker died) and is given to another (default: 600). */
  jobTimeoutSeconds: number
  /** Attempts after the first, each after a delay that doubles, with jitter (default: 5). */
  retryLimit: number
  /** Seconds before the first retry (default: 10). */
  retryDelaySeconds: number
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  jobTimeoutSeconds: 600,
  retryLimit: 5,
  retryDelaySeconds: 10,
}

/** How often a running worker looks for expired jobs of crashed workers (pg-boss maintenance). */
const MAINTENANCE_SECONDS = 30

/**
 * Starts pg-boss on a database (installing its schema on first use) and makes sure the queue exists;
 * `session`: settings of its connections (see `WORKER_SESSION`).
 */
export async function openQueue(url: string, session: SessionSettings = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    ...session,
    connectionString: url,
    schema: QUEUE_SCHEMA,
    max: 2,
    schedule: false,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
  })
  // Connection trouble surfaces as job failures or empty fetches, which are retried; the event must not crash.
  boss.on('error', () => {})
  await boss.start()
  if ((await boss.getQueue(INGEST_QUEUE)) === null) {
    try {
      await boss.createQueue(INGEST_QUEUE)
    } catch (error) {
      // Two processes creating it at once: the other one won.
      if ((await boss.getQueue(INGEST_QUEUE)) === null) throw error
    }
  }
  return boss
}

/**
 * Adds jobs. A job's id is derived from its content, so enqueuing the same input twice while the first job is
 * still queued adds nothing; a job run twice (retried after a crash) is harmless because the store keeps one
 * article per id. Returns the jobs' ids, in order. `sql` runs the insert inside a caller's transaction.
 */
export async function enqueue(
  boss: PgBoss,
  jobs: IngestJob[],
  settings: QueueSettings = DEFAULT_QUEUE_SETTINGS,
  sql?: PgBoss.Db,
): Promise<string[]> {
  if (jobs.length === 0) return []
  const rows = jobs.map((data) => ({ id: contentUuid(data), data }))
  await boss.insert(
    rows.map(({ id, data }) => ({
      id,
      name: INGEST_QUEUE,
      data,
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: settings.jobTimeoutSeconds,
    })),
    sql === undefined ? {} : { db: sql },
  )
  return rows.map((row) => row.id)
}

/** Jobs not yet finished: waiting, waiting for a retry, or running (pg-boss states before `completed`). */
export async function unfinishedJobs(boss: PgBoss): Promise<number> {
  return (await boss.getQueueSize(INGEST_QUEUE, { before: 'completed' })) ?? 0
}

/** A UUID (version-4 layout) from a hash of the job, as pg-boss ids must be UUIDs. */
function contentUuid(data: IngestJob): string {
  const hex = createHash('sha256').update(JSON.stringify(data)).digest('hex')
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
