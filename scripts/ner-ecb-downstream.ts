/**
 * The ECB+ figures outside the name tagger's own CV, cross-fitted by topic, for a tagger trained on ECB+
 * (issue 16; scripts/ner-ecb-cv.ts): each ECB+ fold of topics is read by the fold model that never saw those
 * topics, through the path a user runs, so that the figures stay held out.
 * `nice npx tsx scripts/ner-ecb-downstream.ts NAME=CACHE/PREFIX ...` (fold k's model is PREFIX-fold{k}.json.gz,
 * as scripts/ner-ecb-cv.ts caches them, e.g. base=tmp/cv/base-s1 cand=tmp/cv/ecb-named-x1-s1). Per model set:
 * - `analyze` of each fold's documents alone (one batch per fold, the fold's model in place), the analyses put
 *   together: ECB+ named mentions untyped / typed and entity CoNLL-F1 within topic (score_entities.py,
 *   --global-ids as `npm run eval`), and the identity rules' CV by topic (eval/entity-identity-cv.ts);
 * - the claim ledger's ECB+ alignment CV (eval/ledger-alignment.ts), each topic's articles extracted with its
 *   fold's model.
 * A fold's batch is a fifth of ECB+ dev, so the figures are not those of one `analyze` over all of it: compare
 * model sets with each other, not with `npm run eval`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crossValidateIdentity } from '../eval/entity-identity-cv.js'
import { crossValidateAlignment, ecbGroups, type GoldGroup } from '../eval/ledger-alignment.js'
import { analyze } from '../src/index.js'
import { defaultModel, parseModel } from '../src/nlp/ner/model.js'
import type { Analysis } from '../src/types.js'
import { FOLDS } from './ner-folds.js'
import { ECB_DIR, readEcbEntities } from './ner-ecbplus.js'

const SCORER = new URL('../../shared/tools/score_entities.py', import.meta.url).pathname

/** Puts a model file in place of the shipped one for everything that reads `defaultModel()` in this process. */
function useModel(file: string): void {
  Object.defineProperties(
    defaultModel(),
    Object.getOwnPropertyDescriptors(parseModel(readFileSync(file))),
  )
}

const docs = readEcbEntities().map(({ doc, text }) => ({ id: doc.id, topic: doc.topic, text }))
const topics = [...new Set(docs.map((doc) => doc.topic))].sort((a, b) => Number(a) - Number(b))
const foldOfTopic = new Map(topics.map((topic, index) => [topic, index % FOLDS]))

for (const spec of process.argv.slice(2)) {
  const [name, prefix] = spec.split('=') as [string, string]
  const analyses: Analysis[] = []
  const groups = new Map<string, GoldGroup>()
  let order: string[] = []
  for (let fold = 0; fold < FOLDS; fold++) {
    useModel(`${prefix}-fold${fold}.json.gz`)
    const held = docs.filter((doc) => foldOfTopic.get(doc.topic) === fold)
    analyses.push(await analyze(held.map(({ id, text }) => ({ id, text, clean: true }))))
    const all = ecbGroups()
    order = all.map((group) => group.name)
    for (const group of all)
      if (foldOfTopic.get(group.name.replace('ecb+ topic ', '')) === fold)
        groups.set(group.name, group)
  }
  const analysis = {
    ...analyses[0],
    articles: analyses.flatMap((part) => part.articles),
    stories: analyses.flatMap((part, fold) =>
      part.stories.map((story) => ({ ...story, id: `${fold}:${story.id}` })),
    ),
  } as Analysis
  const directory = mkdtempSync(join(tmpdir(), 'corroborate-ner-ecb-downstream-'))
  try {
    const path = join(directory, 'analysis.json')
    writeFileSync(path, JSON.stringify(analysis))
    const scores = JSON.parse(
      execFileSync(
        'python3',
        [SCORER, 'score', 'ecbplus', ECB_DIR, path, '--json', '--global-ids'],
        { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      ),
    )
    console.log(
      `${name}: ecb+ named mentions untyped ${scores.untyped.F1.toFixed(3)} typed ${scores.typed.F1.toFixed(3)}; entity CoNLL-F1 within topic ${scores.coref.topic.conll.toFixed(4)}`,
    )
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
  const identity = crossValidateIdentity(analysis)
  console.log(
    `${name}: identity CV by topic ${identity.mean.toFixed(3)} ± ${identity.sd.toFixed(3)} (${identity.folds.map((fold) => fold.heldOut.toFixed(3)).join(' ')})`,
  )
  const ledger = crossValidateAlignment(
    'ECB+',
    order.map((group) => groups.get(group) as GoldGroup),
  )
  console.log(
    `${name}: ledger ECB+ CV P ${ledger.heldOut.precision} F0.5 ${ledger.heldOut.f} (P ${ledger.heldOut.precisionMean.toFixed(4)}, F0.5 ${ledger.heldOut.fMean.toFixed(4)})`,
  )
}
