/**
 * Candidate inputs for the headline stance model, each measured by the headline model's own protocol: 5-fold CV
 * grouped by claim on Emergent's FV-train part (claims dealt four ways, 20 held-out folds), paired per fold
 * against the shipped feature set. FV-test pairs are never read here.
 *
 *   nice npx tsx scripts/headline-candidates.ts NAME… [--repeats 4] [--scale 0.3]
 *
 * NAME is a candidate of EXTRAS below or several joined by "+" ("term+cross"); "@avg5" trains by model averaging
 * across 5 claim folds, "@avg5o" also applies class offsets chosen on those models' out-of-fold probabilities;
 * "@seed2" trains on the pairs in another order (the learner's shuffles differ: the noise of training alone, to
 * pair a candidate against "base@seed2"); "@epochs8", "@l2_0.001", "@lr0.03" train with other settings.
 * Candidates of session 18 read the claim's other headlines (sib*: in verify, the other short texts of one call;
 * here the claim's other FV-train rows, all held out together), character 4-grams (char4*), refuting roots
 * (roots*), feature removals (no*) and headline-level hedges (shipped as hedgePlace in headline.ts; "before18" removes them).
 * "before" is the model before the swapped reading and the reporting cues (README, issue #11, s17-emg).
 * Session 19 (shipped in session 20): the learner averages HEADLINE_SETTINGS.members training orders; "@single" trains one order
 * (seed 1, as shipped before), "@ens10" ten ("@ens10from21": seeds 21…30, another ensemble of the same size;
 * "@ens10p" averages probabilities, "@ens10o" adds class offsets chosen on nested out-of-fold probabilities);
 * "--base SPEC" pairs every candidate against SPEC instead of the shipped model; priorX, priorBins and logPrior
 * read the short-text model's probabilities non-linearly (session 19's log-odds, not shipped, is "odds" below),
 * noFirst / noLabel / noRep / noCuePlace drop a group of cues.
 * Session 20: attr / attrWords read the attribution tagger's sources and cues in the headline, odds is session
 * 19's log-odds, modalX crosses a modal claim with the headline's hedges, clusters* add the NER's word-cluster
 * paths, "@…nb" stacks a naive Bayes over the same inputs, w25 / w50 / w75 / wHalf / claimWHalf scale word
 * features down (shipped: WORD_WEIGHT 0.5 in headline.ts; "before20" is the model before it). Session 21:
 * "@batch0.003", "@batchcv", "@mix0.5", "@mixcv" train the regularised logistic regression of headline-lbfgs.ts
 * (alone or its logits mixed with the shipped ensemble's, l2 and share chosen by inner CV by claim); entShare,
 * predShare and negPred read whether the headline restates the claim's entities and numbers, its predicate words,
 * and a negator before one of them. Session 22: clAlign (clShare + clNeg) aligns the claim's words to the
 * headline's by word cluster as well as stem (their share, and F&V's negation alignment over them), clSim is F&V's
 * Word2Vec similarity with cluster paths as the vectors, negXor a negator in one text only, cueScope a refuting or
 * hedging word just before (or after) the headline's words aligned to the claim, scare single-quoted claim words,
 * priorDev (F / S: forward or swapped reading only) the short-text model's readings minus their mean over the
 * claim's headlines (per-claim normalisation; in verify they come in one call). Each gain line also lists the
 * per-fold gains. Prints
 * each one's accuracy and per-claim "both counts exact" (mean ± sd over folds) and its paired gain per fold.
 */
import {
  claimWordsFound,
  headlineInput,
  predictHeadline,
} from '../src/corroborate/stance/headline.js'
import {
  jaccard,
  prepareClaim,
  prepareText,
  stanceInput,
  termMeasures,
  wordsOf,
} from '../src/corroborate/stance/features.js'
import { hiddenOf, predict, unpackModel } from '../src/corroborate/stance/model.js'
import { SHORT_TEXT_STANCE_MODEL } from '../src/corroborate/stance/weights-short.js'
import { STANCE_MODELS } from '../src/corroborate/stance/weights.js'
import { HEDGING, NEGATION, REFUTING } from '../src/data/stance-words.js'
import {
  HEADLINE_HEDGING,
  HEADLINE_REFUTING,
  HEADLINE_REPORTING,
} from '../src/data/headline-cues.js'
import { numberArgument } from './arguments.js'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import {
  type Attribution,
  defaultAttributionModel,
  findAttributions,
  tagText,
} from '../src/nlp/attributions/index.js'
import { tagTokens, type TagToken } from '../src/nlp/attributions/tokens.js'
import { fnv1a32 } from '../src/text/hash.js'
import {
  crossValidateHeadlineClaims,
  HEADLINE_SETTINGS,
  type HeadlineTrainer,
  type HeadlineExample,
  HEADLINE_LABEL,
  type HeadlineRow,
  headlineStems,
  rowFeatures,
  trainingRows,
  trainAveraged,
  trainEnsemble,
  trainHeadline,
  trainHeadlineModel,
} from './headline-trainer.js'
import { bestCandidate, L2_GRID, trainBatchHeadline } from './headline-lbfgs.js'
import type { HeadlineModel } from '../src/corroborate/stance/headline.js'

const rows = trainingRows()

const short = unpackModel(SHORT_TEXT_STANCE_MODEL)
const body = unpackModel(STANCE_MODELS[0]!)
const termIdf = body.termIdf!
const CUES = new Set([
  ...REFUTING,
  ...HEADLINE_REFUTING,
  ...HEDGING,
  ...HEADLINE_HEDGING,
  ...NEGATION,
])
const REPORT = new Set(HEADLINE_REPORTING)
const NEG = new Set(NEGATION)

type Extra = (row: HeadlineRow, features: Map<string, number>) => void
const add = (features: Map<string, number>, name: string, value = 1): void => {
  features.set(name, (features.get(name) ?? 0) + value)
}

const inputOf = (claim: string, text: string) =>
  stanceInput(prepareClaim(claim), prepareText(text), short.layout, short.idf).input
const priorOf = (claim: string, text: string): number[] => predict(short, inputOf(claim, text))

