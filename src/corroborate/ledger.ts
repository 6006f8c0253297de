import type { Article, Span, StoryClaim, StoryConflict } from '../types.js'
import { type Proposition, propositionsOf } from './propositions.js'

/**
 * The claim ledger of a story: propositions of different articles aligned by meaning — shared names and
 * values, the same kind of event, shared rare words (weighted by how rare they are in the story) — each claim
 * with its spans, independent source count, first reporter, assertion vs attribution and status.
 *
 * Calibration (test/fixtures/ledger and the seed story; see README "Claim ledger"): two clauses of one fact
 * share about half their story-weighted terms; clauses about the same people doing different things share a
 * quarter. SAME_CLAIM sits between; SAME_EVENT is the lower bar when both clauses report the same kind of
 * event ("received" / "accepted the gift").
 */
const SAME_CLAIM = 0.45
const SAME_EVENT = 0.15
/** Terms in more than this share of the story's clauses say nothing about which claim a clause makes. */
const UBIQUITOUS = 0.25
/** Candidates come from terms in at most this many clauses (the cost stays linear in large stories). */
const MAX_POSTINGS = 200

export interface LedgerClaim extends StoryClaim {
  /** Extension: the article that reported it first (earliest `published`; ties: id order). */
  firstReportedBy: string | null
  /** Extension: sources it is attributed to ("KCNA"); empty when every outlet asserts it. */
  attributedTo: string[]
  /** Extension: some outlet states it in its own voice. */
  asserted: boolean
  /** Extension (internal to the brief): member propositions. */
  members: Proposition[]
}

export function buildLedger(
  articles: Article[],
  sourceOf: (articleId: string) => string,
  conflicts: StoryConflict[],
): LedgerClaim[] {
  const propositions = articles.flatMap(propositionsOf)
  const weight = termWeights(propositions)
  const groups = alignPropositions(propositions, weight)
  const published = new Map(articles.map((article) => [article.id, article.published ?? '9999']))
  const conflictSpans = conflicts
    .filter((conflict) => conflict.kind === 'contradiction')
    .flatMap((conflict) => conflict.values.flatMap((value) => value.spans))
  return groups.map((members) => {
    const spans: Span[] = members.map((member) => ({
      articleId: member.articleId,
      start: member.start,
      end: member.end,
    }))
    const independentSources = new Set(spans.map((span) => sourceOf(span.articleId))).size
    const disputed = spans.some((span) =>
      conflictSpans.some(
        (other) =>
          other.articleId === span.articleId && other.start >= span.start && other.end <= span.end,
      ),
    )
    const firstReportedBy = firstReporter(members, published)
    return {
      text: representative(members).text,
      spans,
      independentSources,
      status: disputed ? 'disputed' : independentSources >= 2 ? 'corroborated' : 'single-source',
      firstReportedBy,
      attributedTo: [
        ...new Set(
          members.flatMap((member) => (member.attributedTo === null ? [] : [member.attributedTo])),
        ),
      ],
      asserted: members.some((member) => member.attributedTo === null),
      members,
    }
  })
}

/**
 * Best pairs first: every pair of clauses (of different articles) that passes `sameClaim` is scored, and
 * groups merge in order of score while no article appears twice in a group and at least half the pairs
 * across the two groups pass too. Order-free (ties broken by position), and unlike single link it does not
 * chain "the sister received the car" to "the sister praised the gift" through one shared clause.
 */
function alignPropositions(
  propositions: Proposition[],
  weight: Map<string, number>,
): Proposition[][] {
  const byTerm = new Map<string, number[]>()
  propositions.forEach((proposition, index) => {
    for (const term of proposition.terms)
      if ((weight.get(term) ?? 0) > 0) {
        const list = byTerm.get(term) ?? []
        list.push(index)
        byTerm.set(term, list)
      }
  })
  const matches = new Map<number, Set<number>>()
  const pairs: { a: number; b: number; score: number }[] = []
  propositions.forEach((proposition, a) => {
    const candidates = new Set<number>()
    for (const term of proposition.terms)
      // A term in very many clauses makes every clause a candidate; rarer shared terms carry a match.
      for (const b of (byTerm.get(term) ?? []).length > MAX_POSTINGS
        ? []
        : (byTerm.get(term) ?? []))
        if (b > a) candidates.add(b)
    for (const b of candidates) {
      const other = propositions[b] as Proposition
      if (other.articleId === proposition.articleId || !sameClaim(proposition, other, weight))
        continue
      pairs.push({ a, b, score: sharedWeight(proposition, other, weight).share })
      matches.set(a, (matches.get(a) ?? new Set()).add(b))
      matches.set(b, (matches.get(b) ?? new Set()).add(a))
    }
  })
  pairs.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b)
  const groupOf = propositions.map((_, index) => index)
  const members = new Map(propositions.map((_, index) => [index, [index]]))
  for (const { a, b } of pairs) {
    const [ga, gb] = [groupOf[a] as number, groupOf[b] as number]
    if (ga === gb) continue
    const [left, right] = [members.get(ga) as number[], members.get(gb) as number[]]
    const articles = new Set(left.map((index) => propositions[index]?.articleId))
    if (right.some((index) => articles.has(propositions[index]?.articleId))) continue
    let passing = 0
    for (const x of left) for (const y of right) if (matches.get(x)?.has(y) === true) passing++
    if (passing * 2 < left.length * right.length) continue
    for (const index of right) groupOf[index] = ga
    members.set(ga, [...left, ...right])
    members.delete(gb)
  }
  return [...members.values()]
    .sort((x, y) => (x[0] as number) - (y[0] as number))
    .map((indices) =>
      indices.sort((x, y) => x - y).map((index) => propositions[index] as Proposition),
    )
}

