/**
 * Rebuilds models/attributions.json.gz from PolNeAR's train/ part (../shared/data/quote-attribution-polnear):
 *   nice npx tsx scripts/train-attributions.ts [--folds 5] [--epochs 5] [--role-epochs 4] [--role-bias S,C]
 * 1. the source/cue tagger, 5-fold by article, so that every train article gets roles predicted by a model
 *    that did not see it (the content tagger learns from predicted roles, as it will meet them);
 * 2. the content tagger on those predicted roles;
 * 3. cross-validation over articles of the whole path (taggers + assembly + speakers), scored with the
 *    PolNeAR metric, for each epoch count and each pruning level of the weights (the pruned fold models run
 *    through the shipped tagging path); the best epoch count and the largest pruning level that costs
 *    nothing beyond noise are shipped, and the out-of-fold tags are kept (eval/out/) for
 *    scripts/tune-attributions.ts, which chooses the assembly settings.
 * The dev/ part is never read here.
 */
import { numberArgument } from './arguments.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { scoreAttributions } from '../eval/attribution-metric.js'
import { loadPolnear, type PolnearArticle } from '../eval/polnear.js'
import { MODEL_OUT, OUT_OF_FOLD } from './attribution-paths.js'
import { type AssembleOptions, DEFAULT_ASSEMBLE_OPTIONS } from '../src/nlp/attributions/assemble.js'
import {
  CONTENT_LABELS,
  ROLE_LABELS,
  contentFeatures,
  roleFeatures,
} from '../src/nlp/attributions/features.js'
import {
  type AttributionModel,
  type AttributionModelFile,
  attributeTagged,
  tagText,
} from '../src/nlp/attributions/index.js'
import { Tagger, storeWeights, viterbi } from '../src/nlp/attributions/perceptron.js'
import { type NameMention, nameMentions } from '../src/nlp/attributions/speakers.js'
import { articleEntities } from '../src/nlp/annotate.js'
import { paragraphs, tagTokens, type TagToken } from '../src/nlp/attributions/tokens.js'
import {
  FeatureIndex,
  type Sequence,
  type TrainedWeights,
  emissionsOf,
  exportWeights,
  trainPerceptron,
} from './perceptron-trainer.js'

const FOLDS = numberArgument('folds', 5)
const EPOCHS = numberArgument('epochs', 5)
const ROLE_EPOCHS = numberArgument('role-epochs', 4)
const MIN_COUNT = 2
const PRUNE_LEVELS = [0, 0.01, 0.02, 0.03, 0.05]
// Decision thresholds of the source/cue tagger: added to every token's B-/I-SRC and B-/I-CUE scores. A
// perceptron's zero threshold finds four in five PolNeAR cues, and a missed cue loses its whole attribution.
const ROLE_BIASES: [number, number][] = [
  [0, 0],
  [0, 15],
  [0, 30],
  [0, 45],
  [15, 15],
  [15, 30],
  [15, 45],
]
const roleBias = ([source, cue]: [number, number]): number[] => [0, source, source, cue, cue]
const biasCv = new Map<string, { all: number; direct: number; speaker: number }[]>()
const biasTags = new Map<string, Map<number, { roles: string[]; contents: string[] }>>()
const pruneCv = new Map<number, { all: number; direct: number; speaker: number }[]>()
const OUT = MODEL_OUT

interface Prepared {
  article: PolnearArticle
  tokens: TagToken[]
  roleGold: string[]
  contentGold: string[]
  fold: number
  /** Speaker candidates as annotateArticle gives them (its entities), so the CV figures describe that path. */
  mentions: NameMention[]
}

/** BIO labels of a role over tokens, from annotated character ranges. */
function labelTokens(
  tokens: TagToken[],
  ranges: [number, number][],
  role: string,
  into: string[],
): void {
  const starts = new Set<number>()
  const inside = new Set<number>()
  for (const [s, e] of ranges) {
    let first = true
    tokens.forEach((token, i) => {
      if (token.start < e && token.end > s) {
        inside.add(i)
        if (first) starts.add(i)
        first = false
      }
    })
  }
  for (const i of inside) {
    if (into[i] !== 'O') continue
    into[i] = (starts.has(i) || !inside.has(i - 1) ? 'B-' : 'I-') + role
  }
}

