// The peer of the speed benchmark: @mozilla/readability over jsdom, one process for all pages, the way a
// Node user would run it. Prints one JSON line per page (like `corroborate extract --format jsonl`).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Readability } from '@mozilla/readability'
import { JSDOM, VirtualConsole } from 'jsdom'

const dir = process.argv[2]
const virtualConsole = new VirtualConsole() // pages' CSS errors are not ours to print
for (const name of readdirSync(dir)
  .filter((file) => file.endsWith('.gz'))
  .sort()) {
  const html = gunzipSync(readFileSync(join(dir, name))).toString('utf8')
  const dom = new JSDOM(html, { virtualConsole })
  const article = new Readability(dom.window.document).parse()
  process.stdout.write(`${JSON.stringify({ id: name, text: article?.textContent ?? '' })}\n`)
  dom.window.close()
}
