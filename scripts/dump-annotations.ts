/**
 * Writes annotateArticle's output for every text of the corpora it is checked on (PolNeAR dev, ECB+ dev,
 * BASIL, the seed folder extracted without annotation, and the annotation bench's 300 repeated and its read-once
 * windows, bench/annotate-windows.ts) as JSON lines, one text a line, so that a change meant
 * to keep annotations as they are (a speed-up) can be checked byte for byte: run it before and after and
 * compare the files. Usage: tsx scripts/dump-annotations.ts OUT.jsonl
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { dataPath, readJsonLines } from '../eval/data.js'
import { annotateArticle } from '../src/nlp/annotate.js'
import { extract } from '../src/pipeline.js'
import { ecbTexts, freshWindows, repeatedWindows } from '../bench/annotate-windows.js'

const out = process.argv[2]
if (out === undefined) throw new Error('Usage: tsx scripts/dump-annotations.ts OUT.jsonl')

function* texts(): Generator<[string, string]> {
  const polnear = dataPath('quote-attribution-polnear', 'dev', 'text')
  for (const name of readdirSync(polnear).sort())
    yield [`polnear/${name}`, readFileSync(join(polnear, name), 'utf8')]
  for (const row of readJsonLines<{ doc_id: string; text: string }>(
    'story-clustering-ecbplus',
    'documents.jsonl',
  ))
    yield [`ecbplus/${row.doc_id}`, row.text]
  for (const [index, row] of readJsonLines<{ text?: string }>(
    'story-clustering-basil',
    'documents.jsonl',
  ).entries())
    if (typeof row.text === 'string') yield [`basil/${index}`, row.text]
  const seeds = new URL('../examples/aurus-gift', import.meta.url).pathname
  for (const name of readdirSync(seeds).sort())
    yield [`seed/${name}`, extract(readFileSync(join(seeds, name)), { annotate: false }).text]
  const ecb = ecbTexts()
  for (const [index, text] of repeatedWindows(ecb, 300).entries()) yield [`bench/${index}`, text]
  for (const [index, text] of freshWindows(ecb).entries()) yield [`bench-once/${index}`, text]
}

const lines: string[] = []
for (const [id, text] of texts()) lines.push(JSON.stringify({ id, ...annotateArticle({ text }) }))
writeFileSync(out, `${lines.join('\n')}\n`)
console.log(`${lines.length} texts annotated into ${out}`)
