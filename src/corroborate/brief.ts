import type { Article, Span } from '../types.js'
import { onePerArticle } from '../text/per-article.js'
import type { LedgerClaim } from './ledger.js'
import type { Proposition } from './propositions.js'
import { type PreparedClaim, prepareClaim, shareOf } from './stance/features.js'
import { RESTATED_SHARE, type Stance, verify, type VerifyInput } from './verify.js'

/** A brief of three to seven sentences (fewer when the story has fewer usable claims). */
const MAX_SENTENCES = 7
/**
 * Claims read beyond the seven: a claim whose citations do not state it loses them, and one of the next claims
 * may then be better supported (a stance call per citation each, so a few, not all).
 */
const SPARE_CANDIDATES = 3
/** A clause this long or shorter says too little to stand alone in a brief. */
const MIN_WORDS = 8
const MAX_CHARS = 320

/** A line of the brief: its text and kind, and every cited article's citation once. */
export type BriefSentence = { text: string; spans: Span[] }

/**
 * A line the brief may state, before the stance model is asked: the claim's best sentence, what kind of line it
 * is, and the citations whose own sentence states it (`restated`: the cited clause restates it word for word,
 * so it stands whatever the stance).
 */
export interface BriefLine {
  text: string
  kind: 'reported' | 'event' | 'statement'
  stating: { span: Span; restated: boolean }[]
}

/**
 * The stances of the cited articles whose citations do not restate a line (`asked`, in the order of its
 * `stating`): `verify` in-process, or answers computed on another thread (src/corroborate/brief-thread.ts).
 */
export type StanceCheck = (line: BriefLine, asked: Article[]) => (Stance | undefined)[]

/**
 * The stance model's verdict of each article on a line. Only each article's text is read (its annotations give
 * the speaker of a verdict, which the brief does not use), so a thread that was sent the texts alone answers
 * the same.
 */
export const stancesOf = (claim: string, asked: VerifyInput[]): Stance[] =>
  asked.length === 0
    ? []
    : verify(claim, asked, { links: [] }).verdicts.map((verdict) => verdict.stance)

/** The stance model's verdicts for a line, in this thread. */
export const checkHere: StanceCheck = (line, asked) => stancesOf(line.text, asked)

/** The articles of a line whose stance is asked (its citations that do not restate it). */
export const askedOf = (line: BriefLine): Span[] =>
  line.stating.filter(({ restated }) => !restated).map(({ span }) => span)

/**
 * The cited brief: the best-supported claims first (independent sources, then articles), each written as
 * the member clause that reads best alone — no leading unresolved pronoun, no quotation without its speaker,
 * no opinion or first person — and each citing every article that carries it, once. Disputed claims are
 * left to the conflicts section rather than stated as fact. A citation stands only when its clause restates the
 * sentence or the stance model finds the cited article agreeing with it or reporting it: the ledger aligns clauses by shared names and
 * words, which can join a clause that says something else about the same people, and a brief must not cite an
 * article for what it does not say. A sentence left without citations is not stated.
 */
export function buildBrief(
  claims: LedgerClaim[],
  articles: Article[],
  check: StanceCheck = checkHere,
): BriefSentence[] {
  return briefFrom(briefLines(claims, articles), articles, check)
}

/**
 * The candidate lines of a brief in the order it reads them, each prepared when asked for (preparing a line
 * slices and stems each of its citations): the best-supported usable claims first.
 */
export function* briefLines(claims: LedgerClaim[], articles: Article[]): Generator<BriefLine> {
  const byId = new Map(articles.map((article) => [article.id, article]))
  const usable = claims
    .filter((claim) => claim.status !== 'disputed')
    .map((claim) => ({ claim, sentence: bestSentence(claim.members) }))
    .filter(
      (entry): entry is { claim: LedgerClaim; sentence: Proposition } => entry.sentence !== null,
    )
    .sort(
      (a, b) =>
        b.claim.independentSources - a.claim.independentSources ||
        new Set(b.claim.spans.map((span) => span.articleId)).size -
          new Set(a.claim.spans.map((span) => span.articleId)).size ||
        a.claim.spans[0]!.start - b.claim.spans[0]!.start,
    )
  // The brief's lines cite the same sentences and clauses again and again (ECB+ dev: 4,639 passages read, 2,680
  // distinct): each passage (and each line's own text) is stemmed once per story. Prepared passages are only read.
  const passages = new Map<string, PreparedClaim>()
  const prepared = (text: string): PreparedClaim => {
    let found = passages.get(text)
    if (found === undefined) passages.set(text, (found = prepareClaim(text)))
    return found
  }
  const passageOf = (span: Span): PreparedClaim =>
    prepared((byId.get(span.articleId) as Article).text.slice(span.start, span.end))
  for (const { claim, sentence } of usable) {
    const cited = onePerArticle(claim.members).map((member) => ({
      span: { articleId: member.articleId, start: member.start, end: member.end },
      sentence: { articleId: member.articleId, ...member.sentence },
    }))
    yield {
      text: sentence.text,
      kind: lineKind(sentence),
      stating: statingCitations(prepared(sentence.text), cited, byId, passageOf),
    }
  }
}

/**
 * How many lines a brief reads at least: every line is read until this many are stated, and a line is stated
 * only when it has a stating citation, so the lines up to the this-many-th with one are always read.
 */
