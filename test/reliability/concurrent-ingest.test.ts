import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from 'vitest'

const ROOT = new URL('../..', import.meta.url).pathname
const CLI = join(ROOT, 'test/run-cli.ts')

/** Runs a TypeScript file as its own process (through tsx, so no build is needed). */
function tsProcess(
  file: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

const cliProcess = (args: string[]) => tsProcess(CLI, args)

/** Deterministic pseudo-random words, so each event has a vocabulary of its own. */
function syntheticArticles(events: number, perEvent: number, seed: number): string {
  let state = seed
  const next = (): number => (state = (state * 48271) % 2147483647)
  const word = (): string =>
    Array.from({ length: 6 }, () => String.fromCharCode(97 + (next() % 26))).join('')
  const lines: string[] = []
  for (let event = 0; event < events; event++) {
    const vocabulary = Array.from({ length: 30 }, word)
    for (let copy = 0; copy < perEvent; copy++) {
      const text = Array.from({ length: 12 }, () =>
        Array.from({ length: 14 }, () => vocabulary[next() % vocabulary.length]).join(' '),
      ).join('. ')
      lines.push(
        JSON.stringify({
          id: `s${seed}-e${event}-a${copy}`,
          title: `${vocabulary[0]} ${vocabulary[1]} ${vocabulary[2]}`,
          text: `${text}.`,
          published: `2024-03-${String(1 + (event % 28)).padStart(2, '0')}`,
        }),
      )
    }
  }
  return `${lines.join('\n')}\n`
}

function storeCounts(path: string): {
  articles: number
  placements: number
  inTwoStories: number
  clustered: number
  termDocumentSum: number
  stories: number
} {
  const db = new Database(path, { readonly: true })
  const one = (sql: string): number => (db.prepare(sql).pluck().get() as number | null) ?? 0
  const counts = {
    articles: one('SELECT COUNT(*) FROM articles'),
    placements: one('SELECT COUNT(*) FROM story_members'),
    inTwoStories: one(
      "SELECT COUNT(*) FROM stories s, json_each(s.json, '$.articleIds') a GROUP BY a.value HAVING COUNT(*) > 1",
    ),
    clustered: one("SELECT value FROM counters WHERE name = 'clustered_articles'"),
    termDocumentSum: one('SELECT SUM(documents) FROM term_documents'),
    stories: one('SELECT COUNT(*) FROM stories'),
  }
  db.close()
  return counts
}

test('two ingests into one store at once leave it as the same ingests one after the other', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-concurrent-'))
  const first = join(dir, 'first.jsonl')
  const second = join(dir, 'second.jsonl')
  writeFileSync(first, syntheticArticles(40, 5, 7))
  writeFileSync(second, syntheticArticles(40, 5, 11))
  const together = join(dir, 'together.db')
  const results = await Promise.all([
    cliProcess(['ingest', '--db', together, first]),
    cliProcess(['ingest', '--db', together, second]),
  ])
  expect(
    results.map((result) => result.status),
    results.map((result) => result.stderr).join('\n'),
  ).toEqual([0, 0])
  const sequential = join(dir, 'sequential.db')
  expect((await cliProcess(['ingest', '--db', sequential, first])).status).toBe(0)
  expect((await cliProcess(['ingest', '--db', sequential, second])).status).toBe(0)

  const concurrent = storeCounts(together)
  expect(concurrent.articles).toBe(400)
  // Every article sits in exactly one story, and the clustering counts are those of one writer at a time.
  expect(concurrent.placements).toBe(400)
  expect(concurrent.inTwoStories).toBe(0)
  expect(concurrent).toEqual(storeCounts(sequential))
  // Four CLI processes through tsx: a minute on a busy 2-core machine, so the ceiling is generous.
}, 300_000)

test('three processes opening the same new stores at once each open every one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-open-'))
  // Far enough ahead for every process to have started (tsx takes a second or more on a busy machine).
  const start = Date.now() + 8_000
  const results = await Promise.all(
    [1, 2, 3].map(() =>
      tsProcess(join(ROOT, 'test/reliability/open-new-stores.ts'), [dir, String(start), '60']),
    ),
  )
  for (const result of results) {
    expect(result.status, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ failures: 0, first: '' })
  }
}, 120_000)
