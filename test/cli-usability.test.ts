import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { expect, test } from 'vitest'
import { EXAMPLE, runCaptured } from './helpers.js'
import MarkdownIt from 'markdown-it'

test('extract of a directory works with its default format: JSON lines for several articles', async () => {
  const result = await runCaptured(['extract', EXAMPLE])
  expect(result.status).toBe(0)
  expect(result.stdout.trim().split('\n')).toHaveLength(5)
  const one = await runCaptured(['extract', join(EXAMPLE, '002_2f1ed0a961360b5b.txt')])
  expect(JSON.parse(one.stdout).schemaVersion).toBe(1)
})

test('extract --no-annotate prints the same articles without sentences, entities or attributions', async () => {
  const full = (await runCaptured(['extract', EXAMPLE])).stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  const bare = await runCaptured(['extract', EXAMPLE, '--no-annotate'])
  expect(bare.status).toBe(0)
  const articles = bare.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  expect(articles).toHaveLength(full.length)
  for (const [index, article] of articles.entries()) {
    expect(article).not.toHaveProperty('entities')
    expect(article).not.toHaveProperty('attributions')
    expect(article).not.toHaveProperty('sentences')
    const { entities, attributions, sentences, ...rest } = full[index]
    expect(entities.length).toBeGreaterThan(0)
    expect(article).toEqual(rest)
    expect([attributions, sentences].every(Array.isArray)).toBe(true)
  }
})

test('--quiet keeps warnings off stderr; stories --limit and show --out do what they say', async () => {
  const noisy = await runCaptured(['analyze', EXAMPLE, '/nonexistent/x.txt'])
  expect(noisy.stderr).toMatch(/warning: .*nonexistent/)
  const quiet = await runCaptured(['analyze', EXAMPLE, '/nonexistent/x.txt', '--quiet'])
  expect(quiet.status).toBe(0)
  expect(quiet.stderr).toBe('')

  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-ux-')), 'news.db')
  expect((await runCaptured(['ingest', '--db', db, EXAMPLE])).status).toBe(0)
  const listed = await runCaptured(['stories', '--db', db, '--limit', '1'])
  expect(listed.stdout.trim().split('\n')).toHaveLength(1)
  expect(listed.stdout).toMatch(/ 5 articles /)
  const id = listed.stdout.split(' ')[0] as string
  const out = join(mkdtempSync(join(tmpdir(), 'corroborate-ux-')), 'story.md')
  const shown = await runCaptured(['show', id, '--db', db, '--format', 'md', '--out', out])
  expect(shown.status).toBe(0)
  expect(existsSync(out)).toBe(true)
  expect(readFileSync(out, 'utf8')).toMatch(/^# /)
})

test('an empty folder is named as such, not only "no article could be read"', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'corroborate-empty-'))
  writeFileSync(join(empty, '.DS_Store'), 'x')
  const result = await runCaptured(['analyze', empty])
  expect(result.status).toBe(1)
  expect(result.stderr).toBe(
    `corroborate: warning: ${empty}: Unexpected empty folder, expected files to read (names starting with a dot are skipped) [input-empty]\ncorroborate: no article could be read from the inputs\n`,
  )
})

test('stories on an empty store says there are none yet (on stderr; the listing stays empty)', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-ux-')), 'empty.db')
  expect((await runCaptured(['ingest', '--db', db, '--rebuild'])).status).toBe(0)
  const listed = await runCaptured(['stories', '--db', db])
  expect(listed.status).toBe(0)
  expect(listed.stdout).toBe('')
  expect(listed.stderr).toBe(
    `corroborate: no stories in ${db} yet; add articles with \`corroborate ingest --db ${db} <inputs>\`\n`,
  )
})

test('every command’s --help gives an example; the top-level help gives examples and the exit status', async () => {
  const top = await runCaptured(['--help'])
  expect(top.status).toBe(0)
  expect(top.stdout).toMatch(/\nExamples:\n {2}corroborate analyze /)
  expect(top.stdout).toMatch(/Exit status: 0 ok; 1 .*\n2 usage error/)
  const commands = ['extract', 'analyze', 'ingest', 'worker', 'watch', 'stories', 'show', 'search']
  for (const command of [...commands, 'serve', 'verify']) {
    const help = await runCaptured([command, '--help'])
    expect(help.stdout, command).toMatch(/\nExamples?:\n {2}corroborate /)
    // "Example:" heads one example, "Examples:" several.
    const [, heading, lines] =
      /\n(Examples?):\n((?: {2}corroborate .*\n?)+)/.exec(help.stdout) ?? []
    expect(heading, command).toBe(lines?.trim().split('\n').length === 1 ? 'Example' : 'Examples')
  }
  const analyze = (await runCaptured(['analyze', '--help'])).stdout
  expect(analyze).toContain('64 MiB')
  expect(analyze).toMatch(/RSS\/Atom feeds, WARC files/)
  expect((await runCaptured(['stories', '--help'])).stdout).toContain('(default: all)')
  // --jobs speaks of the briefs' thread only where there is one.
  expect(analyze).toMatch(/--jobs <n>(?:.*\n){0,3}.*briefs/)
  for (const command of ['extract', 'ingest', 'verify'])
    expect((await runCaptured([command, '--help'])).stdout, command).not.toContain('briefs')
})

