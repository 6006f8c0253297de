import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/**
 * The store dialects a test run covers, as kysely does: `DIALECTS=sqlite,postgres` (default `sqlite`, so that
 * `npm test` passes where no server runs). PostgreSQL tests connect to `DATABASE_URL` (default: the server
 * `scripts/start-postgres.sh` starts) and each asks for a fresh database of its own.
 */
export type DialectName = 'sqlite' | 'postgres'

export const DIALECTS: DialectName[] = (process.env.DIALECTS ?? 'sqlite')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is DialectName => name === 'sqlite' || name === 'postgres')

export const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:54329/postgres'

export const POSTGRES_ENABLED = DIALECTS.includes('postgres')

/** Why PostgreSQL tests are skipped, for the message a skipped test shows. */
export const POSTGRES_SKIP_REASON =
  'PostgreSQL tests skipped: set DIALECTS=sqlite,postgres and DATABASE_URL (scripts/start-postgres.sh starts a server)'

/** A new, empty store location of a dialect: a SQLite file, or a PostgreSQL database created for it. */
export async function freshLocation(dialect: DialectName): Promise<string> {
  if (dialect === 'sqlite') return join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'store.db')
  const name = `corroborate_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(DATABASE_URL)
  url.pathname = `/${name}`
  return url.toString()
}