const scale = numberArgument('scale', 0.3)
const nbAlpha = numberArgument('nbAlpha', 1)
const nbScale = numberArgument('nbScale', 1)
const EXTRAS: Record<string, Extra> = {
  base: () => {},
  term: (row, f) =>
    termMeasures(prepareClaim(row.claim), prepareText(row.headline), termIdf).forEach((v, i) =>
      add(f, `term:${i}`, v),
    ),
  termFew: (row, f) => {
    const m = termMeasures(prepareClaim(row.claim), prepareText(row.headline), termIdf)
    add(f, 'term:0', m[0]!)
    add(f, 'term:3', m[3]!)
    add(f, 'term:5', m[5]!)
    add(f, 'term:9', m[9]!)
  },
  // The shipped set before this step (no swapped reading, no reporting cues), to measure the step itself.
  before: (_row, f) => {
    for (const name of [...f.keys()])
      if (/^(swap:|rep:|report$|report-start$|quote-start$|dquote$)/.test(name)) f.delete(name)
  },
  cross: (row, f) => {
    const claim = wordsOf(row.claim).filter((w) => w.content)
    const cues = wordsOf(row.headline).filter((w) => CUES.has(w.norm) || REPORT.has(w.norm))
    if (row.headline.includes('?'))
      cues.push({ norm: '?', stem: '?', start: 0, end: 0, content: false })
    for (const c of claim) for (const q of cues) add(f, `x:${c.stem}|${q.norm}`, scale)
  },
  crossNew: (row, f) => {
    const claimStems = new Set(wordsOf(row.claim).map((w) => w.stem))
    const added = wordsOf(row.headline).filter((w) => w.content && !claimStems.has(w.stem))
    const cues = wordsOf(row.headline).filter((w) => CUES.has(w.norm) || REPORT.has(w.norm))
    for (const c of added) for (const q of cues) add(f, `xn:${c.stem}|${q.norm}`, scale)
  },
  hidden: (row, f) =>
    hiddenOf(short, inputOf(row.claim, row.headline)).forEach((h, i) =>
      add(f, `hid:${i}`, h * scale),
    ),
  hiddenSwap: (row, f) =>
    hiddenOf(short, inputOf(row.headline, row.claim)).forEach((h, i) =>
      add(f, `hids:${i}`, h * scale),
    ),
  termSwap: (row, f) =>
    termMeasures(prepareClaim(row.headline), prepareText(row.claim), termIdf).forEach((v, i) =>
      add(f, `terms:${i}`, v),
    ),
  bodySwap: (row, f) =>
    predict(
      body,
      stanceInput(
        prepareClaim(row.headline),
        prepareText(row.claim),
        body.layout,
        body.idf,
        body.termIdf,
      ).input,
    ).forEach((p, i) => add(f, `bswap:${i}`, p)),
  logSwap: (row, f) =>
    priorOf(row.headline, row.claim).forEach((p, i) =>
      add(f, `lswap:${i}`, Math.log(p + 1e-3) / 7),
    ),
}

// ---- session 18 candidates: the claim's other headlines (transductive), character n-grams, refuting roots ----
/** Each row's siblings: the other rows of its claim (in verify: the other short texts of the same call). */
const siblingsOf = new Map<string, number[]>()
rows.forEach((row, i) => siblingsOf.set(row.claimId, [...(siblingsOf.get(row.claimId) ?? []), i]))
const rowIndex = new Map(rows.map((row, i) => [row, i]))
const contentStems = rows.map(headlineStems)
const jac = jaccard
const others = (row: HeadlineRow): number[] =>
  (siblingsOf.get(row.claimId) ?? []).filter((j) => j !== rowIndex.get(row))
/** Share of the claim's other headlines that carry each stem. */
const siblingShare = (row: HeadlineRow): Map<string, number> => {
  const sib = others(row)
  const share = new Map<string, number>()
  for (const j of sib)
    for (const s of contentStems[j]!) share.set(s, (share.get(s) ?? 0) + 1 / sib.length)
  return share
}
const ROOTS = [
  'fake',
  'hoax',
  'debunk',
  'fals',
  'deni',
  'deny',
  'myth',
  'untru',
  'satir',
  'prank',
  'rumo',
  'lie',
  'lying',
  'bogus',
  'dismiss',
  'refut',
  'wrong',
  'mistak',
  'spoof',
  'scam',
]
const gramsOf = (word: string, n: number): string[] => {
  const padded = `<${word}>`
  const out: string[] = []
  for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n))
  return out
}
const SIB: Record<string, Extra> = {
  sibSim: (row, f) => {
    const mine = contentStems[rowIndex.get(row)!]!
    const sims = others(row).map((j) => jac(mine, contentStems[j]!))
    if (sims.length === 0) return add(f, 'sib-none')
    add(f, 'sib-mean', sims.reduce((a, b) => a + b, 0) / sims.length)
    add(f, 'sib-max', Math.max(...sims))
  },
  sibOwn: (row, f) => {
    const share = siblingShare(row)
    const claimStems = new Set(wordsOf(row.claim).map((w) => w.stem))
    for (const s of contentStems[rowIndex.get(row)!]!)
      if (!claimStems.has(s) && (share.get(s) ?? 0) < 0.2) add(f, `own:${s}`, scale)
  },
  sibCommon: (row, f) => {
    const share = siblingShare(row)
    const claimStems = new Set(wordsOf(row.claim).map((w) => w.stem))
    const mine = [...contentStems[rowIndex.get(row)!]!]
    const fresh = mine.filter((s) => !claimStems.has(s))
    if (fresh.length === 0) return
    const common = fresh.filter((s) => (share.get(s) ?? 0) >= 0.3).length
    add(f, 'fresh-common', common / fresh.length)
    add(f, 'fresh-rare', (fresh.length - common) / fresh.length)
  },
  /** Share of the claim's words plus the words most of its headlines use. */
  sibShare: (row, f) => {
    const share = siblingShare(row)
    const wanted = new Set(
      wordsOf(row.claim)
        .filter((w) => w.content)
        .map((w) => w.stem),
    )
    for (const [s, v] of share) if (v >= 0.5) wanted.add(s)
    const mine = contentStems[rowIndex.get(row)!]!
    let hit = 0
    for (const s of wanted) if (mine.has(s)) hit++
    add(f, 'xshare', wanted.size === 0 ? 0 : hit / wanted.size)
  },
  char4: (row, f) => {
    for (const w of wordsOf(row.headline))
      for (const g of gramsOf(w.norm, 4)) add(f, `c4:${g}`, scale)
  },
  char4new: (row, f) => {
    const claimStems = new Set(wordsOf(row.claim).map((w) => w.stem))
    for (const w of wordsOf(row.headline))
      if (!claimStems.has(w.stem)) for (const g of gramsOf(w.norm, 4)) add(f, `c4n:${g}`, scale)
  },
  roots: (row, f) => {
    const words = wordsOf(row.headline)
    for (const root of ROOTS) {
      const at = words.findIndex((w) => w.norm.startsWith(root))
      if (at >= 0) add(f, `root:${root}`)
    }
    if (ROOTS.some((root) => words.some((w) => w.norm.startsWith(root)))) add(f, 'root-any')
  },
  rootsAny: (row, f) => {
    const words = wordsOf(row.headline)
    if (ROOTS.some((root) => words.some((w) => w.norm.startsWith(root)))) add(f, 'root-any')
  },
}
const dropWhere =
  (test: (name: string, row: HeadlineRow) => boolean): Extra =>
  (row, f) => {
    for (const name of [...f.keys()]) if (test(name, row)) f.delete(name)
  }
