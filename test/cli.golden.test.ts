import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, test } from 'vitest'
import { EXAMPLE, runCaptured } from './helpers.js'

const GOLDEN = new URL('./golden', import.meta.url).pathname
// Paths in the output are as given on the command line; run from the repository root for stable goldens.
const ROOT = new URL('..', import.meta.url).pathname

/** Compares with the golden file; a missing one is written, UPDATE=1 rewrites all (review the diff). */
function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name)
  if (process.env.UPDATE === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true })
    writeFileSync(file, actual)
  }
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

test('analyze prints a story card that lists the five seed articles', async () => {
  process.chdir(ROOT)
  const result = await runCaptured(['analyze', relative(ROOT, EXAMPLE)])
  expect(result.status).toBe(0)
  expect(result.stdout.match(/^ {2}• .+ — .+ \([0-9a-f]{16}\)$/gm)).toHaveLength(5)
  expectGolden('analyze.txt', result.stdout)
})

test('analyze --format json matches the golden analysis', async () => {
  process.chdir(ROOT)
  const result = await runCaptured(['analyze', relative(ROOT, EXAMPLE), '--format', 'json'])
  expect(result.status).toBe(0)
  const analysis = JSON.parse(result.stdout)
  expect(analysis.schemaVersion).toBe(1)
  expect(analysis.stories).toHaveLength(1)
  expectGolden('analyze.json', result.stdout)
})

test('analyze --format md and html render the story', async () => {
  process.chdir(ROOT)
  const md = await runCaptured(['analyze', relative(ROOT, EXAMPLE), '--format', 'md'])
  expectGolden('analyze.md', md.stdout)
  const html = await runCaptured(['analyze', relative(ROOT, EXAMPLE), '--format', 'html'])
  expect(html.stdout).toMatch(/^<!doctype html>/)
  expect(html.stdout).not.toMatch(/<script/i)
})

test('extract --format jsonl prints one article per input', async () => {
  process.chdir(ROOT)
  const result = await runCaptured(['extract', relative(ROOT, EXAMPLE), '--format', 'jsonl'])
  expect(result.stdout.trim().split('\n')).toHaveLength(5)
})

test('usage errors exit 2 and inputs without articles exit 1', async () => {
  expect((await runCaptured(['analyze', '--format', 'pdf', EXAMPLE])).status).toBe(2)
  expect((await runCaptured(['nonsense'])).status).toBe(2)
  const missing = await runCaptured(['analyze', '/nonexistent/file.txt'])
  expect(missing.status).toBe(1)
  expect(missing.stderr).toContain('/nonexistent/file.txt')
})

test('every command answers --help', async () => {
  for (const command of ['extract', 'analyze', 'ingest', 'stories', 'show', 'search']) {
    const result = await runCaptured([command, '--help'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Usage: corroborate ' + command)
  }
})

test('an input over --max-bytes is refused with a message naming it; the rest of the batch goes on', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-'))
  writeFileSync(
    join(dir, 'big.html'),
    `<html><body>${'<p>word word word word word.</p>'.repeat(2000)}</body></html>`,
  )
  writeFileSync(
    join(dir, 'small.txt'),
    'Bridge reopens\n\nOfficials said on Monday that the bridge would reopen after repairs, ending weeks of detours.',
  )
  const result = await runCaptured(['extract', dir, '--format', 'jsonl', '--max-bytes', '10000'])
  expect(result.status).toBe(0)
  expect(result.stdout.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).toMatch(/big\.html: Unexpected \d+ bytes, expected at most 10000/)
})

test('ingest adds online, says what changed, refuses no inputs, and --rebuild re-clusters the store', async () => {
  const { mkdtempSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'news.db')
  const files = (await import('node:fs')).readdirSync(EXAMPLE).map((name) => join(EXAMPLE, name))
  const first = await runCaptured(['ingest', '--db', db, files[0] as string])
  expect(first.stdout).toMatch(
    /^added 1 article, 0 already stored; 1 story created or updated; 1 story in /,
  )
  const second = await runCaptured(['ingest', '--db', db, EXAMPLE])
  expect(second.stdout).toMatch(
    /^added 4 articles, 1 already stored; 1 story created or updated; 1 story in /,
  )
  const stories = JSON.parse(
    (await runCaptured(['stories', '--db', db, '--format', 'json'])).stdout,
  )
  expect(stories.stories[0].articleIds).toHaveLength(5)
  expect((await runCaptured(['ingest', '--db', db])).status).toBe(2)
  const rebuilt = await runCaptured(['ingest', '--db', db, '--rebuild'])
  expect(rebuilt.status).toBe(0)
  expect(rebuilt.stdout).toMatch(/1 story in /)
})

test('analyze --db places the batch once, in the store, and reports the same stories as analyze', async () => {
  process.chdir(ROOT)
  const { mkdtempSync, readdirSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'news.db')
  const memory = await runCaptured(['analyze', relative(ROOT, EXAMPLE), '--format', 'json'])
  const stored = await runCaptured([
    'analyze',
    relative(ROOT, EXAMPLE),
    '--format',
    'json',
    '--db',
    db,
  ])
  expect(stored.status).toBe(0)
  expect(JSON.parse(stored.stdout)).toEqual(JSON.parse(memory.stdout))
  // One more report of the event, analysed alone into the store: it is reported in the stored story.
  const files = readdirSync(EXAMPLE).map((name) => join(EXAMPLE, name))
  const again = await runCaptured(['analyze', files[0] as string, '--format', 'json', '--db', db])
  const analysis = JSON.parse(again.stdout)
  expect(analysis.stories).toHaveLength(1)
  expect(analysis.stories[0].id).toBe(JSON.parse(memory.stdout).stories[0].id)
  expect(analysis.stories[0].articleIds).toHaveLength(5)
})

test('--reuse-threshold takes a fraction; anything else is a usage error', async () => {
  expect((await runCaptured(['analyze', EXAMPLE, '--reuse-threshold', '2'])).status).toBe(2)
  const strict = await runCaptured([
    'analyze',
    EXAMPLE,
    '--reuse-threshold',
    '0.9',
    '--format',
    'json',
  ])
  expect(strict.status).toBe(0)
  expect(JSON.parse(strict.stdout).stories).toHaveLength(1)
})

test('--story-threshold sets how alike an article and a story must be; anything else is a usage error', async () => {
  expect((await runCaptured(['analyze', EXAMPLE, '--story-threshold', '0'])).status).toBe(2)
  const stories = async (threshold: string): Promise<number> =>
    JSON.parse(
      (await runCaptured(['analyze', EXAMPLE, '--story-threshold', threshold, '--format', 'json']))
        .stdout,
    ).stories.length
  expect(await stories('0.1')).toBe(1)
  expect(await stories('0.95')).toBeGreaterThan(1)
})
