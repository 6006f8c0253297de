/**
 * What scripts/train-speaker-ranker.ts and scripts/speaker-errors.ts share: PolNeAR train/ articles through the
 * pipeline's path with out-of-fold tags (eval/out/, kept by scripts/train-attributions.ts), each attribution's
 * speaker hypotheses with which of them the metric counts right, the averaged-perceptron trainer and the scoring
 * of a ranker's choices. The dev/ part is never read here.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { scoreAttributions, speakerRight } from '../eval/attribution-metric.js'
import { type GoldAttribution, loadPolnear, trimSpan } from '../eval/polnear.js'
import { articleEntities } from '../src/nlp/annotate.js'
import { type AttributionModelFile, attributeTagged } from '../src/nlp/attributions/index.js'
import { SpeakerRanker, type SpeakerHypothesis } from '../src/nlp/attributions/ranker.js'
import { type NameMention, nameMentions } from '../src/nlp/attributions/speakers.js'
import { tagTokens } from '../src/nlp/attributions/tokens.js'
import type { Attribution } from '../src/types.js'
import { MODEL_OUT, OUT_OF_FOLD } from './attribution-paths.js'
import { Interner } from '../src/text/interner.js'

export interface OutOfFold {
  folds: number
  articles: { stem: string; fold: number; roles: string[]; contents: string[] }[]
}

/** One attribution's hypotheses, which are right, and the gold unit its content matches (if any). */
export interface Choice {
  hypotheses: SpeakerHypothesis[]
  right: boolean[]
  unit: GoldAttribution | null
}

/** One article's attributions as the rule reads them, each with its hypotheses and which are right. */
export interface Prepared {
  stem: string
  fold: number
  text: string
  gold: GoldAttribution[]
  found: Attribution[]
  choices: Map<Attribution, Choice>
}

export const readModel = (): AttributionModelFile =>
  JSON.parse(gunzipSync(readFileSync(MODEL_OUT)).toString('utf8')) as AttributionModelFile
export const readOutOfFold = (): OutOfFold =>
  JSON.parse(gunzipSync(readFileSync(OUT_OF_FOLD)).toString('utf8')) as OutOfFold

/** The gold unit an attribution's content matches best (the metric's overlap rule), if any. */
export function matchedUnit(
  text: string,
  content: { start: number; end: number },
  gold: GoldAttribution[],
): GoldAttribution | null {
  const [s, e] = trimSpan(text, content.start, content.end)
  let best: GoldAttribution | null = null
  let bestOverlap = 0
  for (const unit of gold) {
    const shared = unit.frags.reduce(
      (sum, [fs, fe]) => sum + Math.max(0, Math.min(e, fe) - Math.max(s, fs)),
      0,
    )
    if (shared > 0 && shared >= 0.5 * Math.min(e - s, unit.length) && shared > bestOverlap) {
      best = unit
      bestOverlap = shared
    }
  }
  return best
}

/** Counts by key, with up to `limit` samples kept per key (the error listings' classes). */
export function tally(limit: number): {
  counts: Map<string, number>
  samples: Map<string, string[]>
  count: (key: string, sample?: string) => void
} {
  const counts = new Map<string, number>()
  const samples = new Map<string, string[]>()
  const count = (key: string, sample?: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1)
    if (sample === undefined) return
    const list = samples.get(key) ?? []
    if (list.length < limit) list.push(sample)
    samples.set(key, list)
  }
  return { counts, samples, count }
}

/** An article's attributions with their content spans trimmed as the metric trims them. */
export const trimmedSpans = (
  text: string,
  found: Attribution[],
): { found: Attribution; span: [number, number] }[] =>
  found.map((f) => ({ found: f, span: trimSpan(text, f.content.start, f.content.end) }))