/**
 * The article that published the claim strictly before every other article carrying it, compared at the
 * precision both dates give (a day against a day-and-time compares days); null when none is first.
 */
function firstReporter(members: Proposition[], published: Map<string, string>): string | null {
  const dated = [...new Set(members.map((member) => member.articleId))].map((articleId) => ({
    articleId,
    date: published.get(articleId) ?? '9999',
  }))
  if (dated.length === 1) return dated[0]?.articleId ?? null
  const earlier = (a: string, b: string): boolean => {
    const length = Math.min(a.length, b.length, a.includes('T') && b.includes('T') ? 20 : 10)
    return a.slice(0, length) < b.slice(0, length)
  }
  const first = dated.find((candidate) =>
    dated.every((other) => other === candidate || earlier(candidate.date, other.date)),
  )
  return first?.articleId ?? null
}

/**
 * Story-level inverse frequency of each term over the story's clauses: "Kim" in a Kim story is in a third of
 * all clauses and weighs little; "sister" is in a few and weighs much. Terms in more than UBIQUITOUS of the
 * clauses weigh nothing. Counted over clauses, not articles: in a three-article story every article names
 * the bridge that collapsed, but few of its clauses do.
 */
function termWeights(propositions: Proposition[]): Map<string, number> {
  const frequency = new Map<string, number>()
  for (const proposition of propositions)
    for (const term of proposition.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1)
  const total = Math.max(1, propositions.length)
  const weights = new Map<string, number>()
  for (const [term, count] of frequency)
    weights.set(term, count / total > UBIQUITOUS ? 0 : Math.log(1 + total / count))
  return weights
}

/** Weighted share of the smaller clause's terms that the other clause has too. */
export function sharedWeight(
  a: Proposition,
  b: Proposition,
  weight: Map<string, number>,
): { share: number; shared: number } {
  let shared = 0
  let sharedCount = 0
  let totalA = 0
  let totalB = 0
  for (const term of a.terms) {
    const w = weight.get(term) ?? 0
    totalA += w
    if (b.terms.has(term)) {
      shared += w
      if (w > 0) sharedCount++
    }
  }
  for (const term of b.terms) totalB += weight.get(term) ?? 0
  const smaller = Math.min(totalA, totalB)
  return { share: smaller === 0 ? 0 : shared / smaller, shared: sharedCount }
}

function sameClaim(a: Proposition, b: Proposition, weight: Map<string, number>): boolean {
  const { share, shared } = sharedWeight(a, b, weight)
  if (shared < 2) return false
  // Names alone ("Kim Yo Jong … received", "Kim Yo Jong said") are who, not what: a predicate word is shared too.
  const sharedWord = [...a.terms].some(
    (term) => !term.startsWith('name:') && b.terms.has(term) && (weight.get(term) ?? 0) > 0,
  )
  if (!sharedWord) return false
  if (share >= SAME_CLAIM) return true
  // One kind of event with one participant in common, named in both: "the vehicle was received by Mr. Kim's
  // sister, Yo Jong" and "Kim Yo Jong … accepted the gift".
  const sameEvent = [...a.terms].some((term) => term.startsWith('event:') && b.terms.has(term))
  const sameName = [...a.terms].some(
    (term) => term.startsWith('name:') && b.terms.has(term) && (weight.get(term) ?? 0) > 0,
  )
  return sameEvent && sameName && share >= SAME_EVENT
}

/** The member that reads best alone: asserted over attributed, no dangling pronoun, not quoted, shorter. */
function representative(members: Proposition[]): Proposition {
  const score = (member: Proposition): number =>
    (member.dangling ? 4 : 0) + (member.quoted ? 2 : 0) + (member.opinion ? 4 : 0)
  return [...members].sort(
    (a, b) =>
      score(a) - score(b) || a.text.length - b.text.length || (a.articleId < b.articleId ? -1 : 1),
  )[0] as Proposition
}
