import { HEDGING, NEGATION, REFUTING } from '../../data/stance-words.js'
import { STOPWORDS } from '../../data/stopwords.js'
import {
  pushUnitBlock,
  type PreparedSentence,
  type PreparedText,
  type SparseInput,
  wordsOf,
} from './features.js'

/**
 * The input of the body model's second stage (agree / disagree / discuss among related pairs): which function
 * and cue words a body uses around the claim, not what it is about. Topic words decide relatedness, but on
 * new topics they say little about whether a body asserts, doubts or only reports a claim; the words an
 * outlet writes that with ("reportedly", "not", "would", "if", "confirmed", a question mark) carry over.
 * Words are counted from a fixed lexicon (function words and stance cues, listed in the source), so the
 * model holds no vocabulary of the training texts.
 */
const EXTRA_CUES = [
  'confirm',
  'confirms',
  'confirmed',
  'official',
  'officially',
  'announced',
  'true',
  'real',
  'genuine',
  'reveal',
  'revealed',
  'report',
  'unclear',
  'unknown',
  'whether',
  'speculation',
  'speculated',
  'possible',
  'possibly',
  'likely',
  'unlikely',
  'source',
  'sources',
  'statement',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'insisted',
  'insists',
  'actually',
  'indeed',
  'fact',
  'photoshopped',
  'fabricated',
  'viral',
  'circulating',
  'prank',
  'joke',
  'parody',
  'twitter',
  'tweet',
  'tweeted',
  'posted',
  'video',
  'photo',
  'image',
  'footage',
  'evidence',
  'proof',
  'verified',
  'investigating',
  'investigation',
  'police',
  'killed',
  'dead',
  'died',
  'alive',
  'arrested',
  'found',
  'shows',
  'showed',
  'seems',
  'seemed',
  'supposedly',
  'rumoured',
  'would',
  'if',
  'but',
]
/** Marks counted beside the words: questions and quotations shape a report more than any word. */
const QUESTION = '?'
const QUOTE = '"'

export const CUE_WORDS: string[] = [
  ...new Set([...STOPWORDS, ...HEDGING, ...REFUTING, ...NEGATION, ...EXTRA_CUES, QUESTION, QUOTE]),
].sort()
const CUE_INDEX = new Map(CUE_WORDS.map((word, index) => [word, index]))

/** The blocks of the cue input, each a bag of cue words normalised to unit length. */
const BLOCKS = ['claim', 'close', 'lead', 'body'] as const
const LEAD_SENTENCES = 3
export const CUE_EXTRA_FEATURES = 6
export const cueInputSize = (denseFeatures: number): number =>
  CUE_WORDS.length * BLOCKS.length + denseFeatures + CUE_EXTRA_FEATURES

function cueCounts(norms: string[]): Map<number, number> {
  const counts = new Map<number, number>()
  for (const norm of norms) {
    const index = CUE_INDEX.get(norm)
    if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1)
  }
  return counts
}

