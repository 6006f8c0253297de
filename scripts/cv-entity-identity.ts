/**
 * Cross-validates the identity rules by ECB+ topic (eval/entity-identity-cv.ts) and prints every
 * configuration's figure: all rules, none, all but one. `npm run eval` prints the chosen figure only.
 * Run: nice npx tsx scripts/cv-entity-identity.ts [--gold-mentions] [--cache FILE] [--keep] [--configs A,B]
 * (--gold-mentions: link the gold name cores, the linking ceiling; --cache: keep the `analyze` output in FILE
 * and read it from there on later runs, while iterating on rules; --keep: leave each configuration's analysis
 * for a look at its errors; --configs: score only these.)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { crossValidateIdentity, ECB } from '../eval/entity-identity-cv.js'
import { analyze } from '../src/index.js'
import type { Analysis } from '../src/types.js'

const SHARED = new URL('../../shared/', import.meta.url).pathname
const argument = (name: string): string | undefined =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined
const cache = argument('--cache')

/** `analyze` over the scorer's JSONL (text as given), or the cached output of an earlier run. */
async function analysisOfEcb(): Promise<Analysis> {
  if (cache !== undefined && existsSync(cache))
    return JSON.parse(readFileSync(cache, 'utf8')) as Analysis
  const lines = execFileSync(
    'python3',
    [join(SHARED, 'tools', 'score_entities.py'), 'jsonl', 'ecbplus', ECB],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  )
  const inputs = lines
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; text: string })
  const analysis = await analyze(inputs.map(({ id, text }) => ({ id, text, clean: true })))
  if (cache !== undefined) writeFileSync(cache, JSON.stringify(analysis))
  return analysis
}

const useGold = process.argv.includes('--gold-mentions')
const result = crossValidateIdentity(await analysisOfEcb(), {
  goldMentions: useGold,
  configs: argument('--configs')?.split(',') ?? null,
  keep: process.argv.includes('--keep'),
})
console.log(`mentions: ${useGold ? 'gold name cores' : 'recognised names'}`)
console.log(JSON.stringify(result, null, 1))