/** Word features dropped for words at least `share` of the claim's other headlines use (the story's topic). */
const noTopicWords =
  (least: number): Extra =>
  (row, f) => {
    const share = siblingShare(row)
    for (const name of [...f.keys()])
      if (/^(new|w):/.test(name) && (share.get(name.replace(/^\w+:/, '')) ?? 0) >= least)
        f.delete(name)
  }
const claimStemsOf = (row: HeadlineRow): Set<string> =>
  new Set(wordsOf(row.claim).map((w) => w.stem))
Object.assign(SIB, {
  noClaimW: dropWhere((name, row) => name.startsWith('w:') && claimStemsOf(row).has(name.slice(2))),
  noClaimContentW: dropWhere(
    (name, row) =>
      name.startsWith('w:') &&
      wordsOf(row.claim).some((w) => w.content && w.stem === name.slice(2)),
  ),
  noW: dropWhere((name) => name.startsWith('w:')),
  noNew: dropWhere((name) => name.startsWith('new:')),
  noTopicNew: noTopicWords(0.3),
  noTopicNew5: noTopicWords(0.5),
  // The shipped set before session 18's headline-level hedges (hedgePlace in headline.ts), to measure that step.
  before18: dropWhere((name) =>
    /^(hedge-n|hedge-and-question|hrep-before|hrep-after|hrep-rel)$/.test(name),
  ),
  caps: (row: HeadlineRow, f: Map<string, number>) => {
    if (/\b[A-Z]{4,}\b/.test(row.headline) && !/\b[A-Z]{4,}\b/.test(row.claim)) add(f, 'caps')
  },
  noOpen: (row: HeadlineRow, f: Map<string, number>) => {
    if (/^\s*(no|not|nope|fake|hoax|false|myth|debunked)\b/i.test(row.headline))
      add(f, 'debunk-open')
  },
})
Object.assign(EXTRAS, SIB)

Object.assign(EXTRAS, {
  noFirst: dropWhere((name) => name.startsWith('first:')),
  noLabel: dropWhere((name) => name.startsWith('label:')),
  noRep: dropWhere((name) => name.startsWith('rep:')),
  noCuePlace: dropWhere((name) => /^(ref|hedge)-(at|before|after|rel)/.test(name)),
})
// ---- session 19 candidates: non-linear readings of the short-text model's probabilities ----
const priorCache = new Map<HeadlineRow, { forward: number[]; swapped: number[] }>()
const priorsOf = (row: HeadlineRow): { forward: number[]; swapped: number[] } => {
  let known = priorCache.get(row)
  if (known === undefined) {
    known = { forward: priorOf(row.claim, row.headline), swapped: priorOf(row.headline, row.claim) }
    priorCache.set(row, known)
  }
  return known
}
const CUE_FLAGS = ['question', 'hedging', 'report', 'refuting', 'negation', 'neg-aligned', 'quoted']
Object.assign(EXTRAS, {
  /** Each cue present crossed with the short model's probabilities (the model is linear: no interaction else). */
  priorX: (row: HeadlineRow, f: Map<string, number>) => {
    const { forward, swapped } = priorsOf(row)
    for (const flag of CUE_FLAGS.filter((name) => f.has(name))) {
      forward.forEach((p, i) => add(f, `${flag}|p${i}`, p))
      swapped.forEach((p, i) => add(f, `${flag}|s${i}`, p))
    }
  },
  /** The probabilities in five bins each (a step function the linear model can bend). */
  priorBins: (row: HeadlineRow, f: Map<string, number>) => {
    const { forward, swapped } = priorsOf(row)
    forward.forEach((p, i) => add(f, `pb${i}:${Math.min(4, Math.floor(p * 5))}`))
    swapped.forEach((p, i) => add(f, `sb${i}:${Math.min(4, Math.floor(p * 5))}`))
  },
  logPrior: (row: HeadlineRow, f: Map<string, number>) => {
    const { forward, swapped } = priorsOf(row)
    forward.forEach((p, i) => add(f, `lp${i}`, Math.log(p + 1e-3) / 7))
    swapped.forEach((p, i) => add(f, `ls${i}`, Math.log(p + 1e-3) / 7))
  },
})

// ---- session 20 candidates: attribution in the headline (the annotation stage's tagger), the claim's modality ----
const attributionModel = defaultAttributionModel()
const attributionCache = new Map<
  HeadlineRow,
  { roles: string[]; tokens: TagToken[]; found: Attribution[] }