/** The prediction that gives a gold unit its speaker: the one overlapping it most (the metric's rule), if any. */
export function speakingPrediction<P extends { span: [number, number] }>(
  unit: GoldAttribution,
  spans: P[],
): P | null {
  let best: P | null = null
  let bestOverlap = 0
  for (const p of spans) {
    const shared = unit.frags.reduce(
      (sum, [fs, fe]) => sum + Math.max(0, Math.min(p.span[1], fe) - Math.max(p.span[0], fs)),
      0,
    )
    const length = p.span[1] - p.span[0]
    if (shared > 0 && shared >= 0.5 * Math.min(length, unit.length) && shared > bestOverlap) {
      best = p
      bestOverlap = shared
    }
  }
  return best
}

// The annotation stage's entities of every train article, kept between runs when `--cached-entities` is given
// (they do not depend on the speaker code; delete the file when the name tagger changes).
const ENTITY_CACHE = new URL('../eval/out/train-entities.json.gz', import.meta.url)

function trainMentions(articles: { stem: string; text: string }[]): Map<string, NameMention[]> {
  const cached = process.argv.includes('--cached-entities')
  if (cached && existsSync(ENTITY_CACHE))
    return new Map(
      Object.entries(
        JSON.parse(gunzipSync(readFileSync(ENTITY_CACHE)).toString('utf8')) as Record<
          string,
          NameMention[]
        >,
      ),
    )
  const mentions = new Map(
    articles.map((a) => [a.stem, nameMentions(a.text, articleEntities(a.text))]),
  )
  if (cached) writeFileSync(ENTITY_CACHE, gzipSync(JSON.stringify(Object.fromEntries(mentions))))
  return mentions
}

/**
 * Ablation without touching the code that runs: `--drop-features REGEX` removes matching features from every
 * hypothesis, `--drop-hypotheses REGEX` removes hypotheses whose category (first feature) matches (the rule's
 * reading, the first, is always kept). The support counts were made with them; everything else is as shipped.
 */
function ablate(hypotheses: SpeakerHypothesis[]): SpeakerHypothesis[] {
  const option = (name: string): RegExp | null => {
    const at = process.argv.indexOf(name)
    return at >= 0 ? new RegExp(process.argv[at + 1] ?? '') : null
  }
  const features = option('--drop-features')
  const categories = option('--drop-hypotheses')
  return hypotheses
    .filter((h, i) => i === 0 || categories === null || !categories.test(h.features[0] ?? ''))
    .map((h) =>
      features === null ? h : { ...h, features: h.features.filter((f) => !features.test(f)) },
    )
}

/** Every train article through the shipped assembly with its out-of-fold tags and the stage's entities. */
export function prepareTrainArticles(model: AttributionModelFile, kept: OutOfFold): Prepared[] {
  const byStem = new Map(kept.articles.map((a) => [a.stem, a]))
  const train = loadPolnear('train')
  const mentions = trainMentions(train)
  return train.map((article) => {
    const tags = byStem.get(article.stem)
    if (tags === undefined) throw new Error(`no out-of-fold tags for ${article.stem}`)
    const choices: Prepared['choices'] = new Map()
    const found = attributeTagged(
      article.text,
      tagTokens(article.text),
      tags.roles,
      tags.contents,
      mentions.get(article.stem) ?? [],
      model.assemble,
      {
        collect: (rule, all) => {
          const hypotheses = ablate(all)
          const unit = matchedUnit(article.text, rule.content, article.gold)
          const right = hypotheses.map(
            (h) =>
              unit !== null && speakerRight(article.text, unit, article.gold, h.resolved.speaker),
          )
          choices.set(rule, { hypotheses, right, unit })
        },
      },
    )
    return {
      stem: article.stem,
      fold: tags.fold,
      text: article.text,
      gold: article.gold,
      found,
      choices,
    }
  })
}

