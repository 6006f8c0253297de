import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { expect, test } from 'vitest'
import { type InputResult, documentsFromBytes } from '../../src/ingest/read-inputs.js'
import { runCaptured } from '../helpers.js'

const STORY = 'Le pont rouvre après des réparations, ont déclaré les responsables lundi à Zürich.'

function read(bytes: Uint8Array, name: string): InputResult[] {
  return [...documentsFromBytes(bytes, name, null, null)]
}
function onlyDocument(results: InputResult[]): {
  kind: string
  content: string
  messages: { ruleId: string; reason: string }[]
} {
  const documents = results.flatMap((result) => ('document' in result ? [result.document] : []))
  expect(documents).toHaveLength(1)
  return documents[0] as never
}

test('UTF-16 HTML with a BOM is read as HTML with its text', () => {
  const page = `<!doctype html><html><body><p>${STORY}</p></body></html>`
  for (const [bom, encoding] of [
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ] as const) {
    const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(page, encoding)])
    const document = onlyDocument(read(bytes, 'page.html'))
    expect(document.kind).toBe('html')
    expect(document.content).toBe(page)
  }
})

test('JSONL with a BOM, in UTF-8 or UTF-16, keeps every record', () => {
  const lines = `${JSON.stringify({ id: 'a', text: STORY })}\n${JSON.stringify({ id: 'b', text: STORY })}\n`
  for (const bytes of [
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines)]),
    Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(lines, 'utf-16le')]),
  ]) {
    const results = read(bytes, 'batch.jsonl')
    expect(results.filter((result) => 'document' in result)).toHaveLength(2)
  }
})

test('a declared UTF-7, UTF-16 or UTF-32 that cannot be right for ASCII-compatible bytes is overridden, with a message', () => {
  for (const label of ['utf-7', 'utf-16', 'utf-16le', 'utf-32']) {
    const page = `<html><head><meta charset="${label}"></head><body><p>${STORY}</p></body></html>`
    const document = onlyDocument(read(Buffer.from(page, 'utf8'), 'page.html'))
    expect(document.content, label).toBe(page)
    expect(document.messages.map((message) => message.ruleId)).toContain('input-encoding')
  }
})

test('a few invalid bytes in UTF-8 text become U+FFFD instead of turning the file into windows-1252', () => {
  const good = Buffer.from(`Titre\n\n${STORY} ${STORY}`, 'utf8')
  const bytes = Buffer.concat([
    good.subarray(0, 40),
    Buffer.from([0xff, 0xc3, 0x28]),
    good.subarray(40),
  ])
  const document = onlyDocument(read(bytes, 'story.txt'))
  expect(document.content).toContain('réparations')
  expect(document.content).toContain('Zürich')
  expect(document.content).toContain('\ufffd')
  expect(document.content).not.toContain('Ã')
  expect(document.messages.map((message) => message.ruleId)).toContain('input-encoding')
})

test('two JSONL lines with one id and different texts keep both, with a warning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-ids-'))
  const path = join(dir, 'batch.jsonl')
  writeFileSync(
    path,
    [
      { id: 'same', text: `${STORY} First.` },
      { id: 'same', text: `${STORY} Second, another report.` },
      { id: 'same', text: `${STORY} First.` },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n'),
  )
  const result = await runCaptured(['extract', path, '--format', 'jsonl'])
  const ids = result.stdout
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id)
  expect(ids).toHaveLength(2)
  expect(ids[0]).toBe('same')
  expect(ids[1]).toMatch(/^same~[0-9a-f]+$/)
  expect(result.stderr).toMatch(/duplicate-id/)
})