>()
const attributionOf = (row: HeadlineRow) => {
  let known = attributionCache.get(row)
  if (known === undefined) {
    const tokens = tagTokens(row.headline)
    known = {
      tokens,
      roles: tagText(attributionModel, tokens).roles,
      found: findAttributions(row.headline, { model: attributionModel }),
    }
    attributionCache.set(row, known)
  }
  return known
}
const MODAL = new Set([
  'will',
  'would',
  'could',
  'may',
  'might',
  'plans',
  'plan',
  'to',
  'set',
  'expected',
])
Object.assign(EXTRAS, {
  /** The attribution tagger's reading of the headline: a source and a cue tagged ("BMO forecasts …"), an
   * assembled attribution, whether the claim's words sit inside its content ("… said to open in Manhattan"). */
  attr: (row: HeadlineRow, f: Map<string, number>) => {
    const { roles, tokens, found } = attributionOf(row)
    const cueAt = roles.findIndex((r) => r.endsWith('CUE'))
    const src = roles.some((r) => r.endsWith('SRC'))
    if (cueAt >= 0) add(f, 'at-cue')
    if (src) add(f, 'at-src')
    if (cueAt >= 0 && src) add(f, 'at-both')
    if (found.length > 0) add(f, 'at-found')
    if (cueAt < 0) return
    const claimStems = new Set(
      wordsOf(row.claim)
        .filter((w) => w.content)
        .map((w) => w.stem),
    )
    const words = wordsOf(row.headline)
    const shared = words.filter((w) => w.content && claimStems.has(w.stem))
    const cueStart = tokens[cueAt]!.start
    const after = shared.filter((w) => w.start > cueStart).length
    if (shared.length > 0) add(f, 'at-claim-after', after / shared.length)
    const inContent = shared.filter((w) =>
      found.some((a) => w.start >= a.content.start && w.end <= a.content.end),
    ).length
    if (shared.length > 0 && found.length > 0) add(f, 'at-claim-in', inContent / shared.length)
  },
  /** The cue words the tagger found, each a feature ("forecasts", "say"). */
  attrWords: (row: HeadlineRow, f: Map<string, number>) => {
    const { roles, tokens } = attributionOf(row)
    roles.forEach((r, i) => {
      if (r.endsWith('CUE')) add(f, `acue:${tokens[i]!.lower}`)
    })
  },
  /** The short-text model's agree / disagree against discuss as log-odds, both readings (session 19, not shipped). */
  odds: (row: HeadlineRow, f: Map<string, number>) => {
    const { forward, swapped } = priorsOf(row)
    const lo = (p: number[], c: number): number =>
      (Math.log(p[c]! + 1e-3) - Math.log(p[2]! + 1e-3)) / 7
    add(f, 'odds-ad', lo(forward, 0))
    add(f, 'odds-dd', lo(forward, 1))
    add(f, 'odds-sad', lo(swapped, 0))
    add(f, 'odds-sdd', lo(swapped, 1))
  },
  /** A modal or future claim ("will", "plans to") crossed with the headline's hedges and reporting words. */
  modalX: (row: HeadlineRow, f: Map<string, number>) => {
    const modal = wordsOf(row.claim).some((w) => MODAL.has(w.norm))
    const names = [...f.keys()].filter((n) =>
      /^(hedging|report|question|refuting|negation)$/.test(n),
    )
    for (const name of names) add(f, `${modal ? 'cm' : 'cf'}|${name}`)
    add(f, modal ? 'claim-modal' : 'claim-fact')
  },
})

// ---- word clusters (models/word-clusters.tsv.gz, the NER's Brown-style paths from unlabelled news) ----
const clusterPath = new Map<string, string>()
for (const line of gunzipSync(
  readFileSync(new URL('../models/word-clusters.tsv.gz', import.meta.url)),
)
  .toString('utf8')
  .split('\n')) {
  const [path, words] = line.split('\t')
  if (path && words) for (const word of words.split(' ')) clusterPath.set(word, path)
}
const clusterExtra =
  (prefixes: number[], onlyNew: boolean): Extra =>
  (row, f) => {
    const claimStems = new Set(wordsOf(row.claim).map((w) => w.stem))
    for (const word of wordsOf(row.headline)) {
      if (onlyNew && claimStems.has(word.stem)) continue
      const path = clusterPath.get(word.norm)
      if (path === undefined) continue
      for (const n of prefixes) add(f, `cl${onlyNew ? 'n' : ''}${n}:${path.slice(0, n)}`, scale)
    }
  }
Object.assign(EXTRAS, {
  clusters: clusterExtra([4, 6, 10, 99], false),
  clustersNew: clusterExtra([4, 6, 10, 99], true),
  clustersCoarse: clusterExtra([4, 6], false),
})

/** Word features scaled down (a softer form of dropping them): all of them, or those of the claim's words. */
const scaleWhere =
  (factor: number, test: (name: string, row: HeadlineRow) => boolean): Extra =>
  (row, f) => {
    for (const [name, value] of f) if (test(name, row)) f.set(name, value * factor)
  }
Object.assign(EXTRAS, {
  wHalf: scaleWhere(0.5, (name) => /^(w|new):/.test(name)),
  claimWHalf: scaleWhere(
    0.5,
    (name, row) => name.startsWith('w:') && claimStemsOf(row).has(name.slice(2)),
  ),
})
// "w25", "w75", …: every word feature (w:, new:) scaled by 0.25, 0.75, … of its value in rowFeatures. Measured
// before WORD_WEIGHT (headline.ts) was 0.5; since, "before20" (word features back at 1) is the model before it.
for (const percent of [25, 50, 75])
  EXTRAS[`w${percent}`] = scaleWhere(percent / 100, (name) => /^(w|new):/.test(name))
EXTRAS['before20'] = scaleWhere(2, (name) => /^(w|new):/.test(name))

// ---- session 21: the claim–headline relation (issue #11's list) ----
/** The claim's key words: capitalised words past its first and numbers (its entities and figures). */
const keyWords = (claim: string) =>
  wordsOf(claim).filter(
    (w, i) => /\d/.test(w.norm) || (i > 0 && /^[A-Z]/.test(claim.slice(w.start, w.end))),
  )
