import { SqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './store.js'

export type { SearchResult, Store, StorySummary } from './store.js'

/** Whether a `--db` value names a PostgreSQL database (`postgres://` or `postgresql://`) rather than a file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location)
}

/**
 * Opens a store. A `postgres://` URL opens a PostgreSQL database (its schema migrated on open); a path opens
 * (or creates) a SQLite file; ':memory:' (default) keeps everything in memory.
 */
export async function openStore(location = ':memory:'): Promise<Store> {
  if (isPostgresUrl(location)) {
    // node-postgres loads only for PostgreSQL stores.
    const { PostgresStore } = await import('./postgres/postgres-store.js')
    return PostgresStore.open(location)
  }
  return new SqliteStore(location)
}

/**
 * Runs a placement (`updateStore`) so that it is the only one on the store: a shared store (PostgreSQL) takes
 * its placement lock; a store that one process owns runs the work as it is.
 */
export async function withPlacementLock<T>(store: Store, work: () => Promise<T>): Promise<T> {
  const shared = store as Partial<{ withPlacementLock(work: () => Promise<T>): Promise<T> }>
  return shared.withPlacementLock === undefined ? work() : shared.withPlacementLock(work)
}

/**
 * Runs a placement only if no other placer is at work (a shared store); null when one is. Workers use it so
 * that none waits: the running placer, or the next, places what they added.
 */
export async function ifPlacementFree<T>(store: Store, work: () => Promise<T>): Promise<T | null> {
  const shared = store as Partial<{ ifPlacementFree(work: () => Promise<T>): Promise<T | null> }>
  return shared.ifPlacementFree === undefined ? work() : shared.ifPlacementFree(work)
}
