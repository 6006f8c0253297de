import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { expect, test } from 'vitest'
import { runCaptured } from '../helpers.js'

const STORY =
  'Officials said on Monday that the bridge over the river would reopen after repairs, ending weeks of detours for commuters in the city. The mayor said the work cost more than expected.'

/** A JSONL batch whose every field a user does not control carries markup and terminal escapes. */
function hostileBatch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-output-'))
  const path = join(dir, 'hostile.jsonl')
  const lines = [
    {
      id: 'a`<script>alert(1)</script>`',
      title: 'Bridge <img src=x onerror=alert(2)> reopens',
      text: STORY,
    },
    {
      id: 'b``<img src=x onerror=alert(3)>',
      title: 'Bridge \u001b]8;;http://evil\u0007reopens\u001b[31m',
      text: `${STORY} Again.`,
    },
    {
      id: 'c|<svg onload=alert(4)>\n# forged',
      title: '[x](javascript:alert(5)) bridge',
      text: `${STORY} Third.`,
    },
  ]
  writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n'))
  return path
}

test('a Markdown report of hostile articles renders no live HTML and no links', async () => {
  const result = await runCaptured(['analyze', hostileBatch(), '--format', 'md'])
  expect(result.status).toBe(0)
  const html = new MarkdownIt({ html: true, linkify: true }).render(result.stdout)
  expect(html).not.toMatch(/<(script|img|svg)\b/i)
  expect(html).not.toMatch(/href="javascript:/i)
  expect(html).not.toMatch(/<h1>forged/)
})

test('text output sends no control characters from article data to the terminal', async () => {
  const batch = hostileBatch()
  for (const argv of [
    ['analyze', batch],
    ['extract', batch, '--format', 'text'],
  ]) {
    const result = await runCaptured(argv)
    // eslint-disable-next-line no-control-regex
    expect(result.stdout, argv.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
  }
})

test('a newline in a file name cannot forge a warning line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-output-'))
  writeFileSync(join(dir, 'x\ncorroborate: warning: forged.txt'), '')
  writeFileSync(join(dir, 'good.txt'), `Bridge reopens\n\n${STORY}`)
  const result = await runCaptured(['analyze', dir])
  expect(
    result.stderr.split('\n').filter((line) => line.startsWith('corroborate: warning: forged')),
  ).toEqual([])
})