/** Averaged perceptron over hypothesis lists: a wrong first choice moves weight to the best right one. */
export function trainRanker(
  examples: { hypotheses: SpeakerHypothesis[]; right: boolean[] }[],
  epochs: number,
  shuffle = 12345,
): Record<string, number>[] {
  const weights = new Map<string, number>()
  const totals = new Map<string, number>()
  const snapshots: Record<string, number>[] = []
  let step = 1
  const ranker = {
    score: (features: string[]) => features.reduce((s, f) => s + (weights.get(f) ?? 0), 0),
  }
  const update = (features: string[], by: number): void => {
    for (const f of features) {
      weights.set(f, (weights.get(f) ?? 0) + by)
      totals.set(f, (totals.get(f) ?? 0) + step * by)
    }
  }
  let seed = shuffle
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const order = examples.map((_, i) => i)
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    for (const k of order) {
      const { hypotheses, right } = examples[k]!
      let chosen = 0
      let bestRight = -1
      hypotheses.forEach((h, i) => {
        if (ranker.score(h.features) > ranker.score(hypotheses[chosen]!.features)) chosen = i
        if (
          right[i] &&
          (bestRight < 0 ||
            ranker.score(h.features) > ranker.score(hypotheses[bestRight]!.features))
        )
          bestRight = i
      })
      if (!right[chosen] && bestRight >= 0) {
        update(hypotheses[bestRight]!.features, 1)
        update(hypotheses[chosen]!.features, -1)
      }
      step++
    }
    const averaged: Record<string, number> = {}
    for (const [f, w] of weights) {
      const value = w - (totals.get(f) ?? 0) / step
      if (Math.abs(value) > 1e-4) averaged[f] = Number(value.toFixed(4))
    }
    snapshots.push(averaged)
  }
  return snapshots
}

/**
 * A conditional log-linear ranker over hypothesis lists: a hypothesis's probability is the softmax of its summed
 * weights over its list, the loss is minus the log of the probability the right ones hold together (any right
 * reading will do, as the metric counts any), plus l2/2 times the squared weights; fitted full-batch by L-BFGS.
 * Unlike the perceptron, which moves weight only on a wrong first choice and stops where it is, every example
 * pulls by how far it is from settled, and the penalty, chosen by cross-validation, sets how far a rare feature
 * may go. The weights are a linear ranker's, so SpeakerRanker reads them as it reads the perceptron's.
 */
