import { contentId } from '../text/hash.js'
import { comparisonKey } from '../text/normalize.js'
import { findQuotations, quotedShare } from '../text/quotations.js'
import { textWordsOf } from '../text/tokens.js'
import type { Article, Evidence, ReuseKind, ReuseLink } from '../types.js'
import {
  type AlignableText,
  type AlignedPassage,
  alignPassages,
  prepareAlignment,
} from './align.js'
import { LshIndex, lshParamsFor } from './lsh.js'
import { minhashSignature, resemblance, shingleHashes } from './minhash.js'
import { findSharedErrors, pairKey, type SharedError } from './rare-errors.js'
import { counted } from '../text/counted.js'

export interface ReuseOptions {
  /** Resemblance from which two articles are near-duplicate candidates (default: 0.1, low to catch rewrites). */
  threshold: number
}

// Calibrated on the seed story and mutated pairs: fewer shared words outside quotations than this is
// common phrasing ("Russian President Vladimir Putin"), not reuse.
const MIN_REUSED_WORDS = 30
/** Share of the shorter text aligned from which a link is a copy rather than a rewrite. */
const COPY_COVERAGE = 0.6
/** A passage that is mostly inside quotation marks on both sides is a shared quote. */
const QUOTE_SHARE = 0.5

/**
 * Finds which articles reuse which: MinHash/LSH candidates (plus all pairs when the set is small), passage
 * alignment, quotation check, shared misspellings; then kind and direction, each with its evidence.
 */
export function findReuseLinks(
  articles: Article[],
  options: Partial<ReuseOptions> = {},
): ReuseLink[] {
  const threshold = options.threshold ?? 0.1
  const sorted = [...articles].sort((a, b) => (a.id < b.id ? -1 : 1))
  const shingles = new Map(
    sorted.map((article) => [article.id, shingleHashes(textWordsOf(article.text), 3)]),
  )
  const pairs = candidatePairs(sorted, shingles, threshold)
  const errors = findSharedErrors(new Map(sorted.map((article) => [article.id, article.text])))
  const prepared = new Map<string, PreparedText>()
  const prepare = (article: Article): PreparedText => {
    let found = prepared.get(article.id)
    if (found === undefined) {
      found = {
        alignable: prepareAlignment(article.text),
        quotes: findQuotations(article.text),
        textHash: contentId(comparisonKey(article.text)),
      }
      prepared.set(article.id, found)
    }
    return found
  }
  const links: ReuseLink[] = []
  for (const [a, b] of pairs) {
    const link = linkPair(
      { article: a, ...prepare(a) },
      { article: b, ...prepare(b) },
      errors.get(pairKey(a.id, b.id)) ?? [],
      shingles,
    )
    if (link !== null) links.push(link)
  }
  return links
}

/** What alignment needs of an article, computed once per article rather than once per pair. */
interface PreparedText {
  alignable: AlignableText
  quotes: ReturnType<typeof findQuotations>
  /** Hash of the text with case, spacing and punctuation normalised: equal hashes are exact copies. */
  textHash: string
}

function candidatePairs(
  sorted: Article[],
  shingles: Map<string, Set<number>>,
  threshold: number,
): [Article, Article][] {
  const pairs: [Article, Article][] = []
  if (sorted.length <= 64) {
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++)
        pairs.push([sorted[i] as Article, sorted[j] as Article])
    return pairs
  }
  const index = new LshIndex(lshParamsFor(threshold))
  const byId = new Map(sorted.map((article) => [article.id, article]))
  for (const article of sorted) {
    const signature = minhashSignature(shingles.get(article.id) ?? new Set())
    for (const other of index.candidates(signature))
      pairs.push([byId.get(other) as Article, article])
    index.add(article.id, signature)
  }
  return pairs
}

