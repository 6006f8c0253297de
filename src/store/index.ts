import { type SqliteOpenOptions, SqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './store.js'

export type { ArticleHead, SearchResult, Store, StoryListRow, StorySummary } from './store.js'

/** Whether a `--db` value names a PostgreSQL database (`postgres://` or `postgresql://`) rather than a file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location)
}

/**
/**
 * Opens a store. A `postgres://` URL opens a PostgreSQL database (its schema migrated on open); a path opens
 * (or creates) a SQLite file; ':memory:' (default) keeps everything in memory. `readOnly` opens an existing
 * SQLite store without changing it (the read commands: stories, show, search).
 */
export async function openStore(
  location = ':memory:',
  options: SqliteOpenOptions = {},
): Promise<Store> {
  if (isPostgresUrl(location)) {
    // node-postgres loads only for PostgreSQL stores.
    const { PostgresStore } = await import('./postgres/postgres-store.js')
    return PostgresStore.open(location)
  }
  return new SqliteStore(location, options)
}