const stemSet = (text: string) => new Set(wordsOf(text).map((w) => w.stem))
Object.assign(EXTRAS, {
  /** Does the headline restate the claim's entities and numbers: their share present, and none of them. */
  entShare: (row: HeadlineRow, f: Map<string, number>) => {
    const keys = keyWords(row.claim)
    if (keys.length === 0) return add(f, 'ent-none')
    const stems = stemSet(row.headline)
    const hit = keys.filter((w) => stems.has(w.stem)).length / keys.length
    add(f, 'ent-share', hit)
    if (hit === 0) add(f, 'ent-missing')
  },
  /** The claim's predicate words (content words that are not its entities): their share in the headline. */
  predShare: (row: HeadlineRow, f: Map<string, number>) => {
    const keys = new Set(keyWords(row.claim).map((w) => w.stem))
    const first = wordsOf(row.claim)[0]?.stem
    const rest = wordsOf(row.claim).filter(
      (w) => w.content && !keys.has(w.stem) && w.stem !== first,
    )
    if (rest.length === 0) return
    const stems = stemSet(row.headline)
    const hit = rest.filter((w) => stems.has(w.stem)).length / rest.length
    add(f, 'pred-share', hit)
    if (hit === 0) add(f, 'pred-missing')
  },
  /** A negator within three words before any claim word's stem in the headline (claim not negated). */
  negPred: (row: HeadlineRow, f: Map<string, number>) => {
    const claimStems = new Set(
      wordsOf(row.claim)
        .filter((w) => w.content)
        .map((w) => w.stem),
    )
    const words = wordsOf(row.headline)
    const neg = (w: { norm: string }) => NEG.has(w.norm) || w.norm.endsWith("n't")
    if (wordsOf(row.claim).some(neg)) return
    const keys = new Set(keyWords(row.claim).map((w) => w.stem))
    words.forEach((w, i) => {
      if (!claimStems.has(w.stem) || keys.has(w.stem)) return
      if (words.slice(Math.max(0, i - 3), i).some(neg)) add(f, 'neg-pred')
    })
  },
})

// ---- session 22: F&V's alignment and scope cues read once more, and per-claim normalisation ----
const REF22 = new Set([...REFUTING, ...HEADLINE_REFUTING])
const HEDGE22 = new Set([...HEDGING, ...HEADLINE_HEDGING, ...HEADLINE_REPORTING])
const isNeg22 = (w: { norm: string }): boolean => NEG.has(w.norm) || w.norm.endsWith("n't")
/**
 * Headline positions aligned to a claim content word: the same stem, or (with `byCluster`) the same word-cluster
 * path (models/word-clusters.tsv.gz: "killed / captured", "denies / responds") — clusters in place of F&V's PPDB.
 */
const alignedByCluster = (
  claim: string,
  headline: string,
): { claimContent: number; byStem: number[]; byCluster: number[] } => {
  const claimWords = wordsOf(claim)
  return {
    claimContent: claimWords.filter((w) => w.content).length,
    ...claimWordsFound(claimWords, wordsOf(headline)),
  }
}
/** The share of the claim's content words aligned by stem or cluster, by cluster alone, and none aligned. */
const clShare = (row: HeadlineRow, f: Map<string, number>): void => {
  const { claimContent, byStem, byCluster } = alignedByCluster(row.claim, row.headline)
  if (claimContent === 0) return
  add(f, 'cla-share', (byStem.length + byCluster.length) / claimContent)
  add(f, 'cla-cluster', byCluster.length / claimContent)
  if (byStem.length + byCluster.length === 0) add(f, 'cla-none')
}
/** F&V's negation alignment with clusters for PPDB: a negator at most three words before an aligned word. */
const clNeg = (row: HeadlineRow, f: Map<string, number>): void => {
  const { byStem, byCluster } = alignedByCluster(row.claim, row.headline)
  const words = wordsOf(row.headline)
  const negators = words.flatMap((w, at) => (isNeg22(w) ? [at] : []))
  const negated = [...byStem, ...byCluster].some((at) =>
    negators.some((n) => n < at && at - n <= 3),
  )
  if (negated && !wordsOf(row.claim).some(isNeg22)) add(f, 'cla-neg')
}
/**
 * Per-claim normalisation (transductive: in verify a claim's headlines come in one call): the short-text model's
 * readings (forward, swapped) minus their mean over all the claim's headlines, so a headline is read against its
 * story's others.
 */
