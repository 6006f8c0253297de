import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import { type InputResult, readInputs } from '../../src/ingest/read-inputs.js'
import { DEFAULT_LIMITS } from '../../src/ingest/limits.js'
import {
  type AnyNode,
  MAX_DEPTH,
  boundNesting,
  findAll,
  parseHtml,
  textOf,
} from '../../src/extract/html/dom.js'

const STORY =
  'Officials said on Monday that the bridge would reopen after repairs, ending weeks of detours for commuters in the city.'

async function readAll(paths: string[], limits = DEFAULT_LIMITS): Promise<InputResult[]> {
  const results: InputResult[] = []
  for await (const result of readInputs(paths, limits)) results.push(result)
  return results
}

const documentsOf = (results: InputResult[]): number =>
  results.filter((result) => 'document' in result).length
const rulesOf = (results: InputResult[]): string[] =>
  results.flatMap((result) => ('problem' in result ? [result.problem.ruleId] : [])).sort()

const isRoot = process.getuid?.() === 0

test.skipIf(isRoot)(
  'an unreadable subdirectory is a warning and the rest of the batch is read',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corroborate-hostile-'))
    writeFileSync(join(dir, 'a.txt'), `Bridge reopens\n\n${STORY}`)
    mkdirSync(join(dir, 'locked'))
    writeFileSync(join(dir, 'locked', 'b.txt'), STORY)
    chmodSync(join(dir, 'locked'), 0o000)
    writeFileSync(join(dir, 'z.txt'), `Bridge reopens again\n\n${STORY}`)
    const results = await readAll([dir])
    chmodSync(join(dir, 'locked'), 0o755)
    expect(documentsOf(results)).toBe(2)
    expect(rulesOf(results)).toEqual(['input-unreadable'])
  },
)

test('a subdirectory that vanishes during the walk is a warning, not the end of the batch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-hostile-'))
  for (const name of ['a1', 'a2', 'a3'])
    writeFileSync(join(dir, `${name}.txt`), `Bridge\n\n${STORY}`)
  mkdirSync(join(dir, 'b'))
  writeFileSync(join(dir, 'b', 'b.txt'), STORY)
  writeFileSync(join(dir, 'c.txt'), `Bridge reopens\n\n${STORY}`)
  const results: InputResult[] = []
  for await (const result of readInputs([join(dir, 'gone'), dir])) {
    // The walk reads one file ahead: after the first article it has not reached b/ yet.
    if (results.length === 1) rmSync(join(dir, 'b'), { recursive: true })
    results.push(result)
  }
  expect(documentsOf(results)).toBe(4)
  expect(rulesOf(results)).toEqual(['input-unreadable', 'input-unreadable'])
})

test('FIFOs and devices are refused with a message instead of hanging or growing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-hostile-'))
  execFileSync('mkfifo', [join(dir, 'pipe.txt')])
  writeFileSync(join(dir, 'a.txt'), `Bridge reopens\n\n${STORY}`)
  const results = await readAll([dir, join(dir, 'pipe.txt'), '/dev/zero'])
  expect(documentsOf(results)).toBe(1)
  expect(rulesOf(results)).toEqual(['input-not-a-file', 'input-not-a-file', 'input-not-a-file'])
})

test('a directory walk follows each real directory once, whatever its links', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-hostile-'))
  mkdirSync(join(dir, 'sub'))
  writeFileSync(join(dir, 'sub', 'a.txt'), `Bridge reopens\n\n${STORY}`)
  symlinkSync('.', join(dir, 'sub', 'self'))
  symlinkSync('..', join(dir, 'sub', 'parent'))
  symlinkSync(join(dir, 'sub'), join(dir, 'again'))
  const results = await readAll([dir])
  expect(documentsOf(results)).toBe(1)
})

test('the size limit applies to the bytes after decompression', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-hostile-'))
  const page = `<html><body>${`<p>${STORY}</p>`.repeat(20_000)}</body></html>`
  writeFileSync(join(dir, 'bomb.html.gz'), gzipSync(page))
  const limits = { ...DEFAULT_LIMITS, maxBytes: 1024 * 1024 }
  const results = await readAll([dir], limits)
  expect(page.length).toBeGreaterThan(limits.maxBytes)
  expect(rulesOf(results)).toEqual(['input-too-large'])
})

test('nesting deeper than the bound is dropped before parsing; its text stays, real pages are untouched', () => {
  const deep = `<html><body>${'<div><span>'.repeat(5_000)}<p>${STORY}</p>${'</span></div>'.repeat(5_000)}<p>After.</p></body></html>`
  const document = parseHtml(deep)
  let depth = 0
  for (
    let node: AnyNode | null = findAll(document, (element) => element.name === 'p')[0] ?? null;
    node;
    node = node.parent
  )
    depth++
  expect(depth).toBeLessThanOrEqual(MAX_DEPTH + 2)
  expect(textOf(document)).toBe(`${STORY}After.`)
  const page =
    '<html><body><div><p>One <b>two</b><br>three</p><img src="x"><script>if (a<b) {}</script></div></body></html>'
  expect(boundNesting(page)).toBe(page)
})

test('the nesting bound counts open tags only: scripts, comments, void and self-closed tags do not deepen', () => {
  // Each level carries what the prescan must not count: tags inside a script (any case) and a comment, a void
  // tag, a self-closed one, a '<' in text. A prescan that missed a level (an upper-case tag, say) would let
  // the page one level past the bound through whole; one that counted too much only costs the slow path.
  const level =
    '<DIV class="x"><Script>"<div><div>"</SCRIPT ><!-- <div> --><br><img/><span/> a < b '
  const nested = (depth: number): string => `${level.repeat(depth)}text${'</div>'.repeat(depth)}`
  expect(boundNesting(nested(MAX_DEPTH))).toBe(nested(MAX_DEPTH))
  expect(boundNesting(nested(MAX_DEPTH + 1))).not.toBe(nested(MAX_DEPTH + 1))
})
