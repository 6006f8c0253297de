/**
 * Trains the stance model on the FNC-1 TRAIN set only (../shared/data/stance-fnc1/train, read at run time,
 * never copied) and writes src/corroborate/stance/weights.ts (numbers only: hashed buckets, no vocabulary).
 *
 *   nice npx tsx scripts/train-stance.ts            train on all of train, write the weights
 *   nice npx tsx scripts/train-stance.ts --cv 4     cross-validation holding out whole topics (no write):
 *                                                   new claims and new bodies, as in the competition test
 *
 * Options: --epochs N --hidden N --lr X --dropout X --augment X (share of pairs also seen as lead-only
 * texts, so that headlines and short texts are in the training distribution) --seed N --disagree-weight X
 * --short (the short-text model, weights-short.ts) --out FILE --claim-buckets N --text-buckets N
 * --close-buckets N (0 leaves a block out) --folds N (run only the first N of the --cv folds) --oof FILE
 * --seeds 1,2 (an ensemble of one model per seed, averaged) --append (add the members to the ensemble already
 * in the body weights file, for members trained with other settings).
 * The shipped weights: `--epochs 4 --hidden 48 --term-buckets 65536` (weights.ts, then scripts/calibrate-stance.ts for
 * BODY_OFFSETS) and
 * `--short --epochs 4 --hidden 32 --disagree-weight 2` (weights-short.ts).
 * The FNC-1 competition test half is never read here; it is evaluation only (eval/stance.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { scoreStances } from '../eval/stance-metrics.js'
import {
  closeSentences,
  DENSE_FEATURES,
  type FeatureLayout,
  TERM_FEATURES,
  type PreparedText,
  prepareClaim,
  prepareText,
  stanceInput,
} from '../src/corroborate/stance/features.js'
import {
  type PackedStanceModel,
  packModel,
  predictMean,
  STANCES,
  type Stance,
  type StanceModel,
} from '../src/corroborate/stance/model.js'
import { numberArgument } from './arguments.js'
import { type Example, newModel, train } from './mlp-trainer.js'
import { random } from './perceptron-trainer.js'
import {
  idfOver,
  meanSd,
  type Pair,
  readBodies,
  readPairs,
  termIdfOver,
  topicFold,
  topicsOf,
} from './stance-data.js'
/** --short: the model for headlines and other short texts, trained on (claim, first sentence of the body). */
const SHORT = process.argv.includes('--short')
const OUT = new URL(
  SHORT ? '../src/corroborate/stance/weights-short.ts' : '../src/corroborate/stance/weights.ts',
  import.meta.url,
)

const argument = numberArgument
function seedsArgument(): number[] {
  const at = process.argv.indexOf('--seeds')
  if (at !== -1) return (process.argv[at + 1] as string).split(',').map(Number)
  return [argument('seed', 1)]
}
const settings = {
  epochs: argument('epochs', 8),
  hidden: argument('hidden', 48),
  lr: argument('lr', 0.05),
  dropout: argument('dropout', 0.3),
  l2: argument('l2', 1e-6),
  augment: argument('augment', 0.3),
  seed: argument('seed', 1),
  /** --seeds 1,2: an ensemble, one model per seed, probabilities averaged (weights.ts holds them all). */
  seeds: seedsArgument(),
  cv: argument('cv', 0),
  /** --folds N: run only the first N of the --cv folds (a quicker look under load). */
  folds: argument('folds', 0),
  /** Weight of a 'disagree' example's loss: the class is 2% of pairs and macro-F1 weighs it as a quarter. */
  disagreeWeight: argument('disagree-weight', 1),
  /**
   * Buckets of the hashed term idf table (fitted on the training bodies and claims) that the exact-stem
   * TF-IDF and negation-near-claim measures read (features.ts TERM_FEATURES); 0 leaves them out.
   */
  termBuckets: argument('term-buckets', 0),
}
const DENSE = DENSE_FEATURES + (settings.termBuckets > 0 ? TERM_FEATURES : 0)
/** The term idf table of these training pairs (empty without --term-buckets). */
const termTableOf = (trainPairs: Pair[]): Float32Array =>
  settings.termBuckets === 0
    ? new Float32Array(0)
    : termIdfOver(
        [...new Set(trainPairs.map((pair) => pair.bodyId))].map(
          (id) => bodies.get(id) as PreparedText,
        ),
        [...new Set(trainPairs.map((pair) => pair.claim))],
        settings.termBuckets,
      )
