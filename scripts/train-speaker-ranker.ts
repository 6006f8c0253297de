/**
 * Trains the speaker ranker of the attribution model (src/nlp/attributions/ranker.ts) on PolNeAR's train/ part
 * and writes its weights into models/attributions.json.gz, with the cross-validated figures of the whole path.
 *   nice npx tsx scripts/train-speaker-ranker.ts [--epochs 8]
 * Run after scripts/train-attributions.ts (and tune-attributions.ts): it reads the out-of-fold tags those keep
 * (eval/out/), so every held-out article is tagged by taggers that did not see it, and its speaker candidates
 * are the entities annotateArticle finds (the pipeline's path). For each attribution the assembly lists its
 * speaker hypotheses; one is right when the PolNeAR metric (eval/attribution-metric.ts) would count its speaker
 * right for the gold content the attribution matches. An averaged perceptron learns to rank a right one first;
 * the epoch count is chosen by 5-fold cross-validation over articles (the taggers' folds), on the mean speaker
 * accuracy of the held-out folds. The dev/ part is never read here.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { scoreAttributions, speakerRight } from '../eval/attribution-metric.js'
import { type GoldAttribution, loadPolnear, trimSpan } from '../eval/polnear.js'
import { articleEntities } from '../src/nlp/annotate.js'
import { type AttributionModelFile, attributeTagged } from '../src/nlp/attributions/index.js'
import { SpeakerRanker, type SpeakerHypothesis } from '../src/nlp/attributions/ranker.js'
import { nameMentions } from '../src/nlp/attributions/speakers.js'
import { tagTokens } from '../src/nlp/attributions/tokens.js'
import type { Attribution } from '../src/types.js'
import { MODEL_OUT, OUT_OF_FOLD } from './attribution-paths.js'

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const EPOCHS = argument('--epochs', 8)

interface OutOfFold {
  folds: number
  articles: { stem: string; fold: number; roles: string[]; contents: string[] }[]
}

/** One article's attributions as the rule reads them, each with its hypotheses and which are right. */
interface Prepared {
  fold: number
  text: string
  gold: GoldAttribution[]
  found: Attribution[]
  choices: Map<Attribution, { hypotheses: SpeakerHypothesis[]; right: boolean[] }>
}

const started = Date.now()
const log = (message: string): void =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`)

const model = JSON.parse(
  gunzipSync(readFileSync(MODEL_OUT)).toString('utf8'),
) as AttributionModelFile
const kept = JSON.parse(gunzipSync(readFileSync(OUT_OF_FOLD)).toString('utf8')) as OutOfFold
const byStem = new Map(kept.articles.map((a) => [a.stem, a]))

/** The gold unit an attribution's content matches best (the metric's overlap rule), if any. */
function matchedUnit(
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

const articles: Prepared[] = loadPolnear('train').map((article) => {
  const tags = byStem.get(article.stem)
  if (tags === undefined) throw new Error(`no out-of-fold tags for ${article.stem}`)
  const choices: Prepared['choices'] = new Map()
  const found = attributeTagged(
    article.text,
    tagTokens(article.text),
    tags.roles,
    tags.contents,
    nameMentions(article.text, articleEntities(article.text)),
    model.assemble,
    {
      collect: (rule, hypotheses) => {
        const unit = matchedUnit(article.text, rule.content, article.gold)
        const right = hypotheses.map(
          (h) =>
            unit !== null && speakerRight(article.text, unit, article.gold, h.resolved.speaker),
        )
        choices.set(rule, { hypotheses, right })
      },
    },
  )
  return { fold: tags.fold, text: article.text, gold: article.gold, found, choices }
})
log(`${articles.length} train articles prepared`)

/** Averaged perceptron over hypothesis lists: a wrong first choice moves weight to the best right one. */
function train(examples: { hypotheses: SpeakerHypothesis[]; right: boolean[] }[], epochs: number) {
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
  let seed = 12345
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

const examplesOf = (list: Prepared[]) =>
  list.flatMap((a) =>
    [...a.choices.values()].filter(({ right }) => right.some(Boolean) && !right.every(Boolean)),
  )

type Figures = ReturnType<typeof scoreAttributions>
function score(list: Prepared[], weights: Record<string, number> | null): Figures {
  const ranker = weights === null ? null : new SpeakerRanker(weights)
  return scoreAttributions(
    list.map((a) => ({
      text: a.text,
      gold: a.gold,
      predictions: a.found.map((found) => {
        const choice = a.choices.get(found)
        const speaker =
          ranker === null || choice === undefined
            ? found.speaker
            : (choice.hypotheses[ranker.choose(choice.hypotheses)]?.resolved.speaker ?? null)
        return { ...found.content, speaker }
      }),
    })),
  )
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)))
const show = (xs: number[]): string => `${mean(xs).toFixed(3)} ± ${sd(xs).toFixed(3)}`

// Cross-validation: per fold, the rule alone and the ranker after each epoch.
const perEpoch = new Map<number, Figures[]>()
const rule: Figures[] = []
for (let fold = 0; fold < kept.folds; fold++) {
  const held = articles.filter((a) => a.fold === fold)
  const snapshots = train(examplesOf(articles.filter((a) => a.fold !== fold)), EPOCHS)
  rule.push(score(held, null))
  snapshots.forEach((weights, e) =>
    perEpoch.set(e + 1, [...(perEpoch.get(e + 1) ?? []), score(held, weights)]),
  )
  log(`fold ${fold} done`)
}
const line = (name: string, figures: Figures[]): string =>
  `${name}: all ${show(figures.map((f) => f.all.overlap.F1))} | speaker ${show(figures.map((f) => f.speaker.acc))} ` +
  `(named ${show(figures.map((f) => f.speaker.named.acc))}, nominal ${show(figures.map((f) => f.speaker.nominal.acc))}, ` +
  `pronoun ${show(figures.map((f) => f.speaker.pronoun.acc))})`
console.log(line('rule alone', rule))
let best = { epochs: 1, speaker: -1 }
for (const [epochs, figures] of perEpoch) {
  console.log(line(`ranker, ${epochs} epochs`, figures))
  const speaker = mean(figures.map((f) => f.speaker.acc))
  if (speaker > best.speaker) best = { epochs, speaker }
}
const chosen = perEpoch.get(best.epochs)!
log(`chosen: ${best.epochs} epochs`)
const weights = train(examplesOf(articles), best.epochs).at(-1)!
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
model.provenance = `${model.provenance.replace(/ Speaker ranker:.*$/, '')} Speaker ranker: averaged perceptron over each attribution's speaker hypotheses, trained by scripts/train-speaker-ranker.ts on the same train/ articles (out-of-fold tags, the annotation stage's entities), ${best.epochs} epochs by ${kept.folds}-fold cross-validation over articles.`
writeFileSync(MODEL_OUT, gzipSync(JSON.stringify(model), { level: 9 }))
log(`wrote ${MODEL_OUT.pathname} (${Object.keys(weights).length} ranker weights)`)