const priorDev = (
  row: HeadlineRow,
  f: Map<string, number>,
  forward: boolean,
  swapped: boolean,
): void => {
  const group = siblingsOf.get(row.claimId) ?? []
  const own = priorsOf(row)
  const mean = (pick: (p: { forward: number[]; swapped: number[] }) => number[]) =>
    [0, 1, 2, 3].map(
      (c) => group.reduce((a, j) => a + pick(priorsOf(rows[j]!))[c]!, 0) / group.length,
    )
  if (forward) {
    const m = mean((p) => p.forward)
    own.forward.forEach((p, c) => add(f, `pdev:${c}`, p - m[c]!))
  }
  if (swapped) {
    const m = mean((p) => p.swapped)
    own.swapped.forEach((p, c) => add(f, `sdev:${c}`, p - m[c]!))
  }
}
Object.assign(EXTRAS, {
  /** Claim words aligned by word cluster (paraphrase): their share, and a negator before one of them. */
  clAlign: (row: HeadlineRow, f: Map<string, number>) => {
    clShare(row, f)
    clNeg(row, f)
  },
  clShare: (row: HeadlineRow, f: Map<string, number>) => clShare(row, f),
  clNeg: (row: HeadlineRow, f: Map<string, number>) => clNeg(row, f),
  /**
   * F&V's Word2Vec similarity with the word clusters as the vectors: cosine between the claim's and the headline's
   * bags of cluster-path prefixes (content words; 6 and 10 bits), and between the bags of their words the other lacks.
   */
  clSim: (row: HeadlineRow, f: Map<string, number>) => {
    const bag = (text: string, bits: number, skip: Set<string>) => {
      const out = new Map<string, number>()
      for (const w of wordsOf(text)) {
        if (!w.content || skip.has(w.stem)) continue
        const key = clusterPath.get(w.norm)?.slice(0, bits) ?? `w:${w.stem}`
        out.set(key, (out.get(key) ?? 0) + 1)
      }
      return out
    }
    const cosine = (a: Map<string, number>, b: Map<string, number>) => {
      let dot = 0
      for (const [k, v] of a) dot += v * (b.get(k) ?? 0)
      const norm = (m: Map<string, number>) =>
        Math.sqrt([...m.values()].reduce((x, v) => x + v * v, 0))
      const d = norm(a) * norm(b)
      return d === 0 ? 0 : dot / d
    }
    const claimStems = new Set(wordsOf(row.claim).map((w) => w.stem))
    const headStems = new Set(wordsOf(row.headline).map((w) => w.stem))
    for (const bits of [6, 10]) {
      add(
        f,
        `clsim:${bits}`,
        cosine(bag(row.claim, bits, new Set()), bag(row.headline, bits, new Set())),
      )
      add(
        f,
        `clsim-rest:${bits}`,
        cosine(bag(row.claim, bits, headStems), bag(row.headline, bits, claimStems)),
      )
    }
  },
  /** Negation present in one text and not the other (whatever it negates). */
  negXor: (row: HeadlineRow, f: Map<string, number>) => {
    const inClaim = wordsOf(row.claim).some(isNeg22)
    const inHeadline = wordsOf(row.headline).some(isNeg22)
    if (inHeadline && !inClaim) add(f, 'negx-headline')
    if (inClaim && !inHeadline) add(f, 'negx-claim')
  },
  /**
   * Cue scope by the claim's words: a refuting or hedging / reporting word at most three words before a headline
   * word aligned to the claim ("denies X", "reportedly X"), or right after the last one ("X: hoax", "X, says").
   */
  cueScope: (row: HeadlineRow, f: Map<string, number>) => {
    const { byStem, byCluster } = alignedByCluster(row.claim, row.headline)
    const aligned = [...byStem, ...byCluster]
    if (aligned.length === 0) return
    const words = wordsOf(row.headline)
    const last = Math.max(...aligned)
    words.forEach((w, at) => {
      const kind = REF22.has(w.norm) ? 'ref' : HEDGE22.has(w.norm) ? 'hedge' : undefined
      if (kind === undefined) return
      if (aligned.some((a) => a > at && a - at <= 3)) add(f, `scope:${kind}-before`)
      if (at > last && at - last <= 2) add(f, `scope:${kind}-after`)
    })
  },
  /** Scare quotes: a single-quoted span (apostrophes aside) around a claim word, or around other words. */
  scare: (row: HeadlineRow, f: Map<string, number>) => {
    const claimStems = new Set(wordsOf(row.claim).map((w) => w.stem))
    const text = row.headline.replace(/\b\w'\w/g, (m) => m.replace("'", '_'))
    for (const match of text.matchAll(/(?:^|[\s(])'([^']{2,60})'/g)) {
      const inside = wordsOf(match[1]!.replace(/_/g, "'"))
      add(f, inside.some((w) => claimStems.has(w.stem)) ? 'scare-claim' : 'scare-other')
    }
  },
  /**
   * Per-claim normalisation (transductive: in verify a claim's headlines come in one call): the short-text model's
   * readings minus their mean over all the claim's headlines, so a headline is read against its story's others.
   */
  priorDev: (row: HeadlineRow, f: Map<string, number>) => priorDev(row, f, true, true),
  priorDevF: (row: HeadlineRow, f: Map<string, number>) => priorDev(row, f, true, false),
  priorDevS: (row: HeadlineRow, f: Map<string, number>) => priorDev(row, f, false, true),
})

const buckets = HEADLINE_SETTINGS.buckets
const repeats = numberArgument('repeats', 4)
const baseFeatures = rows.map((row) => rowFeatures(short, row))
const examplesWith = (extras: Extra[]): HeadlineExample[] =>
  rows.map((row, i) => {
    const features = new Map(baseFeatures[i])
    for (const extra of extras) extra(row, features)
    return {
      input: headlineInput(features, buckets),
      label: HEADLINE_LABEL[row.stance] as number,
      claimId: row.claimId,
    }
  })

const stats = (values: number[]): string => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
  return `${mean.toFixed(4)} ± ${sd.toFixed(4)}`
}
const argmax = (values: number[]): number => values.indexOf(Math.max(...values))
/** The shipped learner: HEADLINE_SETTINGS.members training orders averaged. */
const plain: HeadlineTrainer = (data) => {
  const model = trainHeadlineModel(data, HEADLINE_SETTINGS)
  return (input) => predictHeadline(model, input)
}
// Session 23 shipped the claim alignment and cue scope (clAlign + cueScope, in headline.ts; session 22's per-claim
// normalisation, priorDevS, left out); "before22" is the model before them.
EXTRAS['before22'] = dropWhere((name) => /^(cla-|scope:|sdev:)/.test(name))
// Session 23: the claim alignment and cue scope without the per-claim normalisation (a verdict reads the claim and
// its own article only); each part dropped from it, and a call-independent stand-in for the normalisation: the
// swapped reading against the short model's reading of the claim against itself (selfDev).
Object.assign(EXTRAS, {
  noAlign: dropWhere((name) => name.startsWith('cla-')),
  noClShare: dropWhere((name) => /^cla-(share|cluster|none)$/.test(name)),
  noClNeg: dropWhere((name) => name === 'cla-neg'),
  noScope: dropWhere((name) => name.startsWith('scope:')),
  selfDev: (row: HeadlineRow, f: Map<string, number>) => {
    const self = priorOf(row.claim, row.claim)
    priorsOf(row).swapped.forEach((p, c) => add(f, `selfdev:${c}`, p - self[c]!))
  },
})
// "--firstDeal 8": deal the claims from the ninth way on (deals never looked at when choosing: a fresh check).
const firstDeal = numberArgument('firstDeal', 0)
const evaluate = (examples: HeadlineExample[], train: HeadlineTrainer) =>
  crossValidateHeadlineClaims(examples, HEADLINE_SETTINGS, 5, repeats, train, firstDeal)
