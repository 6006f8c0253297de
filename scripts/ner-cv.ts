/**
 * Held-out figures for the name recogniser and its after-tagger rules (issue 16): `nice npx tsx scripts/ner-cv.ts`.
 *
 * - ner-train, cross-validated by document (a GUM or re3d file, or 25 consecutive tweets of the Broad Twitter
 *   Corpus): each fold's tagger is trained on the other folds, then `recognizeNames` reads the held-out texts as
 *   a user's text (words joined by spaces, sentences by line breaks); exact span and type, PER/ORG/LOC, micro
 *   F1 per fold, mean ± sd over folds, for all texts, the edited prose (GUM + re3d) and the tweets.
 * - the ECB+ dev entity layer (named mentions, ../shared/tools/score_entities.py), read by the shipped model.
 * - CoNLL-2003 test, printed only (evaluation: nothing here is chosen by it).
 *
 * Rows: the shipped rules (`NAME_RULES`), all rules, none, and each rule of `ALL_NAME_RULES` left out of all;
 * `NER_CV_CONFIGS=shipped,none` limits the rows. `NER_CV_WRITE=models/ner-en.json.gz` writes the shipped
 * rules' ner-train figures into that model file (`crossValidation`, printed by `npm run eval`); a config
 * written `+rule` (or `+rule+rule`) is the shipped rules and those, for a candidate rule's paired comparison.
 * Fold models are cached in $NER_CV_CACHE (default /tmp/corroborate-ner-cv) under $NER_CV_TAG; NER_CV_FOLDS=1
 * prints each fold's figures (for paired comparisons of two models over the same folds) and per type (PER,
 * ORG, LOC). NER_CV_CONLL=0 and NER_CV_ECB=0 skip those corpora (CoNLL is evaluation only: leave it unread while
 * choosing).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type NerModel, parseModel, serializeModel } from '../src/nlp/ner/model.js'
import {
  ALL_NAME_RULES,
  NAME_RULES,
  type NameRule,
  recognizeNames,
} from '../src/nlp/ner/recognize.js'
import type { TrainingText } from '../src/nlp/ner/perceptron.js'
import { DATA_DIR } from '../eval/data.js'
import {
  FOLDS,
  foldOf,
  foldTrainingTexts,
  groupedNerTrain,
  heldOutTexts,
  meanSd,
  prf,
} from './ner-folds.js'
import { EPOCHS, PROVENANCE, buildGazetteer, trainModelOn } from './train-ner.js'

const TOOLS = new URL('../../shared/tools/', import.meta.url).pathname
const CACHE = process.env.NER_CV_CACHE ?? '/tmp/corroborate-ner-cv'
const TAG = process.env.NER_CV_TAG ?? 'current'
const MAIN_TYPES = new Set(['PER', 'ORG', 'LOC'])
const TYPE_CODE: Record<string, string> = {
  person: 'PER',
  organization: 'ORG',
  place: 'LOC',
  other: 'MISC',
}

function foldModel(
  fold: number,
  train: TrainingText[],
  gazetteer: NerModel['gazetteer'],
): NerModel {
  mkdirSync(CACHE, { recursive: true })
  const file = join(CACHE, `${TAG}-fold${fold}.json.gz`)
  if (!existsSync(file)) {
    console.error(`training fold ${fold} on ${train.length} texts`)
    const weights = trainModelOn(train, gazetteer, EPOCHS)
    writeFileSync(file, serializeModel({ weights, gazetteer, provenance: PROVENANCE }))
  }
  return parseModel(readFileSync(file))
}

function configs(): { name: string; rules: Set<NameRule> }[] {
  const all = [
    { name: 'shipped', rules: new Set(NAME_RULES) },
    { name: 'full', rules: new Set(ALL_NAME_RULES) },
    { name: 'none', rules: new Set<NameRule>() },
    ...ALL_NAME_RULES.map((rule) => ({
      name: `-${rule}`,
      rules: new Set(ALL_NAME_RULES.filter((other) => other !== rule)),
    })),
  ]
  const wanted = process.env.NER_CV_CONFIGS?.split(',')
  if (wanted === undefined) return all
  // "+rule": the shipped rules and that one (a candidate rule's paired comparison).
  const added = wanted
    .filter((name) => name.startsWith('+'))
    .map((name) => ({
      name,
      rules: new Set([...NAME_RULES, ...(name.slice(1).split('+') as NameRule[])]),
    }))
  return [...all.filter((config) => wanted.includes(config.name)), ...added]
}

function predictedKeys(text: string, model: NerModel, rules: Set<NameRule>): Set<string> {
  return new Set(
    recognizeNames(text, model, undefined, rules).map(
      (mention) => `${mention.start}:${mention.end}:${TYPE_CODE[mention.type] ?? 'MISC'}`,
    ),
  )
}

function tally(
  gold: Set<string>,
  predicted: Set<string>,
  types: Set<string> = MAIN_TYPES,
): [number, number, number] {
  const main = (key: string): boolean => types.has(key.split(':')[2] as string)
  let correct = 0
  let predictedCount = 0
  let goldCount = 0
  for (const key of predicted)
    if (main(key)) {
      predictedCount++
      if (gold.has(key)) correct++
    }
  for (const key of gold) if (main(key)) goldCount++
  return [correct, predictedCount, goldCount]
}

function python(script: string, args: string[]): string {
  return execFileSync('python3', [join(TOOLS, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  })
}

/** Named-mention F1 (untyped, typed) on the ECB+ dev entity layer, or PER/ORG/LOC and 4-type F1 on CoNLL. */
function corpusScores(
  kind: 'ecb' | 'conll',
  model: NerModel,
  rules: Set<NameRule>,
  docs: { id: string; text: string }[],
): [number, number] {
  const peer: Record<string, [number, number, string][]> = {}
  for (const doc of docs)
    peer[doc.id] = recognizeNames(doc.text, model, undefined, rules)
      .filter((mention) => kind === 'conll' || mention.type !== 'other')
      .map((mention) => [
        mention.start,
        mention.end,
        kind === 'conll' ? (TYPE_CODE[mention.type] ?? 'MISC') : mention.type,
      ])
  const file = join(CACHE, `peer-${kind}-${process.pid}.json`)
  writeFileSync(file, JSON.stringify(peer))
  if (kind === 'ecb') {
    const result = JSON.parse(
      python('score_entities.py', [
        'peer',
        'ecbplus',
        join(DATA_DIR, 'story-clustering-ecbplus'),
        file,
        '--json',
      ]),
    )
    return [result.untyped.F1, result.typed.F1]
  }
  const empty = join(CACHE, `empty-analysis-${process.pid}.json`)
  writeFileSync(empty, JSON.stringify({ articles: [], stories: [] }))
  const result = JSON.parse(
    python('score_ner.py', [
      'score',
      join(DATA_DIR, 'conll2003', 'eng.testb'),
      empty,
      '--peer',
      `cv=${file}`,
      '--json',
    ]),
  )
  return [result.cv.all['PER/ORG/LOC'].micro.F1, result.cv.all['4types'].micro.F1]
}

