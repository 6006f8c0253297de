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
 * The shipped weights: `--epochs 4 --hidden 48` (weights.ts, then scripts/calibrate-stance.ts for
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
  type PreparedText,
  prepareClaim,
  prepareText,
  stanceInput,
} from '../src/corroborate/stance/features.js'
import {
  hiddenOf,
  inputSize,
  outputOf,
  type PackedStanceModel,
  packModel,
  predictMean,
  STANCES,
  type Stance,
  type StanceModel,
} from '../src/corroborate/stance/model.js'
import { fnv1a32 } from '../src/text/hash.js'
import { random, shuffle } from './perceptron-trainer.js'

const DATA = new URL('../../shared/data/stance-fnc1/train/', import.meta.url)
/** --short: the model for headlines and other short texts, trained on (claim, first sentence of the body). */
const SHORT = process.argv.includes('--short')
const OUT = new URL(
  SHORT ? '../src/corroborate/stance/weights-short.ts' : '../src/corroborate/stance/weights.ts',
  import.meta.url,
)

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(process.argv[at + 1])
}
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
}
const DISAGREE = STANCES.indexOf('disagree')
const OUT_FILE = process.argv.indexOf('--out')
const LAYOUT: FeatureLayout = {
  claimBuckets: argument('claim-buckets', 2048),
  textBuckets: argument('text-buckets', SHORT ? 2048 : 4096),
  closeBuckets: argument('close-buckets', SHORT ? 256 : 2048),
}

interface Pair {
  claim: string
  bodyId: number
  stance: Stance
}
const readJsonl = <T>(name: string): T[] =>
  readFileSync(new URL(name, DATA), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)

function idfOver(bodies: PreparedText[]): Float32Array {
  const df = new Float32Array(LAYOUT.textBuckets)
  for (const body of bodies) {
    const seen = new Set<number>()
    for (const stem of body.counts.keys()) seen.add(fnv1a32(stem) % LAYOUT.textBuckets)
    for (const bucket of seen) df[bucket] = (df[bucket] as number) + 1
  }
  return df.map((count) => Math.log((1 + bodies.length) / (1 + count)) + 1)
}

interface Example {
  indices: Int32Array
  values: Float32Array
  label: number
  group: number
}

function examplesOf(
  pairs: Pair[],
  bodies: Map<number, PreparedText>,
  leads: Map<number, PreparedText>,
  idf: Float32Array,
  augment: number,
  next: () => number,
): Example[] {
  const claims = new Map<string, ReturnType<typeof prepareClaim>>()
  const examples: Example[] = []
  const add = (pair: Pair, text: PreparedText): void => {
    let claim = claims.get(pair.claim)
    if (claim === undefined) claims.set(pair.claim, (claim = prepareClaim(pair.claim)))
    const { input } = stanceInput(claim, text, LAYOUT, idf)
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

function newModel(idf: Float32Array, next: () => number): StanceModel {
  const shape = { layout: LAYOUT, dense: DENSE_FEATURES }
  const inputs = inputSize(shape)
  const hidden = settings.hidden
  const gauss = (scale: number): number =>
    Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next()) * scale
  return {
    ...shape,
    hidden,
    w1: Float32Array.from({ length: inputs * hidden }, () => gauss(0.05)),
    b1: new Float32Array(hidden).fill(0.01),
    w2: Float32Array.from({ length: hidden * STANCES.length }, () => gauss(Math.sqrt(2 / hidden))),
    b2: new Float32Array(STANCES.length),
    idf,
  }
}

/** Adagrad on the cross-entropy, dropout on the hidden layer, lazy L2 on the rows an example touches. */
function train(model: StanceModel, examples: Example[], next: () => number): void {
  const { hidden } = model
  const classes = STANCES.length
  const g1 = new Float32Array(model.w1.length).fill(1e-8)
  const gb1 = new Float32Array(hidden).fill(1e-8)
  const g2 = new Float32Array(model.w2.length).fill(1e-8)
  const gb2 = new Float32Array(classes).fill(1e-8)
  const order = examples.map((_, index) => index)
  const dh = new Float32Array(hidden)
  const { lr, l2, dropout } = settings
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, next)
    let loss = 0
    for (const index of order) {
      const example = examples[index] as Example
      const input = { indices: [...example.indices], values: [...example.values] }
      const h = hiddenOf(model, input)
      for (let j = 0; j < hidden; j++)
        h[j] = next() < dropout ? 0 : (h[j] as number) / (1 - dropout)
      const p = outputOf(model, h)
      loss -= Math.log(Math.max(1e-9, p[example.label] as number))
      const scale = example.label === DISAGREE ? settings.disagreeWeight : 1
      const dz = p.map((value, c) => (value - (c === example.label ? 1 : 0)) * scale)
      dh.fill(0)
      for (let j = 0; j < hidden; j++) {
        const hj = h[j] as number
        for (let c = 0; c < classes; c++) {
          const at = j * classes + c
          dh[j] = (dh[j] as number) + (model.w2[at] as number) * (dz[c] as number)
          if (hj === 0) continue
          const grad = hj * (dz[c] as number) + l2 * (model.w2[at] as number)
          g2[at] = (g2[at] as number) + grad * grad
          model.w2[at] = (model.w2[at] as number) - (lr * grad) / Math.sqrt(g2[at] as number)
        }
        if (hj === 0) dh[j] = 0
      }
      for (let c = 0; c < classes; c++) {
        const grad = dz[c] as number
        gb2[c] = (gb2[c] as number) + grad * grad
        model.b2[c] = (model.b2[c] as number) - (lr * grad) / Math.sqrt(gb2[c] as number)
      }
      for (let j = 0; j < hidden; j++) {
        const grad = dh[j] as number
        if (grad === 0) continue
        gb1[j] = (gb1[j] as number) + grad * grad
        model.b1[j] = (model.b1[j] as number) - (lr * grad) / Math.sqrt(gb1[j] as number)
      }
      for (let k = 0; k < example.indices.length; k++) {
        const row = (example.indices[k] as number) * hidden
        const value = example.values[k] as number
        for (let j = 0; j < hidden; j++) {
          const at = row + j
          const grad = (dh[j] as number) * value + l2 * (model.w1[at] as number)
          if (grad === 0) continue
          g1[at] = (g1[at] as number) + grad * grad
          model.w1[at] = (model.w1[at] as number) - (lr * grad) / Math.sqrt(g1[at] as number)
        }
      }
    }
    console.error(`  epoch ${epoch + 1}: mean loss ${(loss / order.length).toFixed(4)}`)
  }
}

