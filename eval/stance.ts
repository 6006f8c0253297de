/**
 * Stance figures through the public `verify(claim, articles)`, called as ../shared/tools/verify_runner.mjs
 * calls it (one call per claim with the texts it is paired with): FNC-1's test half (bodies) and Emergent's
 * dev half (headlines), beside the published peers' predictions on the same pairs.
 */
import { existsSync, readFileSync } from 'node:fs'
import { verify } from '../src/corroborate/verify.js'
import type { Stance } from '../src/corroborate/stance/model.js'
import { scoreStances, type StanceScores } from './stance-metrics.js'
import { OverlapIndex } from './stance-overlap.js'
import { SHORT_TEXT_CHARS } from '../src/corroborate/verify.js'
import {
  crossValidateHeadlineClaims,
  HEADLINE_SETTINGS,
  headlineExamples,
} from '../scripts/headline-trainer.js'

const DATA = new URL('../../shared/data/', import.meta.url)
/** The headline model's CV deals the training claims into 5 folds this many ways (20 held-out folds). */
export const HEADLINE_CV_REPEATS = 4

const readJsonl = <T>(path: string): T[] =>
  readFileSync(new URL(path, DATA), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)

export const stanceDataPresent = (): boolean =>
  existsSync(new URL('stance-fnc1/test-half/stances.jsonl', DATA)) &&
  existsSync(new URL('stance-emergent/stances.jsonl', DATA))

interface FncPair {
  claim: string
  bodyId: number
  stance: Stance
}

/** Runs verify over claims grouped as verify_runner.mjs groups them; returns a stance per pair key. */
function verifyGrouped(
  groups: Map<string, { claim: string; articles: Map<string, string> }>,
): Map<string, Stance> {
  const stances = new Map<string, Stance>()
  for (const [key, group] of groups) {
    const result = verify(
      group.claim,
      [...group.articles].map(([id, text]) => ({ id, text })),
    )
    for (const verdict of result.verdicts)
      stances.set(`${key}\u0000${verdict.articleId}`, verdict.stance)
  }
  return stances
}

export interface FncFigures {
  ours: StanceScores
  peers: { name: string; scores: StanceScores }[]
  pairs: number
  seconds: number
  /**
   * Leakage check the other way: test pairs whose body is short enough for the headline model (trained on
   * Emergent's FV-train headlines) and is one of those headlines, and our scores on the other pairs.
   */
  readByTrainedHeadline: { pairs: number; bodies: number; oursOnOthers: StanceScores }
}

/** Emergent FV-train headlines: what the headline model was trained on. */
const fvTrainHeadlines = (): OverlapIndex =>
  new OverlapIndex(
    readJsonl<EmergentPair>('stance-emergent/stances.jsonl')
      .filter((pair) => pair.fvSplit === 'train')
      .map((pair) => pair.headline),
  )

export function evaluateFnc(): FncFigures {
  const started = Date.now()
  const pairs = readJsonl<FncPair>('stance-fnc1/test-half/stances.jsonl')
  const bodies = new Map(
    readJsonl<{ bodyId: number; text: string }>('stance-fnc1/test-half/bodies.jsonl').map(
      (body) => [String(body.bodyId), body.text],
    ),
  )
  const groups = new Map<string, { claim: string; articles: Map<string, string> }>()
  for (const pair of pairs) {
    const group = groups.get(pair.claim) ?? { claim: pair.claim, articles: new Map() }
    group.articles.set(String(pair.bodyId), bodies.get(String(pair.bodyId)) ?? '')
    groups.set(pair.claim, group)
  }
  const predicted = verifyGrouped(groups)
  const gold = pairs.map((pair) => pair.stance)
  const ours = scoreStances(
    gold,
    pairs.map((pair) => predicted.get(`${pair.claim}\u0000${pair.bodyId}`) ?? 'unrelated'),
  )
  const peers = ['athene', 'talos', 'ucl_riedel'].map((name) => {
    // Peer files list this half's pairs in file order (duplicated pairs carry one stance each time).
    const rows = readJsonl<FncPair>(`stance-fnc1/peer-outputs/${name}.jsonl`)
    const byPair = new Map(rows.map((row) => [`${row.claim}\u0000${row.bodyId}`, row.stance]))
    return {
      name,
      scores: scoreStances(
        gold,
        pairs.map((pair) => byPair.get(`${pair.claim}\u0000${pair.bodyId}`) ?? 'unrelated'),
      ),
    }
  })
  const trained = fvTrainHeadlines()
  const seenBodies = new Set(
    [...bodies]
      .filter(([, text]) => text.length < SHORT_TEXT_CHARS && trained.containedIn(text))
      .map(([id]) => id),
  )
  const others = pairs.filter((pair) => !seenBodies.has(String(pair.bodyId)))
  return {
    ours,
    peers,
    pairs: pairs.length,
    seconds: (Date.now() - started) / 1000,
    readByTrainedHeadline: {
      pairs: pairs.length - others.length,
      bodies: seenBodies.size,
      oursOnOthers: scoreStances(
        others.map((pair) => pair.stance),
        others.map((pair) => predicted.get(`${pair.claim}\u0000${pair.bodyId}`) ?? 'unrelated'),
      ),
    },
  }
}

