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
  const input: SparseInput = { indices: [], values: [] }
  const claimNorms = wordsOf(claim).map((word) => word.norm)
  if (claim.includes('?')) claimNorms.push(QUESTION)
  const lead = prepared.sentences.slice(0, LEAD_SENTENCES)
  const bags = [
    claimNorms,
    sentenceNorms(close, text),
    sentenceNorms(lead, text),
    sentenceNorms(prepared.sentences, text),
  ]
  bags.forEach((norms, block) => pushUnitBlock(input, cueCounts(norms), block * CUE_WORDS.length))
  const denseOffset = BLOCKS.length * CUE_WORDS.length
  const quoted = (sentence: PreparedSentence): boolean => sentence.quoted
  const asks = (sentence: PreparedSentence): boolean =>
    text.slice(sentence.start, sentence.end).includes('?')
  const extra = [
    shareWith(prepared.sentences, (sentence) => hasAny(sentence, HEDGES)),
    shareWith(prepared.sentences, (sentence) => hasAny(sentence, REFUTES)),
    shareWith(close, (sentence) => hasAny(sentence, HEDGES)),
    shareWith(close, (sentence) => hasAny(sentence, REFUTES)),
    shareWith(prepared.sentences, quoted),
    shareWith(prepared.sentences, asks),
  ]
  ;[...dense, ...extra].forEach((value, index) => {
    input.indices.push(denseOffset + index)
    input.values.push(value)
  })
  return input
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