export function trainLogLinear(
  examples: { hypotheses: SpeakerHypothesis[]; right: boolean[] }[],
  l2: number,
  iterations = 200,
): Record<string, number> {
  const features = new Interner<string>()
  const lists = examples.map(({ hypotheses, right }) => ({
    rows: hypotheses.map((h) => Int32Array.from(h.features, features.id)),
    right,
  }))
  const size = features.size
  const scores: number[] = []
  // The loss and its gradient at w.
  const evaluate = (w: Float64Array, gradient: Float64Array): number => {
    let loss = 0
    for (let j = 0; j < size; j++) {
      gradient[j] = l2 * (w[j] as number)
      loss += 0.5 * l2 * (w[j] as number) ** 2
    }
    for (const { rows, right } of lists) {
      scores.length = 0
      let top = -Infinity
      for (const row of rows) {
        let s = 0
        for (const f of row) s += w[f] as number
        scores.push(s)
        if (s > top) top = s
      }
      let all = 0
      let good = 0
      for (let i = 0; i < rows.length; i++) {
        const e = Math.exp((scores[i] as number) - top)
        all += e
        if (right[i]) good += e
      }
      loss += Math.log(all) - Math.log(good)
      for (let i = 0; i < rows.length; i++) {
        const e = Math.exp((scores[i] as number) - top)
        const by = e / all - (right[i] ? e / good : 0)
        if (by !== 0)
          for (const f of rows[i] as Int32Array) gradient[f] = (gradient[f] as number) + by
      }
    }
    return loss
  }
  const w = new Float64Array(size)
  const gradient = new Float64Array(size)
  let loss = evaluate(w, gradient)
  // L-BFGS (memory 10) with a backtracking line search on the Armijo condition.
  const memory: { s: Float64Array; y: Float64Array; rho: number }[] = []
  const dot = (a: Float64Array, b: Float64Array): number => {
    let sum = 0
    for (let j = 0; j < size; j++) sum += (a[j] as number) * (b[j] as number)
    return sum
  }
  for (let iteration = 0; iteration < iterations; iteration++) {
    const direction = Float64Array.from(gradient, (g) => -g)
    const alphas: number[] = []
    for (let k = memory.length - 1; k >= 0; k--) {
      const { s, y, rho } = memory[k]!
      const alpha = rho * dot(s, direction)
      alphas[k] = alpha
      for (let j = 0; j < size; j++)
        direction[j] = (direction[j] as number) - alpha * (y[j] as number)
    }
    if (memory.length > 0) {
      const { s, y } = memory.at(-1)!
      const scale = dot(s, y) / dot(y, y)
      for (let j = 0; j < size; j++) direction[j] = (direction[j] as number) * scale
    }
    for (let k = 0; k < memory.length; k++) {
      const { s, y, rho } = memory[k]!
      const beta = rho * dot(y, direction)
      for (let j = 0; j < size; j++)
        direction[j] = (direction[j] as number) + (s[j] as number) * ((alphas[k] as number) - beta)
    }
    const slope = dot(direction, gradient)
    if (slope >= 0) break
    let t = memory.length === 0 ? 1 / Math.sqrt(dot(gradient, gradient)) : 1
    const next = new Float64Array(size)
    const nextGradient = new Float64Array(size)
    let nextLoss = Infinity
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < size; j++) next[j] = (w[j] as number) + t * (direction[j] as number)
      nextLoss = evaluate(next, nextGradient)
      if (nextLoss <= loss + 1e-4 * t * slope) break
      t /= 2
    }
    if (!(nextLoss < loss)) break
    const s = Float64Array.from(next, (v, j) => v - (w[j] as number))
    const y = Float64Array.from(nextGradient, (v, j) => v - (gradient[j] as number))
    const sy = dot(s, y)
    if (sy > 1e-12) {
      memory.push({ s, y, rho: 1 / sy })
      if (memory.length > 10) memory.shift()
    }
    const settled = loss - nextLoss < 1e-7 * Math.max(1, Math.abs(loss))
    w.set(next)
    gradient.set(nextGradient)
    loss = nextLoss
    if (settled) break
  }
  const weights: Record<string, number> = {}
  features.keys.forEach((f, j) => {
    const value = w[j] as number
    if (Math.abs(value) > 1e-4) weights[f] = Number(value.toFixed(4))
  })
  return weights
}

/** The attributions a ranker can learn from: some hypothesis right, not all. */
export const examplesOf = (list: Prepared[]): Choice[] =>
  list.flatMap((a) =>
    [...a.choices.values()].filter(({ right }) => right.some(Boolean) && !right.every(Boolean)),
  )

/** The speaker a ranker (null: the assembly rule) gives one attribution. */
export function chosenSpeaker(
  found: Attribution,
  choice: Choice | undefined,
  ranker: SpeakerRanker | null,
): string | null {
  return ranker === null || choice === undefined
    ? found.speaker
    : (choice.hypotheses[ranker.choose(choice.hypotheses)]?.resolved.speaker ?? null)
}

export type Figures = ReturnType<typeof scoreAttributions>

/** The PolNeAR figures of a list of articles with a ranker's speakers (null weights: the rule's). */
export function scoreRanked(list: Prepared[], weights: Record<string, number> | null): Figures {
  const ranker = weights === null ? null : new SpeakerRanker(weights)
  return scoreAttributions(
    list.map((a) => ({
      text: a.text,
      gold: a.gold,
      predictions: a.found.map((found) => ({
        ...found.content,
        speaker: chosenSpeaker(found, a.choices.get(found), ranker),
      })),
    })),
  )
}

export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
export const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)))
export const show = (xs: number[]): string => `${mean(xs).toFixed(3)} ± ${sd(xs).toFixed(3)}`
