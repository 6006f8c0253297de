import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where the external gold data lives: `../shared/data` beside the repository (or $CORROBORATE_DATA). It is
 * read at run time and never copied into the repository (licences vary).
 */
export const DATA_DIR =
  process.env.CORROBORATE_DATA ?? new URL('../../shared/data', import.meta.url).pathname

/** The rows of a JSON-lines file of the gold data. */
export function readJsonLines<T>(...parts: string[]): T[] {
  return readFileSync(dataPath(...parts), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T)
}

export function dataPath(...parts: string[]): string {
  const path = join(DATA_DIR, ...parts)
  if (!existsSync(path))
    throw new Error(
      `Cannot find ${path}: the evaluation reads ../shared/data beside the repository (or set CORROBORATE_DATA)`,
    )
  return path
}
