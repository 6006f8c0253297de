import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { runCli } from '../src/cli/main.js'

const EXAMPLE_TEXT = new URL('../examples/aurus-gift/002_2f1ed0a961360b5b.txt', import.meta.url)

/** Runs the CLI in-process as from a terminal: stderr is a TTY, so progress is drawn. */
async function runInTerminal(argv: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = ''
  const status = await runCli(argv, {
    stdout: () => undefined,
    stderr: (text) => void (stderr += text),
    stderrIsTty: true,
  })
  return { status, stderr }
}

/** Two JSONL exports of a few articles each, written from the example's text (no data set needed). */
function twoExports(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-progress-'))
  const text = readFileSync(EXAMPLE_TEXT, 'utf8')
  return ['a', 'b'].map((name) => {
    const file = join(dir, `${name}.jsonl`)
    const lines = [1, 2, 3].map((n) =>
      JSON.stringify({
        id: `${name}${n}`,
        title: `Report ${name}${n}`,
        text: `${text}\n\n${name}${n}`,
      }),
    )
    writeFileSync(file, `${lines.join('\n')}\n`)
    return file
  })
}

// A bar drawn per file overflowed when files hold several articles each ("Invalid count value: -15", exit 1).
test('analyze in a terminal counts articles as it reads, says what it does next, and clears the line', async () => {
  const result = await runInTerminal(['analyze', ...twoExports()])
  expect(result.status).toBe(0)
  expect(result.stderr).toContain('reading: 6 articles')
  expect(result.stderr).toContain('analysing 6 articles')
  // The story stage, most of a large batch's time, counts its stories (a report takes longer than a redraw).
  expect(result.stderr).toContain('analysing 6 articles into stories: 1 of 1 story reported…')
  expect(result.stderr.endsWith('\r\x1b[2K')).toBe(true)
  const quiet = await runInTerminal(['analyze', ...twoExports(), '--quiet'])
  expect(quiet.status).toBe(0)
  expect(quiet.stderr).toBe('')
}, 60_000)

test('ingest in a terminal shows what it reads and when it places the articles', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-progress-')), 'news.db')
  const result = await runInTerminal(['ingest', '--db', db, ...twoExports()])
  expect(result.status).toBe(0)
  expect(result.stderr).toContain('reading: 6 articles')
  expect(result.stderr).toContain('placing 6 articles')
  expect(result.stderr).toContain(
    "placing 6 articles in the store's stories: 1 of 1 story reported…",
  )
  const rebuilt = await runInTerminal(['ingest', '--db', db, '--rebuild'])
  expect(rebuilt.stderr).toContain(
    "placing the store's articles in stories: 1 of 1 story reported…",
  )
}, 60_000)

test('a warning is printed as its input is read, not after the whole batch, in place of the progress line', async () => {
  const [first, second] = twoExports()
  const result = await runInTerminal([
    'analyze',
    '/nonexistent/early.txt',
    first as string,
    second as string,
  ])
  expect(result.status).toBe(0)
  const warning = result.stderr.indexOf('corroborate: warning: /nonexistent/early.txt')
  expect(warning).toBeGreaterThanOrEqual(0)
  expect(warning).toBeLessThan(result.stderr.indexOf('reading: 6 articles'))
}, 60_000)