const sentenceNorms = (sentences: PreparedSentence[], text: string): string[] =>
  sentences.flatMap((sentence) => {
    const marks: string[] = []
    const raw = text.slice(sentence.start, sentence.end)
    if (raw.includes('?')) marks.push(QUESTION)
    if (/["\u201c\u201d]/.test(raw)) marks.push(QUOTE)
    return [...sentence.words.map((word) => word.norm), ...marks]
  })

const HEDGES = new Set(HEDGING)
const REFUTES = new Set(REFUTING)
const hasAny = (sentence: PreparedSentence, lexicon: Set<string>): boolean =>
  sentence.words.some((word) => lexicon.has(word.norm))
const shareWith = (
  sentences: PreparedSentence[],
  test: (s: PreparedSentence) => boolean,
): number => (sentences.length === 0 ? 0 : sentences.filter(test).length / sentences.length)

/**
 * The cue input for one claim and one body: four cue bags (claim, the body's sentences nearest the claim,
 * its lead, all of it), the first stage's dense measures (`dense`, from stanceInput) and a few shares of
 * sentences that hedge, refute, quote or ask.
 */
export function cueInput(
  claim: string,
  text: string,
  prepared: PreparedText,
  close: PreparedSentence[],
  dense: number[],
): SparseInput {
  const claimSide = claimCues(claim)
  const textSide = textCues(text, prepared)
  const input: SparseInput = {
    indices: [...claimSide.indices],
    values: [...claimSide.values],
  }
  pushUnitBlock(input, cueCounts(sentenceNorms(close, text)), CUE_WORDS.length)
  for (const block of [textSide.lead, textSide.body]) {
    input.indices.push(...block.indices)
    input.values.push(...block.values)
  }
  const denseOffset = BLOCKS.length * CUE_WORDS.length
  const extra = [
    textSide.hedging,
    textSide.refuting,
    shareWith(close, (sentence) => hasAny(sentence, HEDGES)),
    shareWith(close, (sentence) => hasAny(sentence, REFUTES)),
    textSide.quoted,
    textSide.asking,
  ]
  ;[...dense, ...extra].forEach((value, index) => {
    input.indices.push(denseOffset + index)
    input.values.push(value)
  })
  return input
}

/** The claim's cue block (block 0), for the claim the last call read: a brief asks one claim of many bodies. */
let lastClaim: { claim: string; block: SparseInput } | null = null

function claimCues(claim: string): SparseInput {
  if (lastClaim?.claim !== claim) {
    const norms = wordsOf(claim).map((word) => word.norm)
    if (claim.includes('?')) norms.push(QUESTION)
    const block: SparseInput = { indices: [], values: [] }
    pushUnitBlock(block, cueCounts(norms), 0)
    lastClaim = { claim, block }
  }
  return lastClaim.block
}

/** What the cue input reads of a body alone (its lead and whole-body bags, and shares of its sentences). */
interface TextCues {
  text: string
  lead: SparseInput
  body: SparseInput
  hedging: number
  refuting: number
  quoted: number
  asking: number
}

const textCueCache = new WeakMap<PreparedText, TextCues>()

/** A body's cues, read once per prepared text (a brief asks each body about several claims). */
function textCues(text: string, prepared: PreparedText): TextCues {
  const known = textCueCache.get(prepared)
  if (known !== undefined && known.text === text) return known
  const lead: SparseInput = { indices: [], values: [] }
  const body: SparseInput = { indices: [], values: [] }
  const sentences = prepared.sentences
  pushUnitBlock(
    lead,
    cueCounts(sentenceNorms(sentences.slice(0, LEAD_SENTENCES), text)),
    2 * CUE_WORDS.length,
  )
  pushUnitBlock(body, cueCounts(sentenceNorms(sentences, text)), 3 * CUE_WORDS.length)
  const fresh: TextCues = {
    text,
    lead,
    body,
    hedging: shareWith(sentences, (sentence) => hasAny(sentence, HEDGES)),
    refuting: shareWith(sentences, (sentence) => hasAny(sentence, REFUTES)),
    quoted: shareWith(sentences, (sentence) => sentence.quoted),
    asking: shareWith(sentences, (sentence) =>
      text.slice(sentence.start, sentence.end).includes('?'),
    ),
  }
  textCueCache.set(prepared, fresh)
  return fresh
}

/**
 * The body model's four probabilities with its related share split anew: the first stage's three related
 * probabilities and the cue stage's (`cues`, agree / disagree / discuss) blended geometrically with weight
 * `weight` on the cue stage, times the first stage's probability that the pair is related.
 */
export function withCueStage(first: number[], cues: number[], weight: number): number[] {
  const unrelated = first[3] as number
  const relatedMass = (first[0] as number) + (first[1] as number) + (first[2] as number)
  const blended = [0, 1, 2].map(
    (c) =>
      Math.max((first[c] as number) / (relatedMass || 1), 1e-6) ** (1 - weight) *
      Math.max(cues[c] as number, 1e-6) ** weight,
  )
  const sum = blended.reduce((a, b) => a + b, 0)
  return [...blended.map((value) => ((1 - unrelated) * value) / sum), unrelated]
}