interface EmergentPair {
  claimId: string
  claim: string
  articleId: string
  headline: string
  stance: 'for' | 'against' | 'observing'
  fvSplit: string
}

const AS_EMERGENT: Record<Stance, EmergentPair['stance']> = {
  agree: 'for',
  disagree: 'against',
  discuss: 'observing',
  unrelated: 'observing',
}

/** Per-claim supporting / disputing outlet counts against the gold: mean absolute errors, share exact. */
export interface CountErrors {
  supportMae: number
  disputeMae: number
  exact: number
  claims: number
}

export interface EmergentFigures {
  accuracy: number
  macroF1: number
  fvSubsetAccuracy: number
  peerFvSubsetAccuracy: number
  /** Mean absolute error of supporting / disputing outlet counts per claim, and share of claims exact. */
  supportMae: number
  disputeMae: number
  countsExact: number
  claims: number
  /** The same count errors over the claims of Ferreira & Vlachos's test split only (never trained on). */
  fvTestCounts: CountErrors
  /** Those of Ferreira & Vlachos's own predictions on the same claims. */
  peerFvTestCounts: CountErrors
  /** Pairs whose headline is also an FNC-1 training headline, word for word (stance-overlap.ts). */
  headlinesInFncTrain: number
  /** Pairs whose headline is inside an FNC-1 training body (a sentence the short-text model may train on). */
  headlinesInFncBodies: number
  /**
   * Leakage check: FV-test accuracy on the pairs whose headline the short-text model, whose probabilities the
   * headline model reads, was trained with (an FNC-1 training headline, or inside a training body) and on the
   * others, ours beside Ferreira & Vlachos's (who never saw FNC-1).
   */
  fvTestByFncOverlap: { inFnc: number; ours: number; peer: number }[]
  /** Pairs of Ferreira & Vlachos's train split: the headline model is trained on them (in-sample). */
  trainedPairs: number
  /** Held-out accuracy per fold of the headline model's 5-fold CV by claim on that training part, x4 deals. */
  headlineCv: number[]
  /** Per fold of the same CV: held-out claims whose supporting and disputing counts are both exact. */
  headlineCvCountsExact: number[]
}

