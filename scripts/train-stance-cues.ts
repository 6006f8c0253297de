/**
 * Trains the body model's second stage (src/corroborate/stance/cues.ts): agree / disagree / discuss over the
 * cue words of related pairs, on the FNC-1 TRAIN set only, and writes src/corroborate/stance/weights-cues.ts.
 *
 *   nice npx tsx scripts/train-stance-cues.ts                      train on all related train pairs, write
 *   nice npx tsx scripts/train-stance-cues.ts --cv 4 --oof FILE    topic folds (as train-stance.ts --cv 4):
 *                                                                  out-of-fold three-way probabilities
 * Options: --epochs N --hidden N --lr X --dropout X --disagree-weight X --seed N --seeds 1,2,3 (members to write;
 * under --cv run one --seed per process and let scripts/calibrate-stance.ts --cues A,B,C average them)
 */
import { writeFileSync } from 'node:fs'
import { cueInput, cueInputSize } from '../src/corroborate/stance/cues.js'
import * as features from '../src/corroborate/stance/features.js'
import type { FeatureLayout, PreparedText } from '../src/corroborate/stance/features.js'
import { packModel, predict, STANCES, type StanceModel } from '../src/corroborate/stance/model.js'
import { type Example, newModel, train } from './mlp-trainer.js'
import { random } from './perceptron-trainer.js'
import * as fnc from './stance-data.js'
import { numberArgument } from './arguments.js'
import { type Pair } from './stance-data.js'

const argument = numberArgument
const settings = {
  epochs: argument('epochs', 6),
  hidden: argument('hidden', 32),
  lr: argument('lr', 0.05),
  dropout: argument('dropout', 0.3),
  l2: argument('l2', 1e-6),
  disagreeWeight: argument('disagree-weight', 1),
  seed: argument('seed', 1),
  cv: argument('cv', 0),
}
/** The first stage's layout (weights.ts): its dense measures feed this stage too. */
const BODY_LAYOUT: FeatureLayout = { claimBuckets: 2048, textBuckets: 4096, closeBuckets: 2048 }
/** This stage has no hashed blocks: its whole input is the "dense" part of the network. */
const NO_BLOCKS: FeatureLayout = { claimBuckets: 0, textBuckets: 0, closeBuckets: 0 }
const INPUTS = cueInputSize(features.DENSE_FEATURES)
const OOF = process.argv.indexOf('--oof')
/** --seeds 1,2,3: the members of the shipped ensemble, one per seed (default: --seed alone). */
const SEEDS =
  process.argv.indexOf('--seeds') === -1
    ? [settings.seed]
    : (process.argv[process.argv.indexOf('--seeds') + 1] as string).split(',').map(Number)

const started = Date.now()
const pairs = fnc.readPairs()
const texts = fnc.readBodies()
const bodies = new Map([...texts].map(([id, text]) => [id, features.prepareText(text)]))
console.error(`settings ${JSON.stringify(settings)}; ${INPUTS} inputs`)

function examplesOf(chosen: Pair[], idf: Float32Array): Example[] {
  const claims = new Map<string, ReturnType<typeof features.prepareClaim>>()
  return chosen.map((pair) => {
    let claim = claims.get(pair.claim)
    if (claim === undefined) claims.set(pair.claim, (claim = features.prepareClaim(pair.claim)))
    const body = bodies.get(pair.bodyId) as PreparedText
    const { close, dense } = features.stanceInput(claim, body, BODY_LAYOUT, idf)
    const cues = cueInput(pair.claim, texts.get(pair.bodyId) ?? '', body, close, dense)
    return {
      indices: Int32Array.from(cues.indices),
      values: Float32Array.from(cues.values),
      label: STANCES.indexOf(pair.stance),
      group: pair.bodyId,
    }
  })
}

const related = (chosen: Pair[]): Pair[] => chosen.filter((pair) => pair.stance !== 'unrelated')
const classWeights = [1, settings.disagreeWeight, 1, 1]

function fit(trainPairs: Pair[], idf: Float32Array, seed: number): StanceModel {
  const next = random(seed)
  const model = newModel(NO_BLOCKS, INPUTS, settings.hidden, new Float32Array(0), next)
  train(model, examplesOf(related(trainPairs), idf), { ...settings, classWeights }, next)
  return model
}

/** The three related classes' probabilities, renormalised (the unrelated output is never trained). */
const threeWay = (p: number[]): number[] => {
  const sum = (p[0] as number) + (p[1] as number) + (p[2] as number)
  return p.slice(0, 3).map((value) => value / sum)
}

if (settings.cv > 0) {
  const topics = fnc.topicsOf(pairs)
  const rows: string[] = []
  const accuracies: number[] = []
  for (let fold = 0; fold < settings.cv; fold++) {
    const { testPairs, trainPairs } = fnc.topicFold(pairs, topics, settings.cv, fold)
    const idf = fnc.idfOver(
      [...new Set(trainPairs.map((pair) => pair.bodyId))].map(
        (id) => bodies.get(id) as PreparedText,
      ),
      BODY_LAYOUT.textBuckets,
    )
    const model = fit(trainPairs, idf, settings.seed + fold)
    const held = examplesOf(testPairs, idf)
    let right = 0
    let total = 0
    held.forEach((example) => {
      const q = threeWay(
        predict(model, { indices: [...example.indices], values: [...example.values] }),
      )
      rows.push(
        JSON.stringify({ label: STANCES[example.label], fold, q: q.map((v) => +v.toFixed(5)) }),
      )
      if (example.label === 3) return
      total++
      if (q.indexOf(Math.max(...q)) === example.label) right++
    })
    accuracies.push(right / total)
    console.error(`fold ${fold}: three-way accuracy on related pairs ${(right / total).toFixed(3)}`)
    if (OOF !== -1) writeFileSync(process.argv[OOF + 1] as string, rows.join('\n') + '\n')
  }
  console.log(
    `CV ${settings.cv} folds by topic: related three-way accuracy ${fnc.meanSd(accuracies)}`,
  )
} else {
  const idf = fnc.idfOver([...bodies.values()], BODY_LAYOUT.textBuckets)
  const { epochs, hidden, lr, dropout, l2, disagreeWeight } = settings
  const packed = SEEDS.map((seed) => ({
    ...packModel(fit(pairs, idf, seed)),
    trainedWith: { epochs, hidden, lr, dropout, l2, disagreeWeight, seed },
  }))
  const target = new URL('../src/corroborate/stance/weights-cues.ts', import.meta.url)
  writeFileSync(
    target,
    `// Generated by scripts/train-stance-cues.ts — do not edit. Provenance: trained on the related pairs of the FNC-1
// TRAIN set only (FakeNewsChallenge/fnc-1 train_bodies.csv + train_stances.csv, read from ../shared at training
// time, not shipped); counts of a fixed cue-word lexicon (src/corroborate/stance/cues.ts), no text.
import type { PackedStanceModel } from './model.js'

/**
 * The body model's second stage: agree / disagree / discuss among related pairs; an ensemble of members trained
 * alike from different seeds, their probabilities averaged.
 */
export const CUE_STANCE_MODELS: PackedStanceModel[] = ${JSON.stringify(packed)}
`,
  )
  console.error(`wrote ${target.pathname}`)
}
console.error(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
