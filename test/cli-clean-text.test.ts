import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { openStore } from '../src/store/index.js'
import type { Article } from '../src/types.js'
import { runCaptured } from './helpers.js'

// A plain text that boilerplate removal would cut: a headline line, a sponsor line and a trailer.
const TEXT =
  'Peskov hails gift\n\nAdvertisement\n\nMOSCOW — Kremlin spokesman Dmitry Peskov said on Tuesday that the car ' +
  'was a gift. "Putin showed it to him personally," Peskov said. "He liked it."\n\nRead more: Putin gives ' +
  'Kim a car\n\nShare this article on Facebook\n'

function plainFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-clean-')), 'article.txt')
  writeFileSync(path, TEXT)
  return path
}

/** The article's spans slice the input as given: its text is the file's. */
function expectTakenAsGiven(article: Article): void {
  expect(article.text).toBe(TEXT)
  expect(article.removed).toEqual([])
  expect(article.entities.length).toBeGreaterThan(0)
  for (const entity of article.entities)
    expect(TEXT.slice(entity.start, entity.end)).toBe(entity.text)
  const contents = article.attributions.map(({ content }) => TEXT.slice(content.start, content.end))
  expect(contents).toContain('Putin showed it to him personally')
}

test('extract --clean-text takes a plain file as the body as given (no boilerplate removal)', async () => {
  const path = plainFile()
  const cleaned = JSON.parse((await runCaptured(['extract', path])).stdout) as Article
  expect(cleaned.removed.length).toBeGreaterThan(0)
  const given = await runCaptured(['extract', path, '--clean-text'])
  expect(given.status).toBe(0)
  expectTakenAsGiven(JSON.parse(given.stdout) as Article)
})

test('analyze, verify and ingest read plain files as given with --clean-text', async () => {
  const path = plainFile()
  const analyzed = await runCaptured(['analyze', path, '--clean-text', '--format', 'json'])
  expect(analyzed.status).toBe(0)
  expectTakenAsGiven(
    (JSON.parse(analyzed.stdout) as { articles: Article[] }).articles[0] as Article,
  )

  const verified = await runCaptured([
    'verify',
    'Peskov said the car was a gift',
    path,
    '--clean-text',
    '--format',
    'json',
  ])
  expect(verified.status).toBe(0)
  const verdict = (
    JSON.parse(verified.stdout) as { verdicts: { evidence: { start: number; end: number }[] }[] }
  ).verdicts[0]
  // Evidence offsets are into the text as given: a span slices out the sentence that carries the claim.
  const evidence = verdict?.evidence ?? []
  expect(evidence.map((span) => TEXT.slice(span.start, span.end))).toContain(
    'MOSCOW — Kremlin spokesman Dmitry Peskov said on Tuesday that the car was a gift.',
  )

  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-clean-db-')), 'news.db')
  expect((await runCaptured(['ingest', path, '--clean-text', '--db', db, '-q'])).status).toBe(0)
  const store = await openStore(db)
  try {
    expectTakenAsGiven((await store.listArticles())[0] as Article)
  } finally {
    await store.close()
  }
})

test('every command that reads inputs documents --clean-text in its help', async () => {
  for (const command of ['extract', 'analyze', 'ingest', 'verify']) {
    const help = (await runCaptured([command, '--help'])).stdout
    expect(help).toMatch(/--clean-text\s+take plain text/)
  }
})

test('a JSONL line\'s "clean": true keeps its text as given even when it quotes tags', async () => {
  const text =
    'The page used <div>, <span> and <p> tags, the developer said.\n\nNothing else changed.'
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-clean-')), 'export.jsonl')
  writeFileSync(path, `${JSON.stringify({ id: 'a1', text, clean: true })}\n`)
  const article = JSON.parse((await runCaptured(['extract', path])).stdout) as Article
  expect(article.text).toBe(text)
})
