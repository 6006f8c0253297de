/**
 * A child process of concurrent-ingest.test.ts: opens and closes the stores DIR/0.db … DIR/(COUNT-1).db, the
 * i-th at START + i × 40 ms (wall clock), so that several of these processes open each new file at the same
 * moment. Prints the number of opens that failed, and the first failure.
 */
import { join } from 'node:path'
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js'

const [dir = '', start = '0', count = '0'] = process.argv.slice(2)
let failures = 0
let first = ''
for (let index = 0; index < Number(count); index++) {
  const at = Number(start) + index * 40
  // Busy-wait, not a timer: a timer fires late by a few milliseconds, and the point is to open at once.
  while (Date.now() < at);
  try {
    await new SqliteStore(join(dir, `${index}.db`)).close()
  } catch (error) {
    failures++
    first ||= String(error)
  }
}
process.stdout.write(`${JSON.stringify({ failures, first })}\n`)