test('the story card names outlets in conflicts and reuse, and lists no alias that is the name again', async () => {
  const card = (await runCaptured(['analyze', EXAMPLE])).stdout
  const section = (title: string): string[] => {
    const lines = card.split('\n')
    const start = lines.indexOf(`  ${title}`)
    const end = lines.indexOf('', start)
    return lines.slice(start + 1, end)
  }
  expect(section('Conflicts')).toContain(
    '  • price of Aurus Senat (differing): in its most basic version 245,000 USD (THE AMERICA ONE NEWS) vs as much as 1 million USD (Mint)',
  )
  expect(section('Reuse')).toContain(
    '  • The Independent ↔ unknown outlet: rewrite, 3 passages ("Anrus" for "Aurus" in both texts)',
  )
  for (const line of section(
    'Who and where (by canonical name, with the forms the articles use)',
  )) {
    const [, name, aliases] = /^ {2}• (.+?) \(.*?\)(?: also (.*))? \[/.exec(line) ?? []
    expect(aliases ?? '', line).not.toContain(`“${name}”`)
  }
})

test('a missing input is named with the reason in words', async () => {
  const result = await runCaptured(['analyze', '/nonexistent/report.html'])
  expect(result.status).toBe(1)
  expect(result.stderr).toContain(
    'corroborate: warning: /nonexistent/report.html: Cannot read the file (no such file or folder: ENOENT) [input-unreadable]\n',
  )
})

test('the Markdown report reads as written: no backslash before hyphens, dots or parentheses', async () => {
  const md = (await runCaptured(['analyze', EXAMPLE, '--format', 'md'])).stdout
  expect(md.split('\n')[0]).toBe(
    '# In rebuke to the West, Putin gives North Korea’s Kim Jong-un luxury limo',
  )
  expect(md).toContain('| 2024-02-20T21:48:00Z |')
  expect(md).not.toMatch(/\\[-.()]/)
  // What must stay escaped still is, and renders as the text.
  const html = new MarkdownIt().render(md)
  expect(html).toContain(
    '<h1>In rebuke to the West, Putin gives North Korea’s Kim Jong-un luxury limo</h1>',
  )
})

test('a story of one republished article is dated by the day its page shows, not listed undated', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-ux-')), 'news.db')
  const republished = join(EXAMPLE, '000_c4af87845c3e2fcc.txt')
  expect((await runCaptured(['ingest', '--db', db, republished])).status).toBe(0)
  const listed = await runCaptured(['stories', '--db', db])
  expect(listed.stdout).toMatch(
    / 1 independent {2}2025-06-24 {2}In rebuke to the West.* {2}\(republished; original date unknown\)\n$/,
  )
  const story = JSON.parse((await runCaptured(['stories', '--db', db, '--format', 'json'])).stdout)
    .stories[0]
  expect([story.start, story.end, story.datedByPages]).toEqual(['2025-06-24', '2025-06-24', true])
  // A story with an original date known carries no such note.
  const seeds = join(mkdtempSync(join(tmpdir(), 'corroborate-ux-')), 'news.db')
  expect((await runCaptured(['ingest', '--db', seeds, EXAMPLE])).status).toBe(0)
  const seedList = await runCaptured(['stories', '--db', seeds, '--format', 'json'])
  expect(JSON.parse(seedList.stdout).stories[0]).not.toHaveProperty('datedByPages')
  expect((await runCaptured(['stories', '--db', seeds])).stdout).not.toContain('republished')
  // The reports say those are republication days, not when the story broke.
  for (const format of ['text', 'md', 'html'])
    expect(
      (await runCaptured(['show', story.id, '--db', db, '--format', format])).stdout,
    ).toContain('2025-06-24 (republished; original date unknown)')
})

test('an --out that cannot be written is refused before any work, naming the path; no file is left behind', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'corroborate-out-'))
  const missing = join(folder, 'nodir', 'report.html')
  const noFolder = await runCaptured(['analyze', EXAMPLE, '--out', missing])
  expect(noFolder.status).toBe(1)
  expect(noFolder.stderr).toBe(
    `corroborate: cannot write the report to ${missing}: there is no folder ${join(folder, 'nodir')}\n`,
  )
  const isFolder = await runCaptured(['analyze', EXAMPLE, '--out', folder])
  expect(isFolder.status).toBe(1)
  expect(isFolder.stderr).toBe(
    `corroborate: cannot write the report to ${folder}: it is a folder; --out takes a file name, such as ${join(folder, 'report.html')}\n`,
  )
  expect(
    readdirSync(dirname(folder)).filter((name) => name.startsWith(`${basename(folder)}.`)),
  ).toEqual([])
  const db = join(folder, 'news.db')
  const show = await runCaptured(['show', 'story-x', '--db', db, '--out', missing])
  expect(show.stderr).toMatch(/^corroborate: cannot write the report to .*: there is no folder /)
})

