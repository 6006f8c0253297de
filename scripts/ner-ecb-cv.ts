/**
 * Does the ECB+ entity layer help as training data? (issue 16): `nice npx tsx scripts/ner-ecb-cv.ts`.
 *
 * Five folds, crossed: fold k's tagger trains on the ner-train texts outside ner-train fold k (scripts/ner-folds.ts,
 * by document, as scripts/ner-cv.ts) and, for a candidate, the ECB+ judged sentences (scripts/ner-ecbplus.ts) of
 * the topics outside ECB+ fold k (topics by number dealt in turn, as scripts/entity-folds.py). Each fold model is
 * scored on both held-out parts through `recognizeNames` (the shipped rules), as a user's text:
 * - ner-train fold k: PER/ORG/LOC exact span F1, all / prose (GUM + re3d) / tweets, and per type;
 * - ECB+ fold k's documents, whole texts: named-mention F1 untyped and typed as ../shared/tools/score_entities.py
 *   scores them (scripts/ecb-fold-scores.py).
 * The baseline is the shipped recipe on the same folds (ner-train alone, same seed); the shipped model's ECB+
 * figures per fold are printed beside them (trained on all of ner-train, never on ECB+). CoNLL-2003 is not read.
 *
 * NER_ECB_VARIANTS=all:1,named:2 (which judged sentences: all, or those with a named mention; times each ECB+
 * text is seen per pass), NER_ECB_SEEDS=1,2,3 (training orders), NER_CV_CACHE (fold models, default
 * /tmp/corroborate-ner-cv; the baseline's seed-1 folds are ner-cv.ts's `NER_CV_TAG=base-s1`).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type NerModel, defaultModel, parseModel, serializeModel } from '../src/nlp/ner/model.js'
import { NAME_RULES, recognizeNames } from '../src/nlp/ner/recognize.js'
import type { TrainingText } from '../src/nlp/ner/perceptron.js'
import {
  FOLDS,
  type GroupedText,
  type HeldOutText,
  foldOf,
  foldTrainingTexts,
  groupedNerTrain,
  heldOutTexts,
  meanSd,
  prf,
} from './ner-folds.js'
import { ECB_DIR, type EcbSentences, ecbTrainingTexts, readEcbEntities } from './ner-ecbplus.js'
import { EPOCHS, PROVENANCE, buildGazetteer, trainModelOn } from './train-ner.js'

const CACHE = process.env.NER_CV_CACHE ?? '/tmp/corroborate-ner-cv'
const FOLD_SCORES = new URL('./ecb-fold-scores.py', import.meta.url).pathname
const TYPES = ['PER', 'ORG', 'LOC'] as const
const TYPE_CODE: Record<string, string> = { person: 'PER', organization: 'ORG', place: 'LOC' }

/** A training recipe: ner-train alone (the shipped one), or with ECB+ judged sentences. */
interface Recipe {
  name: string
  ecb: { sentences: EcbSentences; repeat: number } | null
}

function recipes(): Recipe[] {
  const variants = (process.env.NER_ECB_VARIANTS ?? 'all:1').split(',').map((spec) => {
    const [sentences = 'all', repeat = '1'] = spec.split(':')
    return {
      name: `ecb-${sentences}-x${repeat}`,
      ecb: { sentences: sentences as EcbSentences, repeat: Number(repeat) },
    }
  })
  return [{ name: 'base', ecb: null }, ...variants]
}

/** ECB+ fold of each topic: topics ordered by number, dealt to the folds in turn. */
function topicFolds(topics: string[]): Map<string, number> {
  const ordered = [...new Set(topics)].sort((a, b) => Number(a) - Number(b))
  return new Map(ordered.map((topic, index) => [topic, index % FOLDS]))
}

function foldModel(
  file: string,
  train: () => TrainingText[],
  seed: number,
  gazetteer: NerModel['gazetteer'],
): NerModel {
  if (!existsSync(file)) {
    const texts = train()
    console.error(`training ${file} on ${texts.length} texts (seed ${seed})`)
    const weights = trainModelOn(texts, gazetteer, EPOCHS, seed)
    writeFileSync(file, serializeModel({ weights, gazetteer, provenance: PROVENANCE }))
  }
  return parseModel(readFileSync(file))
}

/** PER/ORG/LOC exact-span counts [correct, predicted, gold] of one held-out text, over `types`. */
function tally(text: HeldOutText, predicted: Set<string>, types: readonly string[]): number[] {
  const main = (key: string): boolean => types.includes(key.split(':')[2] as string)
  const kept = [...predicted].filter(main)
  return [
    kept.filter((key) => text.gold.has(key)).length,
    kept.length,
    [...text.gold].filter(main).length,
  ]
}

/** ner-train held-out scores of one fold model: all, prose, tweets, and per type. */
function nerTrainScores(model: NerModel, texts: HeldOutText[]): Record<string, number> {
  const sums: Record<string, number[]> = {}
  const add = (key: string, counts: number[]): void => {
    const sum = (sums[key] ??= [0, 0, 0])
    counts.forEach((count, index) => (sum[index] = (sum[index] as number) + count))
  }
  for (const text of texts) {
    const predicted = new Set(
      recognizeNames(text.text, model, undefined, new Set(NAME_RULES)).map(
        (mention) => `${mention.start}:${mention.end}:${TYPE_CODE[mention.type] ?? 'MISC'}`,
      ),
    )
    const counts = tally(text, predicted, TYPES)
    add('all', counts)
    add(text.news ? 'prose' : 'tweets', counts)
    for (const type of TYPES) add(type, tally(text, predicted, [type]))
  }
  return Object.fromEntries(
    Object.entries(sums).map(([key, counts]) => [
      key,
      prf(...(counts as [number, number, number])),
    ]),
  )
}