function prepare(article: PolnearArticle, fold: number): Prepared {
  const tokens = tagTokens(article.text)
  const roleGold = tokens.map(() => 'O')
  labelTokens(
    tokens,
    article.gold.flatMap((g) => g.cueFrags),
    'CUE',
    roleGold,
  )
  labelTokens(
    tokens,
    article.gold.flatMap((g) => g.sourceFrags),
    'SRC',
    roleGold,
  )
  const contentGold = tokens.map(() => 'O')
  labelTokens(
    tokens,
    article.gold.flatMap((g) => g.rawFrags),
    'CON',
    contentGold,
  )
  const mentions = nameMentions(article.text, articleEntities(article.text))
  return { article, tokens, roleGold, contentGold, fold, mentions }
}

/** Paragraph sequences of one article for one layer. */
function sequences(
  index: FeatureIndex,
  prepared: Prepared,
  features: string[][],
  gold: string[],
  labels: readonly string[],
): Sequence[] {
  const out: Sequence[] = []
  let offset = 0
  for (const paragraph of paragraphs(prepared.tokens)) {
    const slice = features.slice(offset, offset + paragraph.length)
    const ids = gold
      .slice(offset, offset + paragraph.length)
      .map((label) => Math.max(0, labels.indexOf(label)))
    out.push(index.sequence(slice, ids))
    offset += paragraph.length
  }
  return out
}

function decode(weights: TrainedWeights, sequence: Sequence, labels: readonly string[]): string[] {
  const size = labels.length
  const n = sequence.gold.length
  const emissions = emissionsOf(sequence, weights.emissions, size)
  return viterbi(emissions, weights.transitions, n, size).map((label) => labels[label] ?? 'O')
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)))
const show = (xs: number[]): string => `${mean(xs).toFixed(3)} ± ${sd(xs).toFixed(3)}`