/** The mean of the members' probabilities, as verify() combines the shipped models. */
const ensembleOf = (models: StanceModel[], examples: Example[]): number[][] =>
  examples.map((example) =>
    predictMean(models, { indices: [...example.indices], values: [...example.values] }),
  )

/** --oof FILE: out-of-fold probabilities of the CV runs, JSONL {label, p}, for scripts/calibrate-stance.ts. */
const OOF = process.argv.indexOf('--oof')
const oofRows: string[] = []

const started = Date.now()
const pairs = readJsonl<Pair>('stances.jsonl')
const texts = new Map(
  readJsonl<{ bodyId: number; text: string }>('bodies.jsonl').map((body) => [
    body.bodyId,
    body.text,
  ]),
)
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

/**
 * FNC-1's claims and bodies come from Emergent's topics: a claim is paired with the bodies of its own topic
 * (related) and with bodies of other topics (unrelated). A topic here is a connected component of the related
 * pairs. The competition test has new claims AND new bodies, so cross-validation holds out whole topics: a
 * fold tests every pair of its topics' claims and trains on no pair whose claim or body belongs to them.
 */
function topicsOf(all: Pair[]): { ofClaim: Map<string, string>; ofBody: Map<number, string> } {
  const parent = new Map<string, string>()
  const find = (node: string): string => {
    let root = node
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string
    parent.set(node, root)
    return root
  }
  for (const pair of all) {
    const claim = `c:${pair.claim}`
    const body = `b:${pair.bodyId}`
    if (!parent.has(claim)) parent.set(claim, claim)
    if (!parent.has(body)) parent.set(body, body)
    if (pair.stance !== 'unrelated') parent.set(find(claim), find(body))
  }
  return {
    ofClaim: new Map(all.map((pair) => [pair.claim, find(`c:${pair.claim}`)])),
    ofBody: new Map(all.map((pair) => [pair.bodyId, find(`b:${pair.bodyId}`)])),
  }
}

if (settings.cv > 0) {
  const results: ReturnType<typeof scoreStances>[] = []
  const topics = topicsOf(pairs)
  const foldOf = (topic: string | undefined): number => fnv1a32(topic ?? '') % settings.cv
  console.error(`${new Set(topics.ofClaim.values()).size} claim topics`)
  for (let fold = 0; fold < (settings.folds || settings.cv); fold++) {
    const testPairs = pairs.filter((pair) => foldOf(topics.ofClaim.get(pair.claim)) === fold)
    const trainPairs = pairs.filter(
      (pair) =>
        foldOf(topics.ofClaim.get(pair.claim)) !== fold &&
        foldOf(topics.ofBody.get(pair.bodyId)) !== fold,
    )
    const idf = idfOver(
      [...new Set(trainPairs.map((pair) => pair.bodyId))].map(
        (id) => bodies.get(id) as PreparedText,
      ),
    )
    const models = settings.seeds.map((seed) => {
      const next = random(seed + fold)
      const model = newModel(idf, next)
      train(model, examplesOf(trainPairs, bodies, leads, idf, settings.augment, next), next)
      return model
    })
    const held = examplesOf(testPairs, bodies, leads, idf, 0, random(0))
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
  const summary = (values: number[]): string => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
    return `${mean.toFixed(3)} ± ${sd.toFixed(3)}`
  }
  console.log(
    `CV ${results.length} of ${settings.cv} folds by topic (new claims and bodies): FNC ${summary(results.map((r) => r.fnc))}, macro-F1 ${summary(results.map((r) => r.macroF1))}`,
  )
} else {
  const idf = idfOver([...bodies.values()])
  const packed = settings.seeds.map((seed) => {
    const next = random(seed)
    const model = newModel(idf, next)
    train(model, examplesOf(pairs, bodies, leads, idf, settings.augment, next), next)
    const { epochs, hidden, lr, dropout, l2, augment, disagreeWeight } = settings
    const trainedWith = { epochs, hidden, lr, dropout, l2, augment, disagreeWeight, seed }
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
