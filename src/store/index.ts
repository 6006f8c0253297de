import { type SqliteOpenOptions, SqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './store.js'

export type { ArticleHead, SearchResult, Store, StoryListRow, StorySummary } from './store.js'

/**
 * Opens a store. A path opens (or creates) a SQLite file; ':memory:' (default) keeps everything in memory.
 * Other databases plug in here behind the same `Store` interface. `readOnly` opens an existing store
 * without changing it (the read commands: stories, show, search).
 */
export async function openStore(
  location = ':memory:',
  options: SqliteOpenOptions = {},
): Promise<Store> {
  return new SqliteStore(location, options)
}