const base = evaluate(examplesWith([]), plain)
console.log(`shipped: accuracy ${stats(base.accuracy)}, counts exact ${stats(base.countsExact)}`)
const chosen = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith('--') && !/^[\d.e-]+$/.test(arg))
const STEPS = [-0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6]
/** Log-probability offsets (against, observing) that classify the out-of-fold pairs best; smallest first on ties. */
function chooseOffsets(data: HeadlineExample[], outOfFold: number[][]): number[] {
  let best = { correct: -1, size: 0, offsets: [0, 0, 0] }
  for (const a of STEPS)
    for (const o of STEPS) {
      const offsets = [0, a, o]
      const correct = data.filter(
        (example, i) =>
          argmax(outOfFold[i]!.map((p, c) => Math.log(p) + offsets[c]!)) === example.label,
      ).length
      const size = Math.abs(a) + Math.abs(o)
      if (correct > best.correct || (correct === best.correct && size < best.size))
        best = { correct, size, offsets }
    }
  return best.offsets
}
/** A candidate's inputs and trainer from its spec ("NAME+NAME@MODE"). */
function candidate(spec: string): { extras: Extra[]; trainer: HeadlineTrainer } {
  const [name, mode = ''] = spec.split('@') as [string, string?]
  const extras = name.split('+').map((part) => EXTRAS[part] as Extra)
  const batch = batchTrainer(mode)
  if (batch !== undefined) return { extras, trainer: batch }
  const k = Number(/avg(\d+)/.exec(mode)?.[1] ?? 0)
  const offsets = mode.endsWith('o')
  const seed = Number(/seed(\d+)/.exec(mode)?.[1] ?? 0)
  // "@seedN": the same learner on the pairs in another order (its shuffles differ): the noise of training alone.
  const reordered: HeadlineTrainer = (data) =>
    plain(
      [...data].sort(
        (a, b) =>
          fnv1a32(`${seed}:${a.input.indices.join(',')}`) -
          fnv1a32(`${seed}:${b.input.indices.join(',')}`),
      ),
    )
  // "@epochs8", "@l2_0.001", "@lr0.03": the same learner with other settings.
  const epochs = Number(/epochs(\d+)/.exec(mode)?.[1] ?? HEADLINE_SETTINGS.epochs)
  const l2 = Number(/l2_([\d.e-]+)/.exec(mode)?.[1] ?? HEADLINE_SETTINGS.l2)
  const lr = Number(/lr([\d.]+)/.exec(mode)?.[1] ?? HEADLINE_SETTINGS.lr)
  // "@single": one training order (seed 1), the learner as shipped before session 20.
  const members = mode.includes('single')
    ? 1
    : Number(/ens(\d+)/.exec(mode)?.[1] ?? HEADLINE_SETTINGS.members)
  const tuned: HeadlineTrainer = (data) => {
    const model = trainHeadlineModel(data, { ...HEADLINE_SETTINGS, epochs, l2, lr, members })
    return (input) => predictHeadline(model, input)
  }
  // "@ens5": weights averaged over 5 training orders (seeds 1…5; "@ens5from11": seeds 11…15); "@ens5p": their
  // probabilities averaged instead; "@ens5o": with class offsets chosen on out-of-fold probabilities (nested).
  const ensemble: HeadlineTrainer = (data) => {
    const settings = { ...HEADLINE_SETTINGS, epochs, l2, lr }
    if (mode.endsWith('o')) {
      // Class offsets chosen on out-of-fold probabilities within the training claims (5 inner folds by claim).
      const outOfFold: number[][] = data.map(() => [])
      const innerFold = (example: HeadlineExample): number =>
        fnv1a32(`inner:${example.claimId}`) % 5
      for (let fold = 0; fold < 5; fold++) {
        const inner = trainEnsemble(
          data.filter((example) => innerFold(example) !== fold),
          settings,
          members,
        )
        data.forEach((example, i) => {
          if (innerFold(example) === fold) outOfFold[i] = predictHeadline(inner, example.input)
        })
      }
      const shift = chooseOffsets(data, outOfFold)
      const model = trainEnsemble(data, settings, members)
      return (input) => predictHeadline(model, input).map((p, c) => Math.log(p) + shift[c]!)
    }
    if (!mode.endsWith('p')) {
      const firstSeed = Number(/from(\d+)/.exec(mode)?.[1] ?? 1)
      const model = trainEnsemble(data, settings, members, firstSeed)
      return (input) => predictHeadline(model, input)
    }
    const models = Array.from({ length: members }, (_, i) =>
      trainHeadline(data, { ...settings, seed: i + 1 }),
    )
    return (input) => {
      const mean = [0, 0, 0]
      for (const model of models)
        predictHeadline(model, input).forEach((p, c) => (mean[c]! += p / members))
      return mean
    }
  }
  const trainer: HeadlineTrainer = /ens\d/.test(mode)
    ? ensemble
    : /epochs|l2_|lr|single/.test(mode)
      ? tuned
      : seed > 0
        ? reordered
        : k === 0
          ? plain
          : (data: HeadlineExample[]) => {
              const { model, outOfFold } = trainAveraged(data, HEADLINE_SETTINGS, k)
              const shift = offsets ? chooseOffsets(data, outOfFold) : [0, 0, 0]
              return (input: HeadlineExample['input']) =>
                predictHeadline(model, input).map((p, c) => Math.log(p) + shift[c]!)
            }
  return { extras, trainer: mode.includes('nb') ? withNaiveBayes(trainer) : trainer }
}

/** Two linear models as one: logits (weights and biases) mixed, `share` of the first. */
function mixModels(a: HeadlineModel, b: HeadlineModel, share: number): HeadlineModel {
  return {
    buckets: a.buckets,
    weights: a.weights.map((value, at) => share * value + (1 - share) * b.weights[at]!),
    bias: a.bias.map((value, at) => share * value + (1 - share) * b.bias[at]!),
  }
}
const MIX_GRID = [0, 0.25, 0.5, 0.75, 1]
/**
 * Session 21: the regularised logistic regression trained to convergence (scripts/headline-lbfgs.ts).
 * "@batch0.01": at l2 0.01; "@batchcv": l2 chosen by inner 5-fold CV by claim within the training claims;
 * "@mix0.5": logits of the batch model (inner-CV l2) and the shipped ensemble mixed half and half (one linear
 * model); "@mixcv": l2 and the mix share (0 … 1) both chosen by inner CV.
 */