test('a store given as an input (--db forgotten) is named as a store, with the option to give it by', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-ux-')), 'news.db')
  expect((await runCaptured(['ingest', '--db', db, EXAMPLE])).status).toBe(0)
  const result = await runCaptured(['analyze', db])
  expect(result.status).toBe(1)
  expect(result.stderr).toContain(
    `corroborate: warning: ${db}: Unexpected SQLite database, expected HTML, text or JSONL; a store is given with --db ${db} [input-binary]\n`,
  )
})

test('extract --format text starts each article with its id and the file it was read from', async () => {
  const result = await runCaptured(['extract', EXAMPLE, '--format', 'text', '--no-annotate'])
  expect(result.status).toBe(0)
  const ids = [...result.stdout.matchAll(/^id: (\w+)\npath: (.+)\n/gm)]
  expect(ids.map((match) => match[2])).toEqual(
    readdirSync(EXAMPLE)
      .sort()
      .map((name) => join(EXAMPLE, name)),
  )
})

test('search with no match says so on stderr and exits 0, its listing empty (as stories on an empty store)', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-ux-')), 'news.db')
  expect((await runCaptured(['ingest', '--db', db, EXAMPLE])).status).toBe(0)
  const none = await runCaptured(['search', 'zzzqqq', '--db', db])
  expect(none.status).toBe(0)
  expect(none.stdout).toBe('')
  expect(none.stderr).toBe(`corroborate: no match for "zzzqqq" in ${db}\n`)
  const some = await runCaptured(['search', 'limousine', '--db', db])
  expect(some.stdout).toMatch(/^story story-/m)
  // Each match in brackets on the terminal (the JSON gives offsets), the only brackets of the line here.
  expect(some.stdout).toMatch(/^ {4}.*\[limousine\]/im)
  expect(some.stderr).toBe('')
})

test('search with nothing to look for is a usage error, as verify without a claim', async () => {
  for (const query of ['', '  ']) {
    const result = await runCaptured(['search', query, '--db', 'news.db'])
    expect(result.status).toBe(2)
    expect(result.stderr).toBe('corroborate: search needs words to look for, such as Peskov\n')
  }
})

test('verify with its claim forgotten says the claim comes first, instead of verifying a path as a sentence', async () => {
  for (const argv of [
    ['verify', EXAMPLE],
    ['verify', EXAMPLE, join(EXAMPLE, '000_c4af87845c3e2fcc.txt')],
    ['verify', EXAMPLE, '--db', 'news.db'],
  ]) {
    const result = await runCaptured(argv)
    expect(result.status, argv.join(' ')).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      `corroborate: verify takes the claim first, in quotes, but ${EXAMPLE} is an input; such as \`corroborate verify "Putin gave Kim Jong Un a car" ${EXAMPLE}\`\n`,
    )
  }
})

test('watch with a feeds file that cannot be read says so in words and creates no store', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'corroborate-watch-'))
  const feeds = join(folder, 'feeds.txt')
  const db = join(folder, 'news.db')
  const result = await runCaptured(['watch', feeds, '--db', db, '--once'])
  expect(result.status).toBe(1)
  expect(result.stderr).toBe(
    `corroborate: cannot read the feeds file ${feeds} (no such file or folder: ENOENT)\n`,
  )
  expect(existsSync(db)).toBe(false)
})

test('show of a story id without its "story-" prefix names the id meant', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'corroborate-ux-')), 'news.db')
  expect((await runCaptured(['ingest', '--db', db, EXAMPLE])).status).toBe(0)
  const id = (await runCaptured(['stories', '--db', db])).stdout.split(' ')[0] as string
  const bare = id.replace(/^story-/, '')
  const result = await runCaptured(['show', bare, '--db', db])
  expect(result.status).toBe(1)
  expect(result.stderr).toBe(`corroborate: no story ${bare} in ${db}; did you mean ${id}?\n`)
})

test('analyze --db lists the batch in the order given, an id the store held with another text too', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'corroborate-ux-'))
  const db = join(folder, 'news.db')
  const line = (id: string, text: string): string => `${JSON.stringify({ id, text })}\n`
  const first = join(folder, 'first.jsonl')
  writeFileSync(first, line('a', 'The bridge reopened on Monday after repairs, officials said.'))
  expect((await runCaptured(['ingest', '--db', db, first])).status).toBe(0)
  const batch = join(folder, 'batch.jsonl')
  writeFileSync(
    batch,
    line('a', 'The harbour closes on Friday for dredging works, the port said.') +
      line('b', 'The museum reopens its northern wing next spring, the city said.'),
  )
  const result = await runCaptured(['analyze', batch, '--db', db, '--format', 'json', '--quiet'])
  expect(result.status).toBe(0)
  const ids = (JSON.parse(result.stdout) as { articles: { id: string }[] }).articles.map(
    (article) => article.id,
  )
  expect(ids.slice(0, 2)).toEqual([expect.stringMatching(/^a~\w+$/), 'b'])
})
