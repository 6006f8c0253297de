import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import { documentsFromBytes, readInputs, type InputResult } from './read-inputs.js'

async function readAll(paths: string[]): Promise<InputResult[]> {
  const results: InputResult[] = []
  for await (const result of readInputs(paths)) results.push(result)
  return results
}

const STORY =
  'Officials said on Monday that the bridge would reopen after repairs, ending weeks of detours for commuters in the city.'

test('a garbage file among the inputs gives one clear problem and the others are still read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-'))
  writeFileSync(join(dir, 'a.txt'), `Bridge reopens\n\n${STORY}`)
  writeFileSync(join(dir, 'b.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]))
  writeFileSync(join(dir, 'c.html.gz'), gzipSync(`<html><body><p>${STORY}</p></body></html>`))
  writeFileSync(join(dir, 'd.txt'), '')
  const results = await readAll([dir])
  const problems = results.flatMap((result) => ('problem' in result ? [result.problem] : []))
  const documents = results.flatMap((result) => ('document' in result ? [result.document] : []))
  expect(documents.map((document) => document.kind)).toEqual(['text', 'html'])
  expect(problems.map((problem) => problem.ruleId).sort()).toEqual(['input-binary', 'input-empty'])
  expect(problems.find((problem) => problem.ruleId === 'input-binary')?.input).toBe(
    join(dir, 'b.bin'),
  )
})

test('a malformed JSONL line is reported with its line number; the other lines are read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-'))
  const file = join(dir, 'feed.jsonl')
  writeFileSync(
    file,
    [
      JSON.stringify({ id: 'a1', text: STORY }),
      '{"id": "broken',
      JSON.stringify({ id: 'a3', html: `<p>${STORY}</p>` }),
    ].join('\n'),
  )
  const results = await readAll([file])
  expect(results.flatMap((result) => ('document' in result ? [result.document.id] : []))).toEqual([
    'a1',
    'a3',
  ])
  expect(results.flatMap((result) => ('problem' in result ? [result.problem.input] : []))).toEqual([
    `${file}:2`,
  ])
})

test('a missing path is a problem naming it', async () => {
  const results = await readAll(['/nonexistent/corroborate.txt'])
  expect(results).toEqual([
    {
      problem: expect.objectContaining({
        input: '/nonexistent/corroborate.txt',
        ruleId: 'input-unreadable',
      }),
    },
  ])
})

test('a store given as an input is named in the problem safely: a file name with a line break is quoted', () => {
  const header = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(84)])
  const [result] = [...documentsFromBytes(header, 'news\nforged.db', null, null)]
  expect(result).toEqual({
    problem: {
      input: 'news\nforged.db',
      ruleId: 'input-binary',
      reason:
        'Unexpected SQLite database, expected HTML, text or JSONL; a store is given with --db "news\\nforged.db"',
    },
  })
})
