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
 * "before" is the model before the swapped reading and the reporting cues (README, issue #11, s17-emg). Prints
 * each one's accuracy and per-claim "both counts exact" (mean ± sd over folds) and its paired gain per fold.
 */
import { headlineInput, predictHeadline } from '../src/corroborate/stance/headline.js'
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
  trainHeadline,
} from './headline-trainer.js'

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

type Extra = (row: HeadlineRow, features: Map<string, number>) => void
const add = (features: Map<string, number>, name: string, value = 1): void => {
  features.set(name, (features.get(name) ?? 0) + value)
}

const inputOf = (claim: string, text: string) =>
  stanceInput(prepareClaim(claim), prepareText(text), short.layout, short.idf).input
const priorOf = (claim: string, text: string): number[] => predict(short, inputOf(claim, text))

const scale = numberArgument('scale', 0.3)
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
const plain: HeadlineTrainer = (data) => {
  const model = trainHeadline(data, HEADLINE_SETTINGS)
  return (input) => predictHeadline(model, input)
}
const evaluate = (examples: HeadlineExample[], train: HeadlineTrainer) =>
  crossValidateHeadlineClaims(examples, HEADLINE_SETTINGS, 5, repeats, train)
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
for (const spec of chosen) {
  const [name, mode = ''] = spec.split('@') as [string, string?]
  const extras = name.split('+').map((part) => EXTRAS[part] as Extra)
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
  const tuned: HeadlineTrainer = (data) => {
    const model = trainHeadline(data, { ...HEADLINE_SETTINGS, epochs, l2, lr })
    return (input) => predictHeadline(model, input)
  }
  const trainer: HeadlineTrainer = /epochs|l2_|lr/.test(mode)
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
  const { accuracy: scores, countsExact: exact } = evaluate(examplesWith(extras), trainer)
  const exactGains = exact.map((value, i) => value - (base.countsExact[i] as number))
  const gains = scores.map((score, i) => score - (base.accuracy[i] as number))
  console.log(
    `${spec}: ${stats(scores)}  gain ${stats(gains)}  wins ${gains.filter((g) => g > 0).length} / losses ${gains.filter((g) => g < 0).length} of ${gains.length}; counts exact ${stats(exact)} (gain ${stats(exactGains)})`,
  )
}
