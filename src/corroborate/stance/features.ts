import { stem } from '../../text/stem.js'
import { HEDGING, NEGATION, REFUTING } from '../../data/stance-words.js'
import { STOPWORDS } from '../../data/stopwords.js'
import { fnv1a32 } from '../../text/hash.js'
import { splitSentences } from '../../text/sentences.js'
import { tokenize } from '../../text/tokens.js'
import { mapCosine } from '../../text/cosine.js'

/**
 * The stance model's input: a claim and a text become one sparse vector of hashed word counts (the claim,
 * the whole text, and the text's sentences closest to the claim) and a few dense measures (overlap,
 * refuting/hedging/negation counts). Hashing keeps the shipped model free of any vocabulary (no text).
 */
export interface FeatureLayout {
  claimBuckets: number
  textBuckets: number
  closeBuckets: number
}

/** Sentences of the text nearest the claim that feed the "close" block and the evidence. */
const CLOSE_SENTENCES = 3
/** Texts shorter than this are headlines or leads, not bodies (Emergent gives headlines only). */
const SHORT_TEXT = 300
export const DENSE_FEATURES = 30
/**
 * Measures added after the 30 when the model carries a term idf table (`termIdf`): TF-IDF cosines over exact
 * stems (UCL Machine Reading's relatedness measure, Riedel et al. 2017) and negation or refuting words next to
 * the claim's own words (a body that says the claim's thing did *not* happen).
 */
export const TERM_FEATURES = 11
/** Words either side of a claim word within which a negation or refuting word counts as aimed at it. */
const NEAR_WORDS = 4

export const REFUTE = new Set(REFUTING)
const HEDGE = new Set(HEDGING)
export const NEGATE = new Set(NEGATION)

export interface Word {
  norm: string
  stem: string
  start: number
  end: number
  content: boolean
}

export interface PreparedSentence {
  start: number
  end: number
  words: Word[]
  stems: Set<string>
  bigrams: Set<string>
  quoted: boolean
}

/** A text tokenised, stemmed and split once, reused for every claim it is compared with. */
export interface PreparedText {
  length: number
  sentences: PreparedSentence[]
  stems: Set<string>
  bigrams: Set<string>
  counts: Map<string, number>
  refuting: number
  hedging: number
  question: boolean
}

/** A text's lead (its first two sentences) as the stance input reads it: stems, their counts and cue-word counts. */
interface Lead {
  stems: Set<string>
  counts: Map<string, number>
  refuting: number
  hedging: number
  negation: number
}

const leads = new WeakMap<PreparedText, Lead>()

/** The lead of a prepared text, read once per text (it does not depend on the claim). */
function leadOf(text: PreparedText): Lead {
  let found = leads.get(text)
  if (found === undefined) {
    const lead = text.sentences.slice(0, 2)
    const words = lead.flatMap((sentence) => sentence.words)
    found = {
      stems: new Set(lead.flatMap((sentence) => [...sentence.stems])),
      counts: countStems(words),
      refuting: countIn(words, REFUTE),
      hedging: countIn(words, HEDGE),
      negation: countIn(words, NEGATE),
    }
    leads.set(text, found)
  }
  return found
}

export interface PreparedClaim {
  stems: Set<string>
  bigrams: Set<string>
  counts: Map<string, number>
  refuting: number
  hedging: number
  negation: number
  question: boolean
  length: number
}

