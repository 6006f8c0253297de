import type { Article, Span } from '../types.js'
import { onePerArticle } from '../text/per-article.js'
import type { LedgerClaim } from './ledger.js'
import type { Proposition } from './propositions.js'
import { prepareClaim, shareOf } from './stance/features.js'
import { RESTATED_SHARE, verify } from './verify.js'

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
): { text: string; spans: Span[] }[] {
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
  const brief: { text: string; spans: Span[]; line: ReturnType<typeof lineKind> }[] = []
  for (const { claim, sentence } of usable) {
    if (brief.length === MAX_SENTENCES + SPARE_CANDIDATES) break
    const cited = onePerArticle(claim.members).map((member) => ({
      span: { articleId: member.articleId, start: member.start, end: member.end },
      sentence: { articleId: member.articleId, ...member.sentence },
    }))
    const spans = supportedCitations(sentence.text, cited, byId)
    if (spans.length > 0)
      brief.push({
        text: sentence.text.replace(/^[a-z]/, (first) => first.toUpperCase()),
        spans,
        line: lineKind(sentence),
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
function lineKind(sentence: Proposition): 'reported' | 'event' | 'statement' {
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
 * The citations whose own sentence states the brief sentence (STATED_SHARE of its content words) and whose
 * article the stance model does not find disputing it — it agrees, reports it, or its clause restates the
 * sentence word for word (the stance reads the whole article, and a body that differs on other details —
 * another day, another toll — can read as disagreeing with a sentence it states). The ledger joins clauses by
 * shared names and words, which can join a clause that says something else about the same people ("Putin gave
 * him a look at his car" with "Putin gifted Kim a limousine"); the stance model alone let such a citation
 * stand as "discuss".
 */
function supportedCitations(
  text: string,
  cited: { span: Span; sentence: Span }[],
  byId: Map<string, Article>,
): Span[] {
  const known = cited.filter(({ span }) => byId.has(span.articleId))
  const sentence = prepareClaim(text)
  const slice = (span: Span): ReturnType<typeof prepareClaim> =>
    prepareClaim((byId.get(span.articleId) as Article).text.slice(span.start, span.end))
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
  // Only citations that state the sentence are asked for their stance (a verdict is the costly part, and each
  // article's verdict is its own). The story's own articles, annotations and all: verify reads their stored
  // attributions instead of annotating their text again. Links are not needed: only each article's stance is
  // read here.
  // A citation whose clause restates the sentence stands whatever its verdict, so only the others are asked
  // (each article's verdict is its own: asking fewer changes none of the rest).
  const stating = known
    .filter(({ sentence: passage }) => states(passage))
    .map(({ span }) => ({ span, restated: restates(span) }))
  const asked = stating.filter(({ restated }) => !restated)
  const { verdicts } = verify(
    text,
    asked.map(({ span }) => byId.get(span.articleId) as Article),
    { links: [] },
  )
  const stance = new Map(asked.map(({ span }, index) => [span, verdicts[index]?.stance]))
  return stating
    .filter(
      ({ span, restated }) =>
        restated || stance.get(span) === 'agree' || stance.get(span) === 'discuss',
    )
    .map(({ span }) => span)
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