export const LINES_READ = MAX_SENTENCES + SPARE_CANDIDATES

/**
 * The brief from its candidate lines (`briefLines`): lines are read in order until LINES_READ are stated, each
 * with the citations that stand.
 */
export function briefFrom(
  lines: Iterator<BriefLine>,
  articles: Article[],
  check: StanceCheck,
): BriefSentence[] {
  const byId = new Map(articles.map((article) => [article.id, article]))
  const brief: { text: string; spans: Span[]; line: BriefLine['kind'] }[] = []
  while (brief.length < LINES_READ) {
    const next = lines.next()
    if (next.done === true) break
    const line = next.value
    const asked = askedOf(line)
    const stances = check(
      line,
      asked.map((span) => byId.get(span.articleId) as Article),
    )
    const stance = new Map(asked.map((span, index) => [span, stances[index]]))
    const spans = line.stating
      .filter(
        ({ span, restated }) =>
          restated || stance.get(span) === 'agree' || stance.get(span) === 'discuss',
      )
      .map(({ span }) => span)
    if (spans.length > 0)
      brief.push({
        text: line.text.replace(/^[a-z]/, (first) => first.toUpperCase()),
        spans,
        line: line.kind,
      })
  }
  // Best supported first by the citations that stand (a claim of three articles may keep one), ties in the
  // ledger's order; then the best supported line the outlets state in their own voice leads — what happened,
  // before what someone said of it (a reaction, however widely carried, is not the news) — one that reports
  // an event first among those as well supported.
  const ranked = brief
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.spans.length - a.entry.spans.length || a.index - b.index)
    .map(({ entry }) => entry)
  const stated = ranked.filter((entry) => entry.line !== 'reported')
  const best = stated[0]?.spans.length
  const lead =
    stated.find((entry) => entry.line === 'event' && entry.spans.length === best) ?? stated[0]
  return (lead === undefined ? ranked : [lead, ...ranked.filter((entry) => entry !== lead)])
    .slice(0, MAX_SENTENCES)
    .map(({ text, spans }) => ({ text, spans }))
}

/**
 * What a line is: someone's words the outlet reports (an attribution or a quotation), an event the outlet
 * states in its own voice (a verb of src/data/event-verbs.ts, as the propositions mark it), or another
 * statement of its own.
 */
function lineKind(sentence: Proposition): BriefLine['kind'] {
  if (sentence.attributedTo !== null || sentence.quoted) return 'reported'
  return [...sentence.terms].some((term) => term.startsWith('event:')) ? 'event' : 'statement'
}

/**
 * A cited passage states a brief sentence when its sentence holds at least this share of the brief sentence's
 * content words: the reader who opens the citation finds most of what the line says there. A limit of words, not
 * tuned: half, as the seed check in eval/seeds.ts reads "states".
 */
const STATED_SHARE = 0.5

/**
 * The citations whose own sentence states the brief sentence (STATED_SHARE of its content words), each marked
 * when its clause restates the sentence word for word. Only the others are asked for their stance (briefFrom),
 * and stand unless the stance model finds their article disputing the sentence — it agrees or reports it (the
 * stance reads the whole article, and a body that differs on other details — another day, another toll — can
 * read as disagreeing with a sentence it states). The ledger joins clauses by shared names and words, which can
 * join a clause that says something else about the same people ("Putin gave him a look at his car" with "Putin
 * gifted Kim a limousine"); the stance model alone let such a citation stand as "discuss". Only citations that
 * state the sentence are asked (a verdict is the costly part, and each article's verdict is its own: asking
 * fewer changes none of the rest).
 */
function statingCitations(
  sentence: PreparedClaim,
  cited: { span: Span; sentence: Span }[],
  byId: Map<string, Article>,
  slice: (span: Span) => PreparedClaim,
): { span: Span; restated: boolean }[] {
  const known = cited.filter(({ span }) => byId.has(span.articleId))
  const restates = (span: Span): boolean => {
    const clause = slice(span)
    return (
      shareOf(sentence.stems, clause.stems) >= RESTATED_SHARE &&
      shareOf(clause.stems, sentence.stems) >= RESTATED_SHARE &&
      clause.negation === sentence.negation
    )
  }
  const states = (passage: Span): boolean =>
    shareOf(sentence.stems, slice(passage).stems) >= STATED_SHARE
  return known
    .filter(({ sentence: passage }) => states(passage))
    .map(({ span }) => ({ span, restated: restates(span) }))
}

function bestSentence(members: Proposition[]): Proposition | null {
  const fit = members.filter(
    (member) =>
      !member.dangling &&
      !member.opinion &&
      // A quotation stands in the brief only with its speaker named in the same sentence.
      (!member.quoted || (member.attributedTo !== null && !member.quotedPronoun)) &&
      member.text.split(/\s+/).length >= MIN_WORDS &&
      member.text.length <= MAX_CHARS &&
      // A clause cut from the middle of a sentence ("and a visit … is anticipated") does not start a line.
      !/^(?:and|but|while|whereas|or)\b/i.test(member.text),
  )
  return (
    [...fit].sort(
      (a, b) =>
        Number(a.quoted) - Number(b.quoted) ||
        Number(a.attributedTo !== null) - Number(b.attributedTo !== null) ||
        a.text.length - b.text.length,
    )[0] ?? null
  )
}