function linkPair(
  sideA: PreparedText & { article: Article },
  sideB: PreparedText & { article: Article },
  errors: SharedError[],
  shingles: Map<string, Set<number>>,
): ReuseLink | null {
  const [a, b] = [sideA.article, sideB.article]
  if (sideA.textHash === sideB.textHash && a.text.trim() !== '') return exactCopy(sideA, sideB)
  const passages = alignPassages(sideA.alignable, sideB.alignable)
  const [quotesA, quotesB] = [sideA.quotes, sideB.quotes]
  const isQuote = (passage: AlignedPassage): boolean =>
    quotedShare(quotesA, passage.a.start, passage.a.end) >= QUOTE_SHARE &&
    quotedShare(quotesB, passage.b.start, passage.b.end) >= QUOTE_SHARE
  const reused = passages.filter((passage) => !isQuote(passage))
  const reusedWords = reused.reduce((sum, passage) => sum + passage.sharedTokens, 0)
  if (passages.length === 0 && errors.length === 0) return null
  const evidence: Evidence[] = errors.map((error) => ({
    kind: 'shared-misspelling',
    text: `"${error.word}" for "${error.usual}" in both texts`,
  }))
  let kind: ReuseKind
  if (reusedWords >= MIN_REUSED_WORDS || errors.length > 0) {
    const { containment } = resemblance(
      shingles.get(a.id) ?? new Set(),
      shingles.get(b.id) ?? new Set(),
    )
    kind = containment >= COPY_COVERAGE ? 'copy' : 'rewrite'
    evidence.push({
      kind: 'aligned-words',
      text: `${counted(reusedWords, 'word')} in ${counted(reused.length, 'passage')} outside quotations; containment ${containment.toFixed(2)}`,
    })
  } else if (passages.some(isQuote)) {
    kind = 'shared-quote'
    evidence.push({
      kind: 'shared-quotation',
      text: 'the shared words are a quotation both articles carry',
    })
  } else return null
  const kept = kind === 'shared-quote' ? passages.filter(isQuote) : reused
  const [from, to, directionEvidence] = direction(a, b)
  const forward = from === a
  return {
    from: from.id,
    to: to.id,
    kind,
    passages: kept.map((passage) => ({
      from: { articleId: from.id, ...(forward ? passage.a : passage.b) },
      to: { articleId: to.id, ...(forward ? passage.b : passage.a) },
      similarity: passage.similarity,
    })),
    evidence: [...evidence, ...directionEvidence],
    directed: directionEvidence.length > 0,
  }
}

/** Two texts that are one after normalising: a copy, the whole text one passage, no alignment needed. */
function exactCopy(
  sideA: PreparedText & { article: Article },
  sideB: PreparedText & { article: Article },
): ReuseLink {
  const [from, to, directionEvidence] = direction(sideA.article, sideB.article)
  const whole = (side: PreparedText & { article: Article }) => {
    const text = side.article.text
    const start = text.length - text.trimStart().length
    return { articleId: side.article.id, start, end: text.trimEnd().length }
  }
  const [source, copy] = from === sideA.article ? [sideA, sideB] : [sideB, sideA]
  return {
    from: from.id,
    to: to.id,
    kind: 'copy',
    passages: [{ from: whole(source), to: whole(copy), similarity: 1 }],
    evidence: [
      {
        kind: 'identical-text',
        text: 'the same text once case, spacing and punctuation are normalised',
      },
      ...directionEvidence,
    ],
    directed: directionEvidence.length > 0,
  }
}

/** The earlier article is the source; a credit naming the other's publisher decides too. Else id order. */
function direction(a: Article, b: Article): [Article, Article, Evidence[]] {
  const dayA = a.published?.slice(0, 10)
  const dayB = b.published?.slice(0, 10)
  if (dayA !== undefined && dayB !== undefined && dayA !== dayB) {
    const [from, to] = dayA < dayB ? [a, b] : [b, a]
    return [
      from,
      to,
      [{ kind: 'earlier-publication', text: `${from.published} before ${to.published}` }],
    ]
  }
  if (a.publisher !== null && b.site !== null && a.publisher === b.site && b.publisher !== b.site)
    return [b, a, [{ kind: 'credit', text: `credited to ${a.publisher}` }]]
  if (b.publisher !== null && a.site !== null && b.publisher === a.site && a.publisher !== a.site)
    return [a, b, [{ kind: 'credit', text: `credited to ${b.publisher}` }]]
  return [a, b, []]
}

/** Groups of articles joined by copy or rewrite links: each group is one independent source. */
export function independentGroups(articleIds: string[], links: ReuseLink[]): Map<string, string> {
  const parent = new Map(articleIds.map((id) => [id, id]))
  const find = (id: string): string => {
    let root = id
    while (parent.get(root) !== root) root = parent.get(root) ?? root
    return root
  }
  for (const link of links) {
    if (link.kind === 'shared-quote') continue
    const [x, y] = [find(link.from), find(link.to)]
    if (x !== y) parent.set(x < y ? y : x, x < y ? x : y)
  }
  return new Map(articleIds.map((id) => [id, find(id)]))
}
