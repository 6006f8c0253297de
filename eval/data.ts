import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where the external gold data lives: `../shared/data` beside the repository (or $CORROBORATE_DATA). It is
 * read at run time and never copied into the repository (licences vary).
 */
export const DATA_DIR =
  process.env.CORROBORATE_DATA ?? new URL('../../shared/data', import.meta.url).pathname

export function dataPath(...parts: string[]): string {
  const path = join(DATA_DIR, ...parts)
  if (!existsSync(path))
    throw new Error(
      `Cannot find ${path}: the evaluation reads ../shared/data beside the repository (or set CORROBORATE_DATA)`,
    )
  return path
}