/** The words of a text, normalised and stemmed, with offsets shifted by `offset`. */
export function wordsOf(text: string, offset = 0): Word[] {
  return tokenize(text).map((token) => {
    const norm = token.norm.replace(/'s$/, '')
    return {
      norm,
      stem: stem(norm),
      start: token.start + offset,
      end: token.end + offset,
      content: norm.length > 1 && !STOPWORDS.has(norm),
    }
  })
}

function bigramsOf(words: Word[]): Set<string> {
  const content = words.filter((word) => word.content)
  const pairs = new Set<string>()
  for (let i = 1; i < content.length; i++)
    pairs.add(`${(content[i - 1] as Word).stem} ${(content[i] as Word).stem}`)
  return pairs
}

function countStems(words: Word[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const word of words)
    if (word.content) counts.set(word.stem, (counts.get(word.stem) ?? 0) + 1)
  return counts
}

export const countIn = (words: Word[], lexicon: Set<string>): number =>
  words.reduce((sum, word) => sum + (lexicon.has(word.norm) ? 1 : 0), 0)

export function prepareText(text: string): PreparedText {
  const sentences = splitSentences(text).map((sentence) => {
    const words = wordsOf(sentence.text, sentence.start)
    return {
      start: sentence.start,
      end: sentence.end,
      words,
      stems: new Set(words.filter((word) => word.content).map((word) => word.stem)),
      bigrams: bigramsOf(words),
      quoted: /["\u201c\u201d]/.test(sentence.text),
    }
  })
  const all = sentences.flatMap((sentence) => sentence.words)
  return {
    length: text.length,
    sentences,
    stems: new Set(all.filter((word) => word.content).map((word) => word.stem)),
    bigrams: new Set(sentences.flatMap((sentence) => [...sentence.bigrams])),
    counts: countStems(all),
    refuting: countIn(all, REFUTE),
    hedging: countIn(all, HEDGE),
    question: text.includes('?'),
  }
}

export function prepareClaim(claim: string): PreparedClaim {
  const words = wordsOf(claim, 0)
  return {
    stems: new Set(words.filter((word) => word.content).map((word) => word.stem)),
    bigrams: bigramsOf(words),
    counts: countStems(words),
    refuting: countIn(words, REFUTE),
    hedging: countIn(words, HEDGE),
    negation: countIn(words, NEGATE),
    question: claim.includes('?'),
    length: words.length,
  }
}

/** Share of the wanted stems present (0 when nothing is wanted). */
export const shareOf = (wanted: Set<string>, present: Set<string>): number => {
  if (wanted.size === 0) return 0
  let found = 0
  for (const item of wanted) if (present.has(item)) found++
  return found / wanted.size
}

/** The sentences that share most of the claim's words, best first (ties: earlier first). */
export function closeSentences(claim: PreparedClaim, text: PreparedText): PreparedSentence[] {
  return text.sentences
    .map((sentence, index) => ({ sentence, index, share: shareOf(claim.stems, sentence.stems) }))
    .sort((a, b) => b.share - a.share || a.index - b.index)
    .slice(0, CLOSE_SENTENCES)
    .filter((entry) => entry.share > 0)
    .map((entry) => entry.sentence)
}

/** Sparse model input: indices ascending within each block, values. */
export interface SparseInput {
  indices: number[]
  values: number[]
}

function addHashed(
  into: SparseInput,
  counts: Map<string, number>,
  offset: number,
  buckets: number,
  weightOf: (bucket: number) => number = () => 1,
): Map<number, number> {
  const byBucket = new Map<number, number>()
  if (buckets === 0) return byBucket
  for (const [stem, count] of counts) {
    const bucket = fnv1a32(stem) % buckets
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + count * weightOf(bucket))
  }
  pushUnitBlock(into, byBucket, offset)
  return byBucket
}

/** Appends a block of counts (by index within the block) scaled to unit length, indices ascending. */
export function pushUnitBlock(
  into: SparseInput,
  counts: Map<number, number>,
  offset: number,
): void {
  let norm = 0
  for (const value of counts.values()) norm += value * value
  norm = Math.sqrt(norm) || 1
  for (const index of [...counts.keys()].sort((a, b) => a - b)) {
    into.indices.push(offset + index)
    into.values.push((counts.get(index) as number) / norm)
  }
}

/** Shared items over all items of two sets (0 for two empty sets). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0
  for (const item of a) if (b.has(item)) shared++
  return shared / (a.size + b.size - shared || 1)
}

const log1 = (count: number): number => Math.log1p(count) / 3

/** Inverse document frequency of a stem from a hashed table (unseen stems share the table's top value). */
export const termIdfOf = (table: ArrayLike<number>, stem: string): number =>
  table[fnv1a32(stem) % table.length] ?? 1

/** Cosine of two stem-count maps weighted by idf, over exact stems (no bucket collisions). */
function tfidfCosine(
  a: Map<string, number>,
  b: Map<string, number>,
  weightOf: (stem: string) => number,
): number {
  let dot = 0
  let normA = 0
  let normB = 0
  for (const [stem, count] of a) {
    const w = weightOf(stem)
    normA += (count * w) ** 2
    const other = b.get(stem)
    if (other !== undefined) dot += count * other * w * w
  }
  if (dot === 0) return 0
  for (const [stem, count] of b) normB += (count * weightOf(stem)) ** 2
  return dot / Math.sqrt(normA * normB)
}

/** The share of the claim's idf mass whose stems are present. */
function idfCoverage(
  claim: Set<string>,
  present: Set<string>,
  weightOf: (stem: string) => number,
): number {
  let total = 0
  let found = 0
  for (const stem of claim) {
    const w = weightOf(stem)
    total += w
    if (present.has(stem)) found += w
  }
  return total === 0 ? 0 : found / total
}

/** Whether a word of `lexicon` stands within NEAR_WORDS words of one of the claim's content stems. */
function nearClaimWord(
  sentence: PreparedSentence,
  claim: Set<string>,
  lexicon: Set<string>,
): boolean {
  const { words } = sentence
  for (let i = 0; i < words.length; i++) {
    if (!lexicon.has((words[i] as Word).norm)) continue
    const from = Math.max(0, i - NEAR_WORDS)
    const to = Math.min(words.length, i + NEAR_WORDS + 1)
    for (let k = from; k < to; k++) {
      const word = words[k] as Word
      if (k !== i && word.content && claim.has(word.stem)) return true
    }
  }
  return false
}

const sentenceCounts = new WeakMap<PreparedText, Map<string, number>[]>()

/** Each sentence's stem counts, counted once per text (they do not depend on the claim). */
function sentenceCountsOf(text: PreparedText): Map<string, number>[] {
  let found = sentenceCounts.get(text)
  if (found === undefined)
    sentenceCounts.set(text, (found = text.sentences.map((sentence) => countStems(sentence.words))))
  return found
}

/**
 * The TERM_FEATURES measures: how much of the claim's rare-word mass the text holds (relatedness), and
 * whether the sentences about the claim negate or refute the claim's own words (disagreement).
 */
export function termMeasures(
  claim: PreparedClaim,
  text: PreparedText,
  table: ArrayLike<number>,
): number[] {
  const weightOf = (stem: string): number => termIdfOf(table, stem)
  const sentenceCounts = sentenceCountsOf(text)
  const cosines = sentenceCounts.map((counts) => tfidfCosine(claim.counts, counts, weightOf))
  const coverages = text.sentences.map((sentence) =>
    idfCoverage(claim.stems, sentence.stems, weightOf),
  )
  const rare = [...claim.stems].sort((a, b) => weightOf(b) - weightOf(a)).slice(0, 3)
  const about = text.sentences.filter((_, index) => (coverages[index] as number) >= 0.3)
  const bestIndex = coverages.indexOf(Math.max(...coverages))
  const best = text.sentences[bestIndex]
  const negatedNear = about.filter((sentence) => nearClaimWord(sentence, claim.stems, NEGATE))
  const refutedNear = about.filter((sentence) => nearClaimWord(sentence, claim.stems, REFUTE))
  const bestNegated = best !== undefined && nearClaimWord(best, claim.stems, NEGATE)
  return [
    tfidfCosine(claim.counts, text.counts, weightOf),
    Math.max(0, ...cosines),
    tfidfCosine(claim.counts, leadOf(text).counts, weightOf),
    idfCoverage(claim.stems, text.stems, weightOf),
    Math.max(0, ...coverages),
    rare.length === 0 ? 0 : rare.filter((stem) => text.stems.has(stem)).length / rare.length,
    log1(about.length),
    about.length === 0 ? 0 : negatedNear.length / about.length,
    about.length === 0 ? 0 : refutedNear.length / about.length,
    bestNegated ? 1 : 0,
    claim.negation > 0 !== bestNegated ? 1 : 0,
  ]
}

/**
 * A layout's and an idf's blocks of one side of the input (claim or text), kept per prepared side: a verdict
 * reads the same text against each line of a brief, and a brief's line against each article, so the half that
 * depends on one side alone is hashed once. The same numbers as hashing them each time.
 */
interface SideBlocks {
  /** The side's own block of the sparse input (offset included). */
  block: SparseInput
  /** Its counts by text bucket weighted by idf, for the cosines. */
  weighted: Map<number, number>
}

const claimSides = new WeakMap<
  PreparedClaim,
  Map<FeatureLayout, Map<ArrayLike<number>, SideBlocks>>
>()
const textSides = new WeakMap<
  PreparedText,
  Map<FeatureLayout, Map<ArrayLike<number>, SideBlocks>>
>()

function sideBlocks<T extends object>(
  cache: WeakMap<T, Map<FeatureLayout, Map<ArrayLike<number>, SideBlocks>>>,
  side: T,
  layout: FeatureLayout,
  idf: ArrayLike<number>,
  make: () => SideBlocks,
): SideBlocks {
  let byLayout = cache.get(side)
  if (byLayout === undefined) cache.set(side, (byLayout = new Map()))
  let byIdf = byLayout.get(layout)
  if (byIdf === undefined) byLayout.set(layout, (byIdf = new Map()))
  let found = byIdf.get(idf)
  if (found === undefined) byIdf.set(idf, (found = make()))
  return found
}

/** A side's counts hashed into its block at `offset`, and weighted by idf over the text buckets. */
function hashSide(
  counts: Map<string, number>,
  offset: number,
  buckets: number,
  layout: FeatureLayout,
  idf: ArrayLike<number>,
): SideBlocks {
  const block: SparseInput = { indices: [], values: [] }
  addHashed(block, counts, offset, buckets)
  const idfOf = (bucket: number): number => idf[bucket] ?? 1
  const weighted = addHashed({ indices: [], values: [] }, counts, 0, layout.textBuckets, idfOf)
  return { block, weighted }
}

/**
 * The model's input for one claim and one text; `idf` weighs the text-block buckets for the cosine; with a
 * `termIdf` table the TERM_FEATURES measures follow the 30 dense ones. `dense` is the 30 alone (the cue
 * stage's input).
 */
export function stanceInput(
  claim: PreparedClaim,
  text: PreparedText,
  layout: FeatureLayout,
  idf: ArrayLike<number>,
  termIdf?: ArrayLike<number>,
): { input: SparseInput; close: PreparedSentence[]; dense: number[] } {
  const close = closeSentences(claim, text)
  const claimSide = sideBlocks(claimSides, claim, layout, idf, () =>
    hashSide(claim.counts, 0, layout.claimBuckets, layout, idf),
  )
  const textOffset = layout.claimBuckets
  const textSide = sideBlocks(textSides, text, layout, idf, () =>
    hashSide(text.counts, textOffset, layout.textBuckets, layout, idf),
  )
  const input: SparseInput = {
    indices: [...claimSide.block.indices, ...textSide.block.indices],
    values: [...claimSide.block.values, ...textSide.block.values],
  }
  const closeOffset = textOffset + layout.textBuckets
  const closeWords = close.flatMap((sentence) => sentence.words)
  const closeCounts = countStems(closeWords)
  addHashed(input, closeCounts, closeOffset, layout.closeBuckets)
  const idfOf = (bucket: number): number => idf[bucket] ?? 1
  const cosineOf = (weighted: Map<number, number>): number =>
    mapCosine(claimSide.weighted, weighted)
  const lead = leadOf(text)
  const shares = text.sentences.map((sentence) => shareOf(claim.stems, sentence.stems))
  const best = close[0]
  const closeRefuting = countIn(closeWords, REFUTE)
  const dense = [
    jaccard(claim.stems, text.stems),
    shareOf(claim.stems, text.stems),
    shareOf(claim.stems, lead.stems),
    Math.max(0, ...shares),
    close.length === 0
      ? 0
      : close.reduce((sum, sentence) => sum + shareOf(claim.stems, sentence.stems), 0) /
        CLOSE_SENTENCES,
    cosineOf(textSide.weighted),
    shareOf(claim.bigrams, text.bigrams),
    best === undefined ? 0 : shareOf(claim.bigrams, best.bigrams),
    cosineOf(addHashed({ indices: [], values: [] }, closeCounts, 0, layout.textBuckets, idfOf)),
    log1(text.refuting),
    log1(closeRefuting),
    Math.min(claim.refuting, 2) / 2,
    log1(text.hedging),
    log1(countIn(closeWords, HEDGE)),
    Math.min(claim.hedging, 2) / 2,
    log1(countIn(closeWords, NEGATE)),
    Math.min(claim.negation, 2) / 2,
    (claim.refuting + closeRefuting) % 2,
    claim.question ? 1 : 0,
    text.question ? 1 : 0,
    Math.log1p(text.length) / 10,
    log1(shares.filter((share) => share >= 0.5).length),
    Math.min(claim.length, 40) / 40,
    text.length < SHORT_TEXT ? 1 : 0,
    close.filter((sentence) => sentence.quoted).length / CLOSE_SENTENCES,
    log1(lead.refuting),
    log1(lead.hedging),
    text.sentences[0] === undefined ? 0 : shareOf(claim.stems, text.sentences[0].stems),
    log1(lead.negation),
    text.sentences.length === 0 ? 0 : Math.log1p(text.sentences.length) / 5,
  ]
  const denseOffset = closeOffset + layout.closeBuckets
  const measures =
    termIdf === undefined || termIdf.length === 0
      ? dense
      : [...dense, ...termMeasures(claim, text, termIdf)]
  measures.forEach((value, index) => {
    input.indices.push(denseOffset + index)
    input.values.push(value)
  })
  return { input, close, dense }
}
