/**
 * Trains the speaker ranker of the attribution model (src/nlp/attributions/ranker.ts) on PolNeAR's train/ part
 * and writes its weights into models/attributions.json.gz, with the cross-validated figures of the whole path.
 *   nice npx tsx scripts/train-speaker-ranker.ts [--epochs 8 | --learner loglinear --l2 0.3,1,3] [--no-write]
 *     [--seeds 4]   (perceptron: each fold's figures the mean over 4 example orders; the weights written use the first)
 *     [--ensemble]  (with --seeds N: the ranker is the mean of the N orders' weights, in each fold and as written)
 *     [--cached-entities]
 *     [--drop-features REGEX] [--drop-hypotheses REGEX]   (ablations: scripts/speaker-ranker-data.ts)
 * Run after scripts/train-attributions.ts (and tune-attributions.ts): it reads the out-of-fold tags those keep
 * (eval/out/), so every held-out article is tagged by taggers that did not see it, and its speaker candidates
 * are the entities annotateArticle finds (the pipeline's path). For each attribution the assembly lists its
 * speaker hypotheses; one is right when the PolNeAR metric (eval/attribution-metric.ts) would count its speaker
 * right for the gold content the attribution matches. An averaged perceptron, or with `--learner loglinear` a
 * conditional log-linear ranker (shipped since session 25; measured in session 21), learns to rank a right one first; the epoch count or
 * the L2 penalty is chosen by 5-fold cross-validation over articles (the taggers' folds), on the mean speaker
 * accuracy of the held-out folds. The dev/ part is never read here.
 */
import { numberArgument } from './arguments.js'
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { MODEL_OUT } from './attribution-paths.js'
import {
  type Figures,
  examplesOf,
  mean,
  prepareTrainArticles,
  readModel,
  readOutOfFold,
  scoreRanked,
  sd,
  show,
  trainLogLinear,
  trainRanker,
} from './speaker-ranker-data.js'

const EPOCHS = numberArgument('epochs', 8)
// `--learner loglinear --l2 0.3,1,3`: the log-linear ranker at each penalty instead of the perceptron's epochs.
const at = (flag: string): string | undefined => {
  const k = process.argv.indexOf(flag)
  return k === -1 ? undefined : process.argv[k + 1]
}
const LOGLINEAR = at('--learner') === 'loglinear'
const PENALTIES = (at('--l2') ?? '0.3,1,3,10').split(',').map(Number)

// `--seeds N`: the perceptron trained in N example orders per fold (the shipped order first), each fold's figures
// the mean over them — so that two feature sets are compared by more than one shuffle's luck.
const SEEDS = numberArgument('seeds', 1)
// `--ensemble`: the perceptron's weights averaged over the SEEDS example orders (each order's perceptron is already
// averaged over its updates; the mean over orders takes out the luck of one order, which moves a fold by ±0.003).
const ENSEMBLE = process.argv.includes('--ensemble')
const orderSeed = (s: number): number => 12345 + 7919 * s

/** The mean of several rankers' weights, a feature missing from one counting as 0 there. */
function meanWeights(list: Record<string, number>[]): Record<string, number> {
  const sum = new Map<string, number>()
  for (const weights of list)
    for (const [feature, weight] of Object.entries(weights))
      sum.set(feature, (sum.get(feature) ?? 0) + weight)
  return Object.fromEntries([...sum].map(([feature, weight]) => [feature, weight / list.length]))
}

/** The rankers one training set gives: one per epoch count (perceptron) or per penalty (log-linear). */
const fit = (
  examples: ReturnType<typeof examplesOf>,
  seed = 12345,
): { setting: number; weights: Record<string, number> }[] =>
  LOGLINEAR
    ? PENALTIES.map((l2) => ({ setting: l2, weights: trainLogLinear(examples, l2) }))
    : trainRanker(examples, EPOCHS, seed).map((weights, e) => ({ setting: e + 1, weights }))
const settingName = (setting: number): string => (LOGLINEAR ? `l2 ${setting}` : `${setting} epochs`)

