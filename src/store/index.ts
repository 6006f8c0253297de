import { SqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './store.js'

export type { ArticleHead, SearchResult, Store, StoryListRow, StorySummary } from './store.js'

/**
 * Opens a store. A path opens (or creates) a SQLite file; ':memory:' (default) keeps everything in memory.
 * Other databases plug in here behind the same `Store` interface.
 */
export async function openStore(location = ':memory:'): Promise<Store> {
  return new SqliteStore(location)
}
