import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'

/** One schema change: `migrations/NNN_name.sql`, applied once, in version order. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/**
 * The migrations folder: beside this module when running from source, and read from the package's `src/`
 * when running compiled code (tsc does not copy .sql files; the package ships that folder).
 */
function migrationsFolder(): string {
  for (const candidate of ['./migrations/', '../../../src/store/postgres/migrations/']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url))
    if (existsSync(path)) return path
  }
  throw new Error('Cannot find the PostgreSQL migrations of corroborate; reinstall the package')
}

export function loadMigrations(folder = migrationsFolder()): Migration[] {
  return readdirSync(folder)
    .flatMap((file) => {
      const match = /^(\d+)_([\w-]+)\.sql$/.exec(file)
      if (match === null) return []
      return [
        {
          version: Number(match[1]),
          name: match[2] ?? '',
          sql: readFileSync(`${folder}/${file}`, 'utf8'),
        },
      ]
    })
    .sort((a, b) => a.version - b.version)
}

/** Any fixed number: every process that migrates one database takes this advisory lock first. */
const MIGRATION_LOCK = 0x636f7272 // 'corr'

/**
 * Brings a database to the newest schema: each migration not yet recorded in `corroborate_schema` runs in its
 * own transaction. Several processes opening one database at once migrate it once (an advisory lock). A
 * database migrated by a newer corroborate is refused rather than written with an older idea of its tables.
 */
export async function migrate(
  client: pg.ClientBase,
  migrations = loadMigrations(),
): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS corroborate_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    )
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM corroborate_schema')).rows.map(
        (row) => row.version,
      ),
    )
    const newest = migrations.at(-1)?.version ?? 0
    const unknown = [...applied].find((version) => version > newest)
    if (unknown !== undefined)
      throw new Error(
        `Cannot open this database: its schema version ${unknown} is newer than this corroborate (${newest}); upgrade corroborate`,
      )
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue
      await client.query('BEGIN')
      try {
        await client.query(migration.sql)
        await client.query('INSERT INTO corroborate_schema (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    }
    return newest
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
  }
}