const started = Date.now()
const log = (message: string): void =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`)

const model = readModel()
const kept = readOutOfFold()
const articles = prepareTrainArticles(model, kept)
log(`${articles.length} train articles prepared`)

// Cross-validation: per fold, the rule alone and the ranker after each epoch.
const perEpoch = new Map<number, Figures[]>()
const rule: Figures[] = []
for (let fold = 0; fold < kept.folds; fold++) {
  const held = articles.filter((a) => a.fold === fold)
  const examples = examplesOf(articles.filter((a) => a.fold !== fold))
  rule.push(scoreRanked(held, null))
  const bySetting = new Map<number, Figures[]>()
  const byOrder = new Map<number, Record<string, number>[]>()
  for (let s = 0; s < (LOGLINEAR ? 1 : SEEDS); s++)
    for (const { setting, weights } of fit(examples, orderSeed(s))) {
      if (ENSEMBLE) byOrder.set(setting, [...(byOrder.get(setting) ?? []), weights])
      else bySetting.set(setting, [...(bySetting.get(setting) ?? []), scoreRanked(held, weights)])
    }
  for (const [setting, list] of byOrder)
    bySetting.set(setting, [scoreRanked(held, meanWeights(list))])
  for (const [setting, runs] of bySetting)
    perEpoch.set(setting, [...(perEpoch.get(setting) ?? []), averageFigures(runs)])
  log(`fold ${fold} done`)
}
/** The mean of several runs' figures on one fold (the fields the lines below print). */
function averageFigures(runs: Figures[]): Figures {
  const first = runs[0]!
  if (runs.length === 1) return first
  const avg = (pick: (f: Figures) => number): number => mean(runs.map(pick))
  return {
    ...first,
    all: { ...first.all, overlap: { ...first.all.overlap, F1: avg((f) => f.all.overlap.F1) } },
    direct: {
      ...first.direct,
      overlap: { ...first.direct.overlap, F1: avg((f) => f.direct.overlap.F1) },
    },
    speaker: {
      ...first.speaker,
      acc: avg((f) => f.speaker.acc),
      named: { ...first.speaker.named, acc: avg((f) => f.speaker.named.acc) },
      nominal: { ...first.speaker.nominal, acc: avg((f) => f.speaker.nominal.acc) },
      pronoun: { ...first.speaker.pronoun, acc: avg((f) => f.speaker.pronoun.acc) },
    },
  }
}
const line = (name: string, figures: Figures[]): string =>
  `${name}: all ${show(figures.map((f) => f.all.overlap.F1))} | speaker ${show(figures.map((f) => f.speaker.acc))} ` +
  `(named ${show(figures.map((f) => f.speaker.named.acc))}, nominal ${show(figures.map((f) => f.speaker.nominal.acc))}, ` +
  `pronoun ${show(figures.map((f) => f.speaker.pronoun.acc))}); per fold ${figures.map((f) => f.speaker.acc.toFixed(4)).join(' ')}`
console.log(line('rule alone', rule))
let best = { epochs: 1, speaker: -1 }
for (const [epochs, figures] of perEpoch) {
  console.log(line(`ranker, ${settingName(epochs)}`, figures))
  const speaker = mean(figures.map((f) => f.speaker.acc))
  if (speaker > best.speaker) best = { epochs, speaker }
}
const chosen = perEpoch.get(best.epochs)!
log(`chosen: ${settingName(best.epochs)}`)
console.log(`per fold (speaker): ${chosen.map((f) => f.speaker.acc.toFixed(4)).join(' ')}`)
if (process.argv.includes('--no-write')) process.exit(0)
const all = examplesOf(articles)
const weights = LOGLINEAR
  ? trainLogLinear(all, best.epochs)
  : ENSEMBLE
    ? meanWeights(
        Array.from({ length: SEEDS }, (_, s) =>
          trainRanker(all, best.epochs, orderSeed(s)).at(-1)!,
        ),
      )
    : trainRanker(all, best.epochs).at(-1)!
const figure = (pick: (f: Figures) => number): [number, number] => [
  mean(chosen.map(pick)),
  sd(chosen.map(pick)),
]
model.speakers = weights
model.crossValidation = {
  ...model.crossValidation,
  all: figure((f) => f.all.overlap.F1),
  direct: figure((f) => f.direct.overlap.F1),
  speaker: figure((f) => f.speaker.acc),
}
const learner = LOGLINEAR
  ? `conditional log-linear ranker (L-BFGS, L2 penalty ${best.epochs}`
  : ENSEMBLE
    ? `mean of ${SEEDS} averaged perceptrons trained in different example orders (${best.epochs} epochs`
    : `averaged perceptron (${best.epochs} epochs`
model.provenance = `${model.provenance.replace(/ Speaker ranker:.*$/, '')} Speaker ranker: ${learner} by ${kept.folds}-fold cross-validation over articles) over each attribution's speaker hypotheses, trained by scripts/train-speaker-ranker.ts${LOGLINEAR ? ' --learner loglinear' : ENSEMBLE ? ` --seeds ${SEEDS} --ensemble` : ''} on the same train/ articles (out-of-fold tags, the annotation stage's entities).`
writeFileSync(MODEL_OUT, gzipSync(JSON.stringify(model), { level: 9 }))
log(`wrote ${MODEL_OUT.pathname} (${Object.keys(weights).length} ranker weights)`)
