import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { SqliteOpenOptions } from '../store/sqlite/sqlite-store.js'
import type { Store } from '../store/index.js'
import { redacted } from './redacted.js'

/**
 * Opens the store a `--db` names, or fails with an error that says what is wrong and what to do: SQLite's own
 * words ("unable to open database file", "disk I/O error" for a folder, "attempt to write a readonly
 * database") name neither the file nor the cause.
 */
export async function openCliStore(
  location: string,
  options: SqliteOpenOptions = {},
): Promise<Store> {
  const { isPostgresUrl, openStore } = await import('../store/index.js')
  if (location === ':memory:') return openStore(location, options)
  if (isPostgresUrl(location))
    return openStore(location, options).catch((error: unknown) => {
      throw new Error(`cannot open the store ${redacted(location)}: ${(error as Error).message}`, {
        cause: error,
      })
    })
  if (isFolder(location))
    throw new Error(
      `${location} is a folder; --db takes a store file, such as ${join(location, 'news.db')}`,
    )
  const folder = dirname(resolve(location))
  if (!existsSync(folder))
    throw new Error(`cannot create the store ${location}: there is no folder ${folder}`)
  try {
    return await openStore(location, options)
  } catch (error) {
    const reason = storeFailure(location, sqliteCode(error), options.readOnly === true)
    if (reason === null) throw error
    throw new Error(reason, { cause: error })
  }
}

/** What a SQLite error code means for the user's store file, or null when it is not about the file. */
function storeFailure(location: string, code: string | null, readOnly: boolean): string | null {
  const folder = dirname(resolve(location))
  if (code === 'SQLITE_READONLY_DIRECTORY')
    return readOnly
      ? `cannot read the store ${location}: SQLite must create ${location}-shm beside it, and ${folder} is not writable; copy the store to a folder you can write`
      : `cannot write the store ${location}: ${folder} is not writable`
  if (code?.startsWith('SQLITE_READONLY') === true)
    return `cannot write the store ${location}: the file is read-only`
  if (code === 'SQLITE_CANTOPEN')
    return `cannot ${existsSync(location) ? 'open' : 'create'} the store ${location}: ${folder} is not writable`
  return null
}

/** The SQLite error code carried by an error or one of its causes. */
function sqliteCode(error: unknown): string | null {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code
  }
  return null
}

/** Whether a path names a folder (false when it names nothing). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