function batchTrainer(mode: string): HeadlineTrainer | undefined {
  const fixed = /^batch([\d.e-]+)$/.exec(mode)
  if (fixed) {
    const l2 = Number(fixed[1])
    return (data) => {
      const model = trainBatchHeadline(data, l2, buckets)
      return (input) => predictHeadline(model, input)
    }
  }
  const mix = /^mix([\d.]+|cv)$/.exec(mode)
  if (mode !== 'batchcv' && !mix) return undefined
  const shares = mode === 'batchcv' ? [1] : mix![1] === 'cv' ? MIX_GRID : [Number(mix![1])]
  return (data) => {
    const innerFold = (example: HeadlineExample): number => fnv1a32(`inner:${example.claimId}`) % 5
    const combos = L2_GRID.flatMap((l2) => shares.map((share) => ({ l2, share })))
    const outOfFold = combos.map(() => data.map(() => [] as number[]))
    for (let fold = 0; fold < 5; fold++) {
      const train = data.filter((example) => innerFold(example) !== fold)
      const ensemble = shares.some((share) => share < 1)
        ? trainHeadlineModel(train, HEADLINE_SETTINGS)
        : undefined
      const byL2 = new Map(L2_GRID.map((l2) => [l2, trainBatchHeadline(train, l2, buckets)]))
      combos.forEach(({ l2, share }, k) => {
        const model =
          ensemble === undefined ? byL2.get(l2)! : mixModels(byL2.get(l2)!, ensemble, share)
        data.forEach((example, i) => {
          if (innerFold(example) === fold) outOfFold[k]![i] = predictHeadline(model, example.input)
        })
      })
    }
    const { l2, share } = combos[bestCandidate(data, outOfFold)]!
    chosenSettings.push(`${l2}/${share}`)
    const batchModel = trainBatchHeadline(data, l2, buckets)
    const model =
      share >= 1
        ? batchModel
        : mixModels(batchModel, trainHeadlineModel(data, HEADLINE_SETTINGS), share)
    return (input) => predictHeadline(model, input)
  }
}
/** The l2 / share each outer fold's inner CV chose (printed after a batch candidate). */
const chosenSettings: string[] = []

/**
 * "@…nb": a multinomial naive Bayes over the same hashed inputs (positive values as counts, add-one smoothing),
 * stacked into the learner as three more cues — its class probabilities. For the training pairs they come from
 * naive Bayes fitted on the other training claims (5 inner folds by claim), so the learner does not trust an
 * in-sample reading; held-out pairs read the naive Bayes of all training pairs.
 */
function withNaiveBayes(inner: HeadlineTrainer): HeadlineTrainer {
  const NB_BUCKETS = ['nb:0', 'nb:1', 'nb:2'].map((name) => fnv1a32(name) % buckets)
  const fitNb = (data: HeadlineExample[]) => {
    const counts = [new Float64Array(buckets), new Float64Array(buckets), new Float64Array(buckets)]
    const totals = [0, 0, 0]
    const docs = [1, 1, 1]
    for (const example of data) {
      docs[example.label]! += 1
      example.input.indices.forEach((at, k) => {
        const value = example.input.values[k]!
        if (value <= 0) return
        counts[example.label]![at]! += value
        totals[example.label]! += value
      })
    }
    const prior = docs.map((d) => Math.log(d / (data.length + 3)))
    return (input: HeadlineExample['input']): number[] => {
      const scores = prior.map((p, c) => {
        let sum = p
        input.indices.forEach((at, k) => {
          const value = input.values[k]!
          if (value > 0)
            sum += value * Math.log((counts[c]![at]! + nbAlpha) / (totals[c]! + nbAlpha * buckets))
        })
        return sum
      })
      const top = Math.max(...scores)
      const exps = scores.map((v) => Math.exp(v - top))
      const total = exps.reduce((a, b) => a + b, 0)
      return exps.map((v) => v / total)
    }
  }
  const withCues = (input: HeadlineExample['input'], p: number[]): HeadlineExample['input'] => {
    const map = new Map<number, number>()
    input.indices.forEach((at, k) => map.set(at, input.values[k]!))
    NB_BUCKETS.forEach((at, c) => map.set(at, (map.get(at) ?? 0) + p[c]! * nbScale))
    const indices = [...map.keys()].sort((a, b) => a - b)
    return { indices, values: indices.map((at) => map.get(at)!) }
  }
  return (data) => {
    const innerFold = (example: HeadlineExample): number => fnv1a32(`nb:${example.claimId}`) % 5
    const stacked = data.map((example) => ({ ...example }))
    for (let fold = 0; fold < 5; fold++) {
      const nb = fitNb(data.filter((example) => innerFold(example) !== fold))
      data.forEach((example, i) => {
        if (innerFold(example) === fold)
          stacked[i]!.input = withCues(example.input, nb(example.input))
      })
    }
    const classify = inner(stacked)
    const nb = fitNb(data)
    return (input) => classify(withCues(input, nb(input)))
  }
}
// "--base SPEC": pair every candidate against SPEC (e.g. "base@ens10") instead of the shipped model.
const baseSpec = process.argv.includes('--base')
  ? process.argv[process.argv.indexOf('--base') + 1]!
  : undefined
const against =
  baseSpec === undefined
    ? base
    : (() => {
        const { extras, trainer } = candidate(baseSpec)
        return evaluate(examplesWith(extras), trainer)
      })()
if (baseSpec !== undefined)
  console.log(
    `${baseSpec} (paired against): accuracy ${stats(against.accuracy)}, counts exact ${stats(against.countsExact)}`,
  )
for (const spec of chosen.filter((spec) => spec !== baseSpec)) {
  const { extras, trainer } = candidate(spec)
  const { accuracy: scores, countsExact: exact } = evaluate(examplesWith(extras), trainer)
  const exactGains = exact.map((value, i) => value - (against.countsExact[i] as number))
  const gains = scores.map((score, i) => score - (against.accuracy[i] as number))
  console.log(
    `${spec}: ${stats(scores)}${chosenSettings.length > 0 ? ` [chosen ${chosenSettings.splice(0).join(' ')}]` : ''}  gain ${stats(gains)} [${gains.map((g) => g.toFixed(3)).join(' ')}]  wins ${gains.filter((g) => g > 0).length} / losses ${gains.filter((g) => g < 0).length} of ${gains.length}; counts exact ${stats(exact)} (gain ${stats(exactGains)})`,
  )
}
