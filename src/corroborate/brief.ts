import type { Article, Span } from '../types.js'
import type { LedgerClaim } from './ledger.js'
import type { Proposition } from './propositions.js'
import { prepareClaim, shareOf } from './stance/features.js'
import { RESTATED_SHARE, verify } from './verify.js'

/** A brief of three to seven sentences (fewer when the story has fewer usable claims). */
const MAX_SENTENCES = 7
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
  const brief: { text: string; spans: Span[] }[] = []
  for (const { claim, sentence } of usable) {
    if (brief.length === MAX_SENTENCES) break
    const once = new Map<string, Span>()
    for (const span of claim.spans) if (!once.has(span.articleId)) once.set(span.articleId, span)
    const spans = supportedCitations(sentence.text, [...once.values()], byId)
    if (spans.length > 0)
      brief.push({ text: sentence.text.replace(/^[a-z]/, (first) => first.toUpperCase()), spans })
  }
  return brief
}

/**
 * The citations whose own clause restates the sentence, or whose article agrees with it or reports it (stance
 * agree or discuss). The stance reads the whole article, and a body that differs on other details (another
 * day, another toll) can read as disagreeing with a sentence it states word for word.
 */
function supportedCitations(text: string, spans: Span[], byId: Map<string, Article>): Span[] {
  const cited = spans.filter((span) => byId.has(span.articleId))
  const sentence = prepareClaim(text)
  const restates = (span: Span): boolean => {
    const clause = prepareClaim(
      (byId.get(span.articleId) as Article).text.slice(span.start, span.end),
    )
    return (
      shareOf(sentence.stems, clause.stems) >= RESTATED_SHARE &&
      shareOf(clause.stems, sentence.stems) >= RESTATED_SHARE &&
      clause.negation === sentence.negation
    )
  }
  // The story's own articles, annotations and all: verify reads their stored attributions instead of
  // annotating their text again. Links are not needed: only each article's stance is read here.
  const { verdicts } = verify(
    text,
    cited.map((span) => byId.get(span.articleId) as Article),
    { links: [] },
  )
  return cited.filter((span, index) => {
    const stance = verdicts[index]?.stance
    return stance === 'agree' || stance === 'discuss' || restates(span)
  })
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
