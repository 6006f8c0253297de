/**
 * The figures a name-model candidate moves outside its own CV, without a full `npm run eval`:
 * `nice npx tsx scripts/ner-downstream.ts` reads the model at models/ner-en.json.gz (copy a candidate there)
 * and prints the seed story's checks (eval/seeds.ts, without the ECB+/BASIL clustering check), the seed
 * quotes, PolNeAR dev attributions (content F1, speaker) and the ECB+ dev named mentions (untyped, typed,
 * entity CoNLL-F1 within topic), the identity rules' CV by topic (eval/entity-identity-cv.ts, `identity`) and
 * the claim ledger's alignment CV on Emergent and ECB+ (eval/ledger-alignment.ts, `ledger`). CoNLL-2003 test
 * is read only when asked for (NER_DOWNSTREAM=conll): it is evaluation only, reported once for the model
 * chosen, never used to choose. NER_DOWNSTREAM=seeds,polnear,ecb,identity,ledger (the default) limits the parts.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyze } from '../src/index.js'
import type { Analysis, ArticleInput } from '../src/types.js'
import { evaluateAttributions } from '../eval/attributions.js'
import { DATA_DIR } from '../eval/data.js'
import { crossValidateIdentity } from '../eval/entity-identity-cv.js'
import { evaluateAlignment } from '../eval/ledger-alignment.js'
import { seedChecks } from '../eval/seeds.js'
import { seedQuoteResults } from '../test/seed-attributions.js'

const TOOLS = new URL('../../shared/tools/', import.meta.url).pathname
const PARTS = (process.env.NER_DOWNSTREAM ?? 'seeds,polnear,ecb,identity,ledger').split(',')

const python = (script: string, args: string[]): string =>
  execFileSync('python3', [join(TOOLS, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })

if (PARTS.includes('seeds')) {
  for (const [name, value] of Object.entries(await seedChecks([])))
    console.log(`seeds  ${name.padEnd(72)} ${value.toFixed(3)}`)
  const quotes = seedQuoteResults()
  console.log(
    `seeds  quotes with their speaker: ${quotes.filter((quote) => quote.ok).length}/${quotes.length}`,
  )
  for (const quote of quotes.filter((quote) => !quote.ok))
    console.log(
      `       missed: ${quote.speaker} ← ${quote.found ?? 'null'}: ${quote.content.slice(0, 60)}`,
    )
}

if (PARTS.includes('polnear')) {
  const { ours } = evaluateAttributions()
  console.log(
    `polnear dev  all F1 ${ours.all.overlap.F1.toFixed(3)}  direct F1 ${ours.direct.overlap.F1.toFixed(3)}  speaker ${ours.speaker.acc.toFixed(3)}`,
  )
}

/**
 * Runs `analyze` over a scorer's JSONL (text as given, as `npm run eval` does), writes the analysis to a
 * temporary file and returns what `score` prints for it (with the analysis itself).
 */
async function scored<T>(
  lines: string,
  score: (path: string) => T,
): Promise<{ result: T; analysis: Analysis }> {
  const directory = mkdtempSync(join(tmpdir(), 'corroborate-ner-downstream-'))
  try {
    const inputs: ArticleInput[] = lines
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string; text: string })
      .map(({ id, text }) => ({ id, text, clean: true }))
    const path = join(directory, 'analysis.json')
    const analysis = await analyze(inputs)
    writeFileSync(path, JSON.stringify(analysis))
    return { result: score(path), analysis }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

if (PARTS.includes('conll')) {
  const file = join(DATA_DIR, 'conll2003', 'eng.testb')
  const { result: all } = await scored(
    python('score_ner.py', ['jsonl', file]),
    (path) => JSON.parse(python('score_ner.py', ['score', file, path, '--json'])).corroborate.all,
  )
  const main = all['PER/ORG/LOC'].micro
  console.log(
    `conll-2003 test  PER/ORG/LOC F1 ${main.F1.toFixed(3)} (P ${main.P.toFixed(3)} R ${main.R.toFixed(3)})  4 types ${all['4types'].micro.F1.toFixed(3)}  ${['PER', 'ORG', 'LOC', 'MISC'].map((type) => `${type} ${all['4types'][type].F1.toFixed(3)}`).join(' ')}`,
  )
}

if (PARTS.includes('ecb') || PARTS.includes('identity')) {
  const ecbDir = join(DATA_DIR, 'story-clustering-ecbplus')
  const { result: ecb, analysis } = await scored(
    python('score_entities.py', ['jsonl', 'ecbplus', ecbDir]),
    (path) =>
      JSON.parse(
        python('score_entities.py', ['score', 'ecbplus', ecbDir, path, '--json', '--global-ids']),
      ),
  )
  console.log(
    `ecb+ dev  untyped ${ecb.untyped.F1.toFixed(3)}  typed ${ecb.typed.F1.toFixed(3)}  entity CoNLL-F1 topic ${ecb.coref.topic.conll.toFixed(3)}`,
  )
  if (PARTS.includes('identity')) {
    const cv = crossValidateIdentity(analysis)
    console.log(
      `ecb+ dev  identity CV by topic ${cv.mean.toFixed(3)} ± ${cv.sd.toFixed(3)} (${cv.folds.map((fold) => fold.heldOut.toFixed(3)).join(' ')})`,
    )
  }
}

if (PARTS.includes('ledger'))
  for (const figures of evaluateAlignment())
    console.log(
      `ledger ${figures.corpus.padEnd(8)} CV P ${figures.heldOut.precision}  F0.5 ${figures.heldOut.f}  (P ${figures.heldOut.precisionMean.toFixed(4)}, F0.5 ${figures.heldOut.fMean.toFixed(4)})`,
    )