const { gazetteer, countries } = buildGazetteer()
const texts = groupedNerTrain(countries)
const heldOut = heldOutTexts(texts)
const models = Array.from({ length: FOLDS }, (_, fold) =>
  foldModel(fold, foldTrainingTexts(texts, fold), gazetteer),
)
const shipped = process.env.NER_CV_SHIPPED
  ? parseModel(readFileSync(process.env.NER_CV_SHIPPED))
  : (await import('../src/nlp/ner/model.js')).defaultModel()
const readDocs = (lines: string): { id: string; text: string }[] =>
  lines
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; text: string })
const ecbDocs = readDocs(
  python('score_entities.py', ['jsonl', 'ecbplus', join(DATA_DIR, 'story-clustering-ecbplus')]),
)
const conllDocs = readDocs(
  python('score_ner.py', ['jsonl', join(DATA_DIR, 'conll2003', 'eng.testb')]),
)

const fmt = (value: number): string => value.toFixed(3)
console.log(
  `config                 | ner-train CV all  | prose (GUM+re3d)  | tweets            | ECB+ untyped typed | CoNLL (report only) P/O/L 4types`,
)
for (const config of configs()) {
  const perFold = {
    all: [] as number[],
    news: [] as number[],
    btc: [] as number[],
    caps: [] as number[],
  }
  /** Per type (PER, ORG, LOC), F1 over all held-out texts, per fold (printed with NER_CV_FOLDS=1). */
  const byType = new Map([...MAIN_TYPES].map((type) => [type, [] as number[]]))
  for (let fold = 0; fold < FOLDS; fold++) {
    const sums = { all: [0, 0, 0], news: [0, 0, 0], btc: [0, 0, 0], caps: [0, 0, 0] }
    const typeSums = new Map([...MAIN_TYPES].map((type) => [type, [0, 0, 0]]))
    for (const text of heldOut.filter((item) => foldOf(item.group) === fold)) {
      const predicted = predictedKeys(text.text, models[fold] as NerModel, config.rules)
      const counts = tally(text.gold, predicted)
      for (const [type, typeSum] of typeSums)
        tally(text.gold, predicted, new Set([type])).forEach(
          (count, index) => (typeSum[index] = (typeSum[index] as number) + count),
        )
      for (const key of ['all', text.news ? 'news' : 'btc'] as const)
        counts.forEach((count, index) => (sums[key][index] = (sums[key][index] as number) + count))
      // The headline proxy: the prose written wholly in capitals (where that keeps every offset), as
      // wire headlines and datelines are; ner-train has almost none of its own.
      const capitals = text.text.toUpperCase()
      if (text.news && capitals.length === text.text.length)
        tally(text.gold, predictedKeys(capitals, models[fold] as NerModel, config.rules)).forEach(
          (count, index) => (sums.caps[index] = (sums.caps[index] as number) + count),
        )
    }
    for (const key of ['all', 'news', 'btc', 'caps'] as const)
      perFold[key].push(prf(...(sums[key] as [number, number, number])))
    for (const [type, typeSum] of typeSums)
      byType.get(type)?.push(prf(...(typeSum as [number, number, number])))
  }
  const cell = (values: number[]): string => {
    const { mean, sd } = meanSd(values)
    return `${fmt(mean)} ± ${fmt(sd)}`
  }
  const [ecbUntyped, ecbTyped] =
    process.env.NER_CV_ECB === '0' ? [0, 0] : corpusScores('ecb', shipped, config.rules, ecbDocs)
  const [conllMain, conll4] =
    process.env.NER_CV_CONLL === '0'
      ? [0, 0]
      : corpusScores('conll', shipped, config.rules, conllDocs)
  const out = process.env.NER_CV_WRITE
  if (config.name === 'shipped' && out !== undefined) {
    // The shipped rules' held-out figures go into the model file, for `npm run eval` to print.
    const model = parseModel(readFileSync(out))
    model.crossValidation = {
      folds: FOLDS,
      all: meanSd(perFold.all),
      prose: meanSd(perFold.news),
      tweets: meanSd(perFold.btc),
    }
    writeFileSync(out, serializeModel(model))
  }
  if (process.env.NER_CV_FOLDS === '1')
    console.error(
      `${config.name} per fold: all ${perFold.all.map(fmt).join(' ')}; prose ${perFold.news.map(fmt).join(' ')}; tweets ${perFold.btc.map(fmt).join(' ')}; prose in capitals ${perFold.caps.map(fmt).join(' ')}; ${[...byType].map(([type, values]) => `${type} ${values.map(fmt).join(' ')}`).join('; ')}`,
    )
  console.log(
    `${config.name.padEnd(22)} | ${cell(perFold.all)} | ${cell(perFold.news)} | ${cell(perFold.btc)} | ${fmt(ecbUntyped)} ${fmt(ecbTyped)}        | ${fmt(conllMain)} ${fmt(conll4)} | capitals ${cell(perFold.caps)}`,
  )
}