export function evaluateEmergent(): EmergentFigures {
  const pairs = readJsonl<EmergentPair>('stance-emergent/stances.jsonl')
  const groups = new Map<string, { claim: string; articles: Map<string, string> }>()
  for (const pair of pairs) {
    const group = groups.get(pair.claimId) ?? { claim: pair.claim, articles: new Map() }
    group.articles.set(pair.articleId, pair.headline)
    groups.set(pair.claimId, group)
  }
  const counts = new Map<string, { support: number; dispute: number }>()
  for (const [claimId, group] of groups) {
    const result = verify(
      group.claim,
      [...group.articles].map(([id, text]) => ({ id, text })),
    )
    counts.set(claimId, { support: result.support, dispute: result.dispute })
    for (const verdict of result.verdicts)
      group.articles.set(verdict.articleId, AS_EMERGENT[verdict.stance])
  }
  const predictedOf = (pair: EmergentPair): string =>
    groups.get(pair.claimId)?.articles.get(pair.articleId) ?? 'observing'
  const accuracyOf = (subset: EmergentPair[], guess: (pair: EmergentPair) => string): number =>
    subset.filter((pair) => guess(pair) === pair.stance).length / (subset.length || 1)
  const classes = ['for', 'against', 'observing'] as const
  const macroF1 =
    classes.reduce((sum, label) => {
      const tp = pairs.filter((p) => p.stance === label && predictedOf(p) === label).length
      const predicted = pairs.filter((p) => predictedOf(p) === label).length
      const actual = pairs.filter((p) => p.stance === label).length
      const precision = tp / (predicted || 1)
      const recall = tp / (actual || 1)
      return sum + (precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall))
    }, 0) / classes.length
  const peer = new Map(
    readJsonl<{ claimId: string; articleId: string; stance: string }>(
      'stance-emergent/peer-outputs/ferreira_vlachos_2016.jsonl',
    ).map((row) => [`${row.claimId}\u0000${row.articleId}`, row.stance]),
  )
  const fvTest = pairs.filter((pair) => peer.has(`${pair.claimId}\u0000${pair.articleId}`))
  type Counts = Map<string, { support: number; dispute: number }>
  const countErrors = (claimIds: string[], from: Counts = counts): CountErrors => {
    let supportError = 0
    let disputeError = 0
    let exact = 0
    for (const claimId of claimIds) {
      const found = from.get(claimId) ?? { support: 0, dispute: 0 }
      const mine = pairs.filter((pair) => pair.claimId === claimId)
      const support = mine.filter((pair) => pair.stance === 'for').length
      const dispute = mine.filter((pair) => pair.stance === 'against').length
      supportError += Math.abs(found.support - support)
      disputeError += Math.abs(found.dispute - dispute)
      if (found.support === support && found.dispute === dispute) exact++
    }
    const claims = claimIds.length || 1
    return {
      supportMae: supportError / claims,
      disputeMae: disputeError / claims,
      exact: exact / claims,
      claims: claimIds.length,
    }
  }
  const all = countErrors([...counts.keys()])
  const fvTestClaims = [...new Set(fvTest.map((pair) => pair.claimId))]
  // F&V's predictions counted per claim as the gold is (every headline an outlet): their count errors.
  const peerCounts: Counts = new Map()
  for (const pair of fvTest) {
    const found = peerCounts.get(pair.claimId) ?? { support: 0, dispute: 0 }
    const stance = peer.get(`${pair.claimId}\u0000${pair.articleId}`)
    if (stance === 'for') found.support++
    if (stance === 'against') found.dispute++
    peerCounts.set(pair.claimId, found)
  }
  // What the short-text FNC model (whose probabilities the headline model reads) was trained with: FNC-1 train
  // headlines as claims, and sentences of FNC-1 train bodies as texts.
  const fncHeadlines = new OverlapIndex(
    readJsonl<{ claim: string }>('stance-fnc1/train/stances.jsonl').map((row) => row.claim),
  )
  const fncBodies = new OverlapIndex(
    readJsonl<{ text: string }>('stance-fnc1/train/bodies.jsonl').map((body) => body.text),
  )
  const inFncTrain = (pair: EmergentPair): boolean => fncHeadlines.has(pair.headline)
  const inFncBodies = (pair: EmergentPair): boolean => fncBodies.contains(pair.headline)
  const seenByFnc = (pair: EmergentPair): boolean => inFncTrain(pair) || inFncBodies(pair)
  const peerOf = (pair: EmergentPair): string =>
    peer.get(`${pair.claimId}\u0000${pair.articleId}`) ?? ''
  const headlineCv = crossValidateHeadlineClaims(
    headlineExamples(HEADLINE_SETTINGS.buckets),
    HEADLINE_SETTINGS,
    5,
    HEADLINE_CV_REPEATS,
  )
  return {
    accuracy: accuracyOf(pairs, predictedOf),
    macroF1,
    fvSubsetAccuracy: accuracyOf(fvTest, predictedOf),
    peerFvSubsetAccuracy: accuracyOf(fvTest, peerOf),
    supportMae: all.supportMae,
    disputeMae: all.disputeMae,
    countsExact: all.exact,
    claims: all.claims,
    fvTestCounts: countErrors(fvTestClaims),
    peerFvTestCounts: countErrors(fvTestClaims, peerCounts),
    headlinesInFncTrain: pairs.filter(inFncTrain).length,
    headlinesInFncBodies: pairs.filter(inFncBodies).length,
    fvTestByFncOverlap: [true, false].map((overlap) => {
      const subset = fvTest.filter((pair) => seenByFnc(pair) === overlap)
      return {
        inFnc: subset.length,
        ours: accuracyOf(subset, predictedOf),
        peer: accuracyOf(subset, peerOf),
      }
    }),
    trainedPairs: pairs.filter((pair) => pair.fvSplit === 'train').length,
    headlineCv: headlineCv.accuracy,
    headlineCvCountsExact: headlineCv.countsExact,
  }
}

/**
 * The body model's cross-validation over FNC-1 TRAIN with folds that hold out whole topics, as recorded by
 * scripts/calibrate-stance.ts --record (the four trainings take far longer than an eval run may): held-out
 * FNC score and macro-F1 per fold, with the class offsets (and the cue stage's weight) chosen on the other
 * three folds.
 */
export interface RecordedStanceCv {
  members: number
  /** The cue stage's weight in the related share's split (CUE_WEIGHT in src/corroborate/verify.ts). */
  cueWeight?: number
  offsets: number[]
  heldOut: { fnc: number; macroF1: number }[]
}

export const recordedStanceCv = (): RecordedStanceCv =>
  JSON.parse(
    readFileSync(new URL('../models/stance-cv.json', import.meta.url), 'utf8'),
  ) as RecordedStanceCv