type Peer = Record<string, [number, number, string][]>

/** The model's person/organization/place names of ECB+ documents, as score_entities.py reads a peer. */
function ecbPredictions(model: NerModel, docs: { id: string; text: string }[], into: Peer): void {
  for (const doc of docs)
    into[doc.id] = recognizeNames(doc.text, model, undefined, new Set(NAME_RULES))
      .filter((mention) => mention.type !== 'other')
      .map((mention) => [mention.start, mention.end, mention.type])
}

const fmt = (value: number): string => value.toFixed(3)
const cell = (values: number[]): string => {
  const { mean, sd } = meanSd(values)
  return `${fmt(mean)} ± ${fmt(sd)} (${values.map(fmt).join(' ')})`
}

mkdirSync(CACHE, { recursive: true })
const { gazetteer, countries } = buildGazetteer()
const nerTrain: GroupedText[] = groupedNerTrain(countries)
const heldOut = heldOutTexts(nerTrain)
const ecbDocs = readEcbEntities().map(({ doc, text }) => ({ id: doc.id, topic: doc.topic, text }))
const ecbFold = topicFolds(ecbDocs.map((doc) => doc.topic))
const seeds = (process.env.NER_ECB_SEEDS ?? '1').split(',').map(Number)

const peers: Record<string, string> = {}
const shippedPeer: Peer = {}
ecbPredictions(defaultModel(), ecbDocs, shippedPeer)
peers.shipped = join(CACHE, `ecb-peer-shipped-${process.pid}.json`)
writeFileSync(peers.shipped, JSON.stringify(shippedPeer))

const nerTrainFigures = new Map<string, Record<string, number>[]>()
for (const seed of seeds)
  for (const recipe of recipes()) {
    const run = `${recipe.name}-s${seed}`
    const peer: Peer = {}
    const folds: Record<string, number>[] = []
    for (let fold = 0; fold < FOLDS; fold++) {
      const model = foldModel(
        join(CACHE, `${run}-fold${fold}.json.gz`),
        () => {
          const texts = foldTrainingTexts(nerTrain, fold)
          if (recipe.ecb === null) return texts
          const ecb = ecbTrainingTexts(
            recipe.ecb.sentences,
            (topic) => ecbFold.get(topic) !== fold,
          ).map((item) => item.text)
          return [...texts, ...Array.from({ length: recipe.ecb.repeat }, () => ecb).flat()]
        },
        seed,
        gazetteer,
      )
      folds.push(
        nerTrainScores(
          model,
          heldOut.filter((text) => foldOf(text.group) === fold),
        ),
      )
      ecbPredictions(
        model,
        ecbDocs.filter((doc) => ecbFold.get(doc.topic) === fold),
        peer,
      )
    }
    nerTrainFigures.set(run, folds)
    peers[run] = join(CACHE, `ecb-peer-${run}-${process.pid}.json`)
    writeFileSync(peers[run], JSON.stringify(peer))
  }

const ecbFigures = JSON.parse(
  execFileSync(
    'python3',
    [
      FOLD_SCORES,
      ECB_DIR,
      String(FOLDS),
      ...Object.entries(peers).map(([name, file]) => `${name}=${file}`),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  ),
) as Record<string, { untyped: number; typed: number; per_type: Record<string, number> }[]>

console.log(
  `shipped model (all ner-train, no ECB+) on the ECB+ folds: untyped ${cell((ecbFigures.shipped ?? []).map((fold) => fold.untyped))}; typed ${cell((ecbFigures.shipped ?? []).map((fold) => fold.typed))}`,
)
for (const [run, folds] of nerTrainFigures) {
  const ecb = ecbFigures[run] ?? []
  const base = run.replace(/^ecb-[^-]+-x\d+/, 'base')
  const diff = (key: 'untyped' | 'typed'): string =>
    run === base
      ? ''
      : ` [vs base ${ecb.map((fold, index) => (fold[key] - (ecbFigures[base]?.[index]?.[key] ?? 0) >= 0 ? '+' : '') + fmt(fold[key] - (ecbFigures[base]?.[index]?.[key] ?? 0))).join(' ')}]`
  const nerDiff = (key: string): string =>
    run === base
      ? ''
      : ` [vs base ${folds.map((fold, index) => ((fold[key] ?? 0) - (nerTrainFigures.get(base)?.[index]?.[key] ?? 0) >= 0 ? '+' : '') + fmt((fold[key] ?? 0) - (nerTrainFigures.get(base)?.[index]?.[key] ?? 0))).join(' ')}]`
  console.log(`${run}:`)
  console.log(`  ECB+ untyped ${cell(ecb.map((fold) => fold.untyped))}${diff('untyped')}`)
  console.log(`  ECB+ typed   ${cell(ecb.map((fold) => fold.typed))}${diff('typed')}`)
  for (const type of ['person', 'organization', 'place'])
    console.log(`  ECB+ ${type.padEnd(12)} ${cell(ecb.map((fold) => fold.per_type[type] ?? 0))}`)
  for (const key of ['all', 'prose', 'tweets', ...TYPES])
    console.log(
      `  ner-train ${key.padEnd(6)} ${cell(folds.map((fold) => fold[key] ?? 0))}${nerDiff(key)}`,
    )
}
