import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'
import { openStore } from '../../src/store/index.js'
import { EXAMPLE, runCaptured } from '../helpers.js'

const temporary = (name: string): string =>
  join(mkdtempSync(join(tmpdir(), 'corroborate-readers-')), name)

test('read commands on a SQLite file that is not a store refuse it and leave it byte for byte', async () => {
  const path = temporary('other.db')
  const other = new Database(path)
  other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')")
  other.close()
  const before = readFileSync(path)
  for (const argv of [
    ['stories', '--db', path],
    ['show', 'abc', '--db', path],
    ['search', 'word', '--db', path],
    ['ingest', '--db', path, EXAMPLE],
  ]) {
    const result = await runCaptured(argv)
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/not a corroborate store/)
  }
  expect(readFileSync(path).equals(before)).toBe(true)
})

test('a file that is not SQLite at all is a clear error, not a crash', async () => {
  const path = temporary('notes.txt')
  writeFileSync(path, 'just some text, long enough to not be an empty database file\n'.repeat(50))
  const result = await runCaptured(['stories', '--db', path])
  expect(result.status).toBe(1)
  expect(result.stderr).toMatch(/Cannot open .*notes\.txt/)
})

test('readers answer while a writer holds the store, and a second writer waits with a message', async () => {
  const path = temporary('news.db')
  expect((await runCaptured(['ingest', '--db', path, EXAMPLE])).status).toBe(0)
  const writer = await openStore(path)
  let release = (): void => undefined
  const held = writer.asSoleWriter(() => new Promise<void>((resolve) => (release = resolve)))
  const listed = await runCaptured(['stories', '--db', path, '--format', 'json'])
  expect(listed.status).toBe(0)
  expect(JSON.parse(listed.stdout).stories).toHaveLength(1)

  const second = await openStore(path)
  const messages: string[] = []
  let secondRan = false
  const waiting = second.asSoleWriter(
    async () => void (secondRan = true),
    (message) => messages.push(message),
  )
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(secondRan).toBe(false)
  expect(messages.join('')).toMatch(/another process is writing/)
  release()
  await held
  await waiting
  expect(secondRan).toBe(true)
  await writer.close()
  await second.close()
})