const DISAGREE = STANCES.indexOf('disagree')
const OUT_FILE = process.argv.indexOf('--out')
const LAYOUT: FeatureLayout = {
  claimBuckets: argument('claim-buckets', 2048),
  textBuckets: argument('text-buckets', SHORT ? 2048 : 4096),
  closeBuckets: argument('close-buckets', SHORT ? 256 : 2048),
}

function examplesOf(
  pairs: Pair[],
  bodies: Map<number, PreparedText>,
  leads: Map<number, PreparedText>,
  idf: Float32Array,
  termIdf: Float32Array,
  augment: number,
  next: () => number,
): Example[] {
  const claims = new Map<string, ReturnType<typeof prepareClaim>>()
  const examples: Example[] = []
  const add = (pair: Pair, text: PreparedText): void => {
    let claim = claims.get(pair.claim)
    if (claim === undefined) claims.set(pair.claim, (claim = prepareClaim(pair.claim)))
    const { input } = stanceInput(claim, text, LAYOUT, idf, termIdf)
    examples.push({
      indices: Int32Array.from(input.indices),
      values: Float32Array.from(input.values),
      label: STANCES.indexOf(pair.stance),
      group: pair.bodyId,
    })
  }
  for (const pair of pairs) {
    if (!SHORT) add(pair, bodies.get(pair.bodyId) as PreparedText)
    if (SHORT || next() < augment) add(pair, leads.get(pair.bodyId) as PreparedText)
    if (SHORT && pair.stance !== 'unrelated') {
      // The body's sentence nearest the claim carries its stance more often than the lead does ("… is a hoax").
      let claim = claims.get(pair.claim)
      if (claim === undefined) claims.set(pair.claim, (claim = prepareClaim(pair.claim)))
      const nearest = closeSentences(claim, bodies.get(pair.bodyId) as PreparedText)[0]
      const text = texts.get(pair.bodyId) ?? ''
      if (nearest !== undefined && nearest.start > 0)
        add(pair, prepareText(text.slice(nearest.start, nearest.end)))
    }
  }
  return examples
}

const classWeights = STANCES.map((_, c) => (c === DISAGREE ? settings.disagreeWeight : 1))
const fit = (model: StanceModel, examples: Example[], next: () => number): void =>
  train(model, examples, { ...settings, classWeights }, next)

/** The mean of the members' probabilities, as verify() combines the shipped models. */
const ensembleOf = (models: StanceModel[], examples: Example[]): number[][] =>
  examples.map((example) =>
    predictMean(models, { indices: [...example.indices], values: [...example.values] }),
  )

/** --oof FILE: out-of-fold probabilities of the CV runs, JSONL {label, p}, for scripts/calibrate-stance.ts. */
const OOF = process.argv.indexOf('--oof')
const oofRows: string[] = []

const started = Date.now()
const pairs = readPairs()
const texts = readBodies()
const bodies = new Map([...texts].map(([id, text]) => [id, prepareText(text)]))
const leads = new Map(
  [...texts].map(([id, text]) => {
    const first = prepareText(text).sentences[0]
    return [id, prepareText(first === undefined ? '' : text.slice(first.start, first.end))]
  }),
)
console.error(
  `read ${pairs.length} pairs, ${bodies.size} bodies in ${(Date.now() - started) / 1000} s`,
)
console.error(`settings ${JSON.stringify(settings)}`)

