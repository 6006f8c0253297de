/**
 * Chooses the assembly settings of the attribution model (how tagged runs become attributions and how
 * speakers are resolved) by cross-validation over PolNeAR train articles, from the out-of-fold tags that
 * scripts/train-attributions.ts kept; writes them, with the cross-validated figures, into the model file.
 *   nice npx tsx scripts/tune-attributions.ts
 * Objective: the mean over folds of (content overlap F1 over all attributions + speaker accuracy) / 2.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { scoreAttributions } from '../eval/attribution-metric.js'
import { loadPolnear } from '../eval/polnear.js'
import type { AssembleOptions } from '../src/nlp/attributions/assemble.js'
import { type AttributionModelFile, attributeTagged } from '../src/nlp/attributions/index.js'
import { nameMentions } from '../src/nlp/attributions/speakers.js'
import { articleEntities } from '../src/nlp/annotate.js'
import { tagTokens } from '../src/nlp/attributions/tokens.js'
import { MODEL_OUT, OUT_OF_FOLD } from './attribution-paths.js'

interface OutOfFold {
  folds: number
  articles: { stem: string; fold: number; roles: string[]; contents: string[] }[]
}

const kept = JSON.parse(gunzipSync(readFileSync(OUT_OF_FOLD)).toString('utf8')) as OutOfFold
const byStem = new Map(kept.articles.map((a) => [a.stem, a]))
const articles = loadPolnear('train').map((article) => {
  const tags = byStem.get(article.stem)
  if (tags === undefined)
    throw new Error(`no out-of-fold tags for ${article.stem}: rerun the training`)
  return {
    ...article,
    ...tags,
    tokens: tagTokens(article.text),
    mentions: nameMentions(article.text, articleEntities(article.text)),
  }
})

// A first, wider search (sentencePenalty 10/20/40, nameReach 0/2/4/8, pronoun mentioned/speaker) found the
// penalty flat within ±0.002, nameReach 0 worse by 0.02 in speaker accuracy and 'speaker' worse than
// 'mentioned' by 0.02; a second one (keepUncued, continueQuotes, genderAgreement each both ways) chose
// keepUncued false, continueQuotes true and genderAgreement false; nameReach 4 and 8 then stood within 0.002
// of each other (with annotateArticle's entities: speaker 0.747 and 0.751), and 8 was kept. With the cue and
// source thresholds of train-attributions.ts (session 14) the rule alone gave 0.765 with 8 and 0.763 with 4,
// but the speaker ranker trained after it 0.795 ± 0.008 with 8 and 0.798 ± 0.009 with 4 (the figure that
// ships): 4 is kept, a tie within noise decided by the path that runs. Rerun a wider grid here when the
// taggers or the speaker rules change.
const settings: AssembleOptions[] = [4].map((nameReach) => ({
  keepUncued: false,
  sentencePenalty: 20,
  nameReach,
  pronoun: 'mentioned' as const,
  continueQuotes: true,
  genderAgreement: false,
}))

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)))
const show = (xs: number[]): string => `${mean(xs).toFixed(3)} ± ${sd(xs).toFixed(3)}`

type Figures = { all: number; direct: number; speaker: number }
let best: { setting: AssembleOptions; folds: Figures[]; objective: number } | null = null
for (const setting of settings) {
  const folds: Figures[] = []
  for (let fold = 0; fold < kept.folds; fold++) {
    const scores = scoreAttributions(
      articles
        .filter((a) => a.fold === fold)
        .map((a) => ({
          text: a.text,
          gold: a.gold,
          predictions: attributeTagged(
            a.text,
            a.tokens,
            a.roles,
            a.contents,
            a.mentions,
            setting,
          ).map((found) => ({ ...found.content, speaker: found.speaker })),
        })),
    )
    folds.push({
      all: scores.all.overlap.F1,
      direct: scores.direct.overlap.F1,
      speaker: scores.speaker.acc,
    })
  }
  const objective = mean(folds.map((f) => (f.all + f.speaker) / 2))
  console.log(
    `${JSON.stringify(setting)}: all ${show(folds.map((f) => f.all))} | direct ${show(folds.map((f) => f.direct))} | speaker ${show(folds.map((f) => f.speaker))}`,
  )
  if (best === null || objective > best.objective) best = { setting, folds, objective }
}
if (best === null) throw new Error('no setting scored')
const model = JSON.parse(
  gunzipSync(readFileSync(MODEL_OUT)).toString('utf8'),
) as AttributionModelFile
const figure = (pick: (f: Figures) => number): [number, number] => [
  mean(best.folds.map(pick)),
  sd(best.folds.map(pick)),
]
model.assemble = best.setting
model.crossValidation = {
  folds: kept.folds,
  all: figure((f) => f.all),
  direct: figure((f) => f.direct),
  speaker: figure((f) => f.speaker),
}
writeFileSync(MODEL_OUT, gzipSync(JSON.stringify(model), { level: 9 }))
console.log(`chosen ${JSON.stringify(best.setting)}; written to ${MODEL_OUT.pathname}`)
