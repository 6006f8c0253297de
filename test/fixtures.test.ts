import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { extract } from '../src/index.js'

/**
 * One folder per case fixed (test/fixtures/<stage>/<case>/input.html|txt beside expected.json): the fields
 * of the Article that case is about. A missing expected.json is written; UPDATE=1 rewrites them all, and the
 * diff is reviewed.
 */
const ROOT = new URL('./fixtures/metadata', import.meta.url).pathname
const FIELDS = [
  'url',
  'title',
  'authors',
  'site',
  'publisher',
  'published',
  'updated',
  'text',
] as const

for (const name of readdirSync(ROOT).sort()) {
  test(`metadata fixture: ${name}`, () => {
    const dir = join(ROOT, name)
    const html = join(dir, 'input.html')
    const input = existsSync(html)
      ? { html: readFileSync(html, 'utf8') }
      : { text: readFileSync(join(dir, 'input.txt'), 'utf8') }
    const article = extract(input)
    const actual = Object.fromEntries(FIELDS.map((field) => [field, article[field]]))
    const file = join(dir, 'expected.json')
    if (process.env.UPDATE === '1' || !existsSync(file))
      writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`)
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')))
  })
}