if (settings.cv > 0) {
  const results: ReturnType<typeof scoreStances>[] = []
  const topics = topicsOf(pairs)
  console.error(`${new Set(topics.ofClaim.values()).size} claim topics`)
  for (let fold = 0; fold < (settings.folds || settings.cv); fold++) {
    const { testPairs, trainPairs } = topicFold(pairs, topics, settings.cv, fold)
    const idf = idfOver(
      [...new Set(trainPairs.map((pair) => pair.bodyId))].map(
        (id) => bodies.get(id) as PreparedText,
      ),
      LAYOUT.textBuckets,
    )
    const termIdf = termTableOf(trainPairs)
    const models = settings.seeds.map((seed) => {
      const next = random(seed + fold)
      const model = newModel(LAYOUT, DENSE, settings.hidden, idf, next)
      fit(model, examplesOf(trainPairs, bodies, leads, idf, termIdf, settings.augment, next), next)
      return model
    })
    const held = examplesOf(testPairs, bodies, leads, idf, termIdf, 0, random(0))
    const probabilities = ensembleOf(models, held)
    if (OOF !== -1)
      probabilities.forEach((p, index) =>
        oofRows.push(
          JSON.stringify({
            label: (testPairs[index] as Pair).stance,
            fold,
            p: p.map((v) => +v.toFixed(5)),
          }),
        ),
      )
    const scores = scoreStances(
      testPairs.map((pair) => pair.stance),
      probabilities.map((p) => STANCES[p.indexOf(Math.max(...p))] as Stance),
    )
    results.push(scores)
    if (OOF !== -1) writeFileSync(process.argv[OOF + 1] as string, oofRows.join('\n') + '\n')
    console.error(
      `fold ${fold}: FNC ${scores.fnc.toFixed(3)} macro-F1 ${scores.macroF1.toFixed(3)} F1 ${STANCES.map((s) => scores.f1[s].toFixed(3)).join('/')}`,
    )
  }
  console.log(
    `CV ${results.length} of ${settings.cv} folds by topic (new claims and bodies): FNC ${meanSd(results.map((r) => r.fnc))}, macro-F1 ${meanSd(results.map((r) => r.macroF1))}`,
  )
} else {
  const idf = idfOver([...bodies.values()], LAYOUT.textBuckets)
  const termIdf = termTableOf(pairs)
  const packed = settings.seeds.map((seed) => {
    const next = random(seed)
    const model = newModel(LAYOUT, DENSE, settings.hidden, idf, next)
    if (termIdf.length > 0) model.termIdf = termIdf
    fit(model, examplesOf(pairs, bodies, leads, idf, termIdf, settings.augment, next), next)
    const { epochs, hidden, lr, dropout, l2, augment, disagreeWeight, termBuckets } = settings
    const trainedWith = {
      epochs,
      hidden,
      lr,
      dropout,
      l2,
      augment,
      disagreeWeight,
      termBuckets,
      seed,
    }
    return { ...packModel(model), trainedWith }
  })
  const target =
    OUT_FILE === -1
      ? OUT
      : new URL(process.argv[OUT_FILE + 1] as string, `file://${process.cwd()}/`)
  /**
   * --append: add the new members to the ensemble already in the target file (members trained with other
   * settings); without it the file holds only this run's members.
   */
  const earlier: PackedStanceModel[] =
    !SHORT && process.argv.includes('--append')
      ? (JSON.parse(
          readFileSync(target, 'utf8').split('STANCE_MODELS: PackedStanceModel[] = ')[1] as string,
        ) as PackedStanceModel[])
      : []
  const members = [...earlier, ...packed]
  writeFileSync(
    target,
    `// Generated by scripts/train-stance.ts — do not edit. Provenance: trained on the FNC-1 TRAIN set only
// (FakeNewsChallenge/fnc-1 train_bodies.csv + train_stances.csv, 49,972 pairs, read from ../shared at training
// time, not shipped)${SHORT ? '; short-text model: claims against the first sentence of each body and against the body sentence nearest the claim' : ''}; hashed stem counts (no vocabulary, no text). ${SHORT ? `Settings: ${JSON.stringify(settings)}` : `${members.length} member(s), probabilities averaged; each member's settings are its trainedWith`}.
import type { PackedStanceModel } from './model.js'

${
  SHORT
    ? `export const SHORT_TEXT_STANCE_MODEL: PackedStanceModel = ${JSON.stringify(packed[0])}`
    : `/** An ensemble: verify() averages the members' probabilities. */\nexport const STANCE_MODELS: PackedStanceModel[] = ${JSON.stringify(members)}`
}
`,
  )
  console.error(
    `wrote ${target.pathname} (${members.length} member(s), ${members.reduce((sum, model) => sum + model.data.length, 0)} base64 chars)`,
  )
}
console.error(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