const started = Date.now()
const log = (message: string): void =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`)
mkdirSync(new URL('.', OUT_OF_FOLD), { recursive: true })
const articles = loadPolnear('train').map((article, i) => prepare(article, i % FOLDS))
log(
  `${articles.length} train articles, ${articles.reduce((n, a) => n + a.tokens.length, 0)} tokens`,
)

// 1. Roles: features once, one model per fold for out-of-fold roles, one on everything to ship.
const roleIndex = new FeatureIndex()
const roleSequences = articles.map((a) =>
  sequences(roleIndex, a, roleFeatures(a.tokens), a.roleGold, ROLE_LABELS),
)
const roleEpochs = ROLE_EPOCHS
const predictedRoles: string[][] = articles.map(() => [])
const roleFoldWeights: TrainedWeights[] = []
for (let fold = 0; fold < FOLDS; fold++) {
  const train = roleSequences.filter((_, i) => articles[i]!.fold !== fold).flat()
  trainPerceptron(
    train,
    ROLE_LABELS.length,
    roleIndex.counts.length,
    roleEpochs,
    (epoch, weights) => {
      if (epoch !== roleEpochs) return
      roleFoldWeights[fold] = weights
      articles.forEach((a, i) => {
        if (a.fold === fold)
          predictedRoles[i] = roleSequences[i]!.flatMap((sequence) =>
            decode(weights, sequence, ROLE_LABELS),
          )
      })
    },
  )
  log(`roles fold ${fold} done`)
}
let roleWeights: TrainedWeights | null = null
trainPerceptron(
  roleSequences.flat(),
  ROLE_LABELS.length,
  roleIndex.counts.length,
  roleEpochs,
  (epoch, w) => {
    if (epoch === roleEpochs) roleWeights = w
  },
)
log('roles (all) done')

// 2. Contents on out-of-fold roles.
const contentIndex = new FeatureIndex()
const contentSequences = articles.map((a, i) =>
  sequences(
    contentIndex,
    a,
    contentFeatures(a.tokens, predictedRoles[i]!),
    a.contentGold,
    CONTENT_LABELS,
  ),
)

// 3. Cross-validation of the whole path (default assembly) per epoch count; out-of-fold tags kept for tuning.
type Figures = { all: number; direct: number; speaker: number }
const cv = new Map<number, Figures[]>()
const outOfFold = new Map<number, string[][]>()
for (let fold = 0; fold < FOLDS; fold++) {
  const train = contentSequences.filter((_, i) => articles[i]!.fold !== fold).flat()
  const held = articles.flatMap((a, i) => (a.fold === fold ? [i] : []))
  trainPerceptron(
    train,
    CONTENT_LABELS.length,
    contentIndex.counts.length,
    EPOCHS,
    (epoch, weights) => {
      if (epoch < 3) return
      const contents = held.map((i) =>
        contentSequences[i]!.flatMap((s) => decode(weights, s, CONTENT_LABELS)),
      )
      const store = outOfFold.get(epoch) ?? articles.map(() => [])
      held.forEach((i, k) => (store[i] = contents[k]!))
      outOfFold.set(epoch, store)
      const scores = scoreHeld(held, predictedRoles, contents, DEFAULT_ASSEMBLE_OPTIONS)
      cv.set(epoch, [...(cv.get(epoch) ?? []), scores])
      if (epoch === EPOCHS) {
        scorePruned(fold, held, weights)
        scoreBiased(fold, held, weights)
      }
    },
  )
  log(`contents fold ${fold} done`)
}
let best: { epochs: number; score: number } | null = null
for (const [epochs, figures] of cv) {
  const all = figures.map((f) => f.all)
  console.log(
    `epochs ${epochs}: all ${show(all)} | direct ${show(figures.map((f) => f.direct))} | speaker ${show(figures.map((f) => f.speaker))}`,
  )
  if (best === null || mean(all) > best.score) best = { epochs, score: mean(all) }
}
if (best === null) throw new Error('no cross-validation result')
const contentEpochs = best.epochs
// Pruning: the largest level whose mean of (all F1 + speaker) / 2 stays within noise (0.002) of no pruning.
const objective = (figures: Figures[]): number => mean(figures.map((f) => (f.all + f.speaker) / 2))
const unpruned = objective(pruneCv.get(0) ?? [])
let prune = 0
for (const [level, figures] of pruneCv) {
  console.log(
    `prune ${level}: all ${show(figures.map((f) => f.all))} | direct ${show(figures.map((f) => f.direct))} | speaker ${show(figures.map((f) => f.speaker))}`,
  )
  if (objective(figures) >= unpruned - 0.002) prune = Math.max(prune, level)
}
log(`chosen: prune ${prune}`)
// Role thresholds: the best mean of (all F1 + speaker) / 2; the out-of-fold tags kept are those it gives.
let bias = '0,0'
for (const [key, figures] of biasCv) {
  console.log(
    `role bias ${key}: all ${show(figures.map((f) => f.all))} | direct ${show(figures.map((f) => f.direct))} | speaker ${show(figures.map((f) => f.speaker))}`,
  )
  if (objective(figures) > objective(biasCv.get(bias) ?? [])) bias = key
}
// `--role-bias S,C` keeps a setting (one of ROLE_BIASES) whatever the figures say: to rebuild the out-of-fold tags
// of a shipped model (its roleBias) when the choice is a tie, for the speaker ranker's training.
const fixedBias = process.argv.indexOf('--role-bias')
if (fixedBias >= 0) bias = process.argv[fixedBias + 1] ?? bias
const chosenBias = bias.split(',').map(Number) as [number, number]
log(`chosen: role bias ${bias}`)
const bestFigures = biasCv.get(bias) ?? cv.get(contentEpochs) ?? []
log(`chosen: ${contentEpochs} epochs`)
writeFileSync(
  OUT_OF_FOLD,
  gzipSync(
    JSON.stringify({
      folds: FOLDS,
      articles: articles.map((a, i) => ({
        stem: a.article.stem,
        fold: a.fold,
        roles: biasTags.get(bias)?.get(i)?.roles ?? predictedRoles[i],
        contents: biasTags.get(bias)?.get(i)?.contents ?? outOfFold.get(contentEpochs)?.[i],
      })),
    }),
  ),
)

/**
 * The held-out fold through the shipped path (findAttributions' tagging, with its paragraph skipping) with
 * both fold models pruned at each level: how much of the model the figures need.
 */
function scorePruned(fold: number, held: number[], contentWeights: TrainedWeights): void {
  for (const level of PRUNE_LEVELS) {
    const model: AttributionModel = {
      roles: new Tagger(
        exportWeights(roleIndex, ROLE_LABELS, roleFoldWeights[fold]!, MIN_COUNT, level),
      ),
      contents: new Tagger(
        exportWeights(contentIndex, CONTENT_LABELS, contentWeights, MIN_COUNT, level),
      ),
      assemble: DEFAULT_ASSEMBLE_OPTIONS,
    }
    const scores = scoreTagged(
      held,
      held.map((i) => tagText(model, articles[i]!.tokens)),
    )
    pruneCv.set(level, [...(pruneCv.get(level) ?? []), scores])
  }
}

/**
 * The held-out fold through the shipped path with each role threshold of ROLE_BIASES (unpruned fold models):
 * the content tagger meets the cues a threshold lets through, as it will at run time.
 */
function scoreBiased(fold: number, held: number[], contentWeights: TrainedWeights): void {
  const roleTagger = exportWeights(roleIndex, ROLE_LABELS, roleFoldWeights[fold]!, MIN_COUNT, 0)
  const contentTagger = new Tagger(
    exportWeights(contentIndex, CONTENT_LABELS, contentWeights, MIN_COUNT, 0),
  )
  for (const setting of ROLE_BIASES) {
    const key = setting.join(',')
    const model: AttributionModel = {
      roles: new Tagger(roleTagger, roleBias(setting)),
      contents: contentTagger,
      assemble: DEFAULT_ASSEMBLE_OPTIONS,
    }
    const tagged = held.map((i) => tagText(model, articles[i]!.tokens))
    const kept = biasTags.get(key) ?? new Map()
    held.forEach((i, k) => kept.set(i, tagged[k]!))
    biasTags.set(key, kept)
    const scores = scoreTagged(held, tagged)
    biasCv.set(key, [...(biasCv.get(key) ?? []), scores])
  }
}

/** Whole-path scores (default assembly) of held-out articles tagged through the shipped path. */
function scoreTagged(held: number[], tagged: { roles: string[]; contents: string[] }[]): Figures {
  return scoreHeld(
    held,
    articles.map((_, i) => tagged[held.indexOf(i)]?.roles ?? []),
    tagged.map((t) => t.contents),
    DEFAULT_ASSEMBLE_OPTIONS,
  )
}

/** Whole-path scores of held-out articles given their tags. */
function scoreHeld(
  held: number[],
  roles: string[][],
  contents: string[][],
  setting: AssembleOptions,
): Figures {
  const scores = scoreAttributions(
    held.map((i, k) => {
      const a = articles[i]!
      const found = attributeTagged(
        a.article.text,
        a.tokens,
        roles[i]!,
        contents[k]!,
        a.mentions,
        setting,
      )
      return {
        text: a.article.text,
        gold: a.article.gold,
        predictions: found.map((f) => ({ ...f.content, speaker: f.speaker })),
      }
    }),
  )
  return {
    all: scores.all.overlap.F1,
    direct: scores.direct.overlap.F1,
    speaker: scores.speaker.acc,
  }
}

let contentWeights: TrainedWeights | null = null
trainPerceptron(
  contentSequences.flat(),
  CONTENT_LABELS.length,
  contentIndex.counts.length,
  contentEpochs,
  (epoch, w) => {
    if (epoch === contentEpochs) contentWeights = w
  },
)
const model: AttributionModelFile = {
  provenance:
    'Averaged structured perceptrons trained by scripts/train-attributions.ts on the train/ part of PolNeAR ' +
    `(networkdynamics/PolNeAR v1.0.0, ${articles.length} articles; dev/ and test/ never read); ${roleEpochs} epochs ` +
    `for sources and cues, ${contentEpochs} for content, rows pruned below ${prune} of the largest weight, ` +
    `source and cue thresholds ${bias} (all by ${FOLDS}-fold cross-validation over articles).`,
  roles: storeWeights(exportWeights(roleIndex, ROLE_LABELS, roleWeights!, MIN_COUNT, prune)),
  contents: storeWeights(
    exportWeights(contentIndex, CONTENT_LABELS, contentWeights!, MIN_COUNT, prune),
  ),
  roleBias: roleBias(chosenBias),
  assemble: DEFAULT_ASSEMBLE_OPTIONS,
  crossValidation: {
    folds: FOLDS,
    all: [mean(bestFigures.map((f) => f.all)), sd(bestFigures.map((f) => f.all))],
    direct: [mean(bestFigures.map((f) => f.direct)), sd(bestFigures.map((f) => f.direct))],
    speaker: [mean(bestFigures.map((f) => f.speaker)), sd(bestFigures.map((f) => f.speaker))],
  },
}
const bytes = gzipSync(JSON.stringify(model), { level: 9 })
writeFileSync(OUT, bytes)
log(
  `wrote ${OUT.pathname} (${(bytes.length / 1e6).toFixed(2)} MB; ${model.roles.names.split('\n').length} role and ${model.contents.names.split('\n').length} content feature rows); next: scripts/tune-attributions.ts`,
)
