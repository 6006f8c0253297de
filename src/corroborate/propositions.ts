import { stem } from '../text/stem.js'
import { EVENT_VERBS } from '../data/event-verbs.js'
import { REPORTING_VERBS } from '../data/reporting.js'
import { STOPWORDS } from '../data/stopwords.js'
import { overlapFinder } from '../text/span-window.js'
import { tokenize } from '../text/tokens.js'
import type { Article } from '../types.js'
import { readAnnotations, type StoryAnnotations, sentencesOf } from './annotations.js'

/**
 * A proposition: one clause of a sentence (the sentence is not the unit) with what it is about — its content
 * stems, the names in it, the event it reports — and whether the outlet asserts it or attributes it.
 */
export interface Proposition {
  articleId: string
  text: string
  start: number
  end: number
  /** The whole sentence, for display when the clause alone reads badly. */
  sentence: { start: number; end: number }
  /** Content stems, name tokens and "event:kind" markers, for alignment. */
  terms: Set<string>
  /** Name terms by the type of the name (person, place, organization), for the ledger's anchors. */
  names: Map<string, Set<string>>
  /**
   * Terms of the words that name who speaks (an attribution's source: "Kremlin spokesperson Dmitry Peskov"):
   * the ledger never takes them for the predicate word two clauses must share.
   */
  sourceTerms: Set<string>
  /** Who the outlet says it is from ("the Korean Central News Agency"); null when the outlet asserts it. */
  attributedTo: string | null
  /** Opinion or first person: kept in the ledger, never in the brief. */
  opinion: boolean
  /** Starts with a pronoun whose name is not in the clause: unusable alone in a brief. */
  dangling: boolean
  /** Carries quotation marks. */
  quoted: boolean
  /** A third-person pronoun inside the quoted words ("he liked it"): the quote needs its context. */
  quotedPronoun: boolean
  /**
   * The days the clause's dated events allow (ISO, inclusive), their kinds and the day its article was
   * published, when it dates one (set by the ledger).
   */
  days?: { from: string; to: string; kinds: string[]; written: string }
}

const MIN_CLAUSE_WORDS = 6
const MAX_SENTENCE_CHARS = 600
// Clause breaks: a semicolon, or ", and"/", but"/", while" before a new subject. The conjunction goes with the
// break: a claim reads "a visit … is anticipated", not "and a visit …", and one that opens on a pronoun after it
// ("and he said …") is seen to. Dashes are left alone: a dash pair is an aside ("— including luxury vehicles —"),
// not a clause boundary.
const CLAUSE_BREAK =
  /;\s+|,\s+(?:and|but|while|whereas)\s+(?=(?:she|he|they|it|the|a|an)\b|[\p{Lu}])/gu
const PRONOUN_START =
  /^(?:["“‘']\s*)?(?:he|she|it|they|them|his|her|its|their|this|these|those|that|him)\b/i
/** Whether a sentence opens on a pronoun, so it does not say who it is about when read alone. */
export const startsWithPronoun = (text: string): boolean => PRONOUN_START.test(text)
const OPINION =
  /\b(?:I|we|our|us|my|me)\b|\b(?:should|must|ought)\b|!|\b(?:in my view|i think|we think|shameful|disgraceful|outrageous)\b/i
const VERBS = REPORTING_VERBS.concat(['reported', 'reports', 'confirmed', 'added'])
const REPORTING = new Set(VERBS)
const NAME = String.raw`(?:the\s+)?[\p{Lu}][\p{L}'’.-]*(?:\s+(?:of\s+|the\s+)?[\p{Lu}][\p{L}'’.-]*){0,5}`
const ATTRIBUTION = [
  new RegExp(String.raw`\baccording to\s+(${NAME})`, 'u'),
  new RegExp(String.raw`(${NAME}(?:['’]s)?(?:\s+[\p{Ll}-]+){0,2})\s+(?:${VERBS.join('|')})\b`, 'u'),
  new RegExp(String.raw`\b(?:${VERBS.join('|')})\s+(${NAME})`, 'u'),
]
// What every ATTRIBUTION pattern needs somewhere in the sentence (each names a verb or "according to").
const MAY_ATTRIBUTE = new RegExp(String.raw`\baccording to\s|\b(?:${VERBS.join('|')})\b`, 'u')
const DETERMINER = /^(?:the|a|an|his|her|its|their|this|that|[\p{L}]+'s)$/u
const EVENT_OF = new Map(
  Object.entries(EVENT_VERBS).flatMap(([kind, verbs]) => verbs.map((verb) => [verb, kind])),
)
/** Words of a name ("Kim Yo Jong" → kim, yo, jong) count as terms, so name variants overlap. */
const nameTerms = (text: string): string[] =>
  tokenize(text)
    .flatMap((token) => token.norm.split(/[-'’]/))
    .filter((word) => word.length > 1 && !STOPWORDS.has(word))
    .map((word) => `name:${word}`)

export function propositionsOf(article: Article): Proposition[] {
  const { entities: names, quotes } = readAnnotations(article)
  // Names, sources and quotes near each clause, found by search (a scan per clause made a long text quadratic).
  const namesIn = overlapFinder(names, (name) => name)
  const sourcesIn = overlapFinder(quotes, (quote) => quote.source)
  const quotesIn = overlapFinder(quotes, (quote) => quote)
  const out: Proposition[] = []
  const dateline = datelinePrefix(article.dateline)
  for (const sentence of sentencesOf(article)) {
    if (sentence.text.length > MAX_SENTENCE_CHARS || sentence.text.endsWith('?')) continue
    const match = attributionMatch(sentence.text)
    const attribution = match === null ? null : sourceOf(match)
    const cue = match === null ? null : { start: match.index, end: match.index + match[0].length }
    // An organisation that reports ("the Korean Central News Agency said", "according to KCNA") and the
    // reporting verb say who passes the claim on, not what it is: out of the terms and the anchors. As terms
    // they joined two clauses of one story on the agency both cite; as an organisation anchor they kept a
    // clause from one that cites none. A person who speaks stays: "Governor Petrova said … an inquiry" and
    // "Governor Petrova ordered an inquiry" are one claim by her.
    const inCue = (offset: number): boolean =>
      cue !== null && offset >= sentence.start + cue.start && offset < sentence.start + cue.end
    for (const clause of clausesOf(sentence.text, sentence.start).map((clause) =>
      withoutDateline(clause, dateline),
    )) {
      const tokens = tokenize(clause.text)
      if (tokens.length < MIN_CLAUSE_WORDS) continue
      const terms = new Set<string>()
      const clauseEnd = clause.start + clause.text.length
      const all = namesIn(clause.start, clauseEnd).filter(
        (name) => name.start >= clause.start && name.end <= clauseEnd,
      )
      const inside = all.filter((name) => !(name.type === 'organization' && inCue(name.start)))
      // Words of names count once, as name terms (below), not again as plain stems.
      const inName = (token: { start: number }): boolean =>
        all.some(
          (name) =>
            clause.start + token.start >= name.start && clause.start + token.start < name.end,
        )
      const sourceTerms = new Set<string>()
      // A source holding a word of the clause overlaps the clause.
      const sources = sourcesIn(clause.start, clauseEnd)
      const inSource = (token: { start: number }): boolean =>
        sources.some(
          (quote) =>
            quote.source !== null &&
            clause.start + token.start >= quote.source.start &&
            clause.start + token.start < quote.source.end,
        )
      tokens.forEach((token, index) => {
        if (inSource(token)) {
          const word = token.norm.replace(/'s$/, '')
          if (word.length > 2) sourceTerms.add(stem(word))
          // As a word of a name (nameTerms) too: the speaker's name is a name term in the clause.
          for (const piece of token.norm.split(/[-'’]/))
            if (piece.length > 1 && !STOPWORDS.has(piece)) sourceTerms.add(`name:${piece}`)
        }
        const event = EVENT_OF.get(token.norm)
        // "the gift", "Tuesday's gift" name a thing; "gifted", "received" report the event.
        const noun = DETERMINER.test(tokens[index - 1]?.norm ?? '')
        if (event !== undefined && !noun) terms.add(`event:${event}`)
        const word = token.norm.replace(/'s$/, '')
        if (
          word.length > 2 &&
          !STOPWORDS.has(word) &&
          !inName(token) &&
          !(REPORTING.has(token.norm) && inCue(clause.start + token.start))
        )
          terms.add(stem(word))
      })
      const byType = new Map<string, Set<string>>()
      for (const name of inside)
        for (const term of nameTerms(name.text)) {
          terms.add(term)
          // Who speaks is no participant to anchor on (see Alignment.anchors in ledger.ts).
          if (inCue(name.start)) continue
          byType.set(name.type, (byType.get(name.type) ?? new Set()).add(term))
        }
      out.push({
        articleId: article.id,
        text: clause.text,
        start: clause.start,
        end: clause.start + clause.text.length,
        sentence: { start: sentence.start, end: sentence.end },
        terms,
        names: byType,
        sourceTerms,
        attributedTo:
          attribution === null
            ? null
            : (speakerOf(quotesIn(clause.start, clauseEnd), clause.start, clauseEnd) ??
              (PRONOUN_SOURCE.test(attribution) ? UNNAMED : attribution)),
        opinion: OPINION.test(clause.text.replace(/["“][^"”]*["”]/g, '')),
        dangling: PRONOUN_START.test(clause.text),
        quoted: /["“”]/.test(clause.text),
        quotedPronoun: [...clause.text.matchAll(/["“]([^"”]*)["”]?/g)].some((quote) =>
          /\b(?:he|him|his|she|her|it|its|they|them|their)\b/i.test(quote[1] ?? ''),
        ),
      })
    }
  }
  return out
}

/** A source the sentence gives only as a pronoun ("He said…", "It was reported…") that the annotations did not resolve. */
const PRONOUN_SOURCE = /^(?:he|she|they|it|we|i)\b/i
const UNNAMED = 'an unnamed source'

/**
 * The resolved speaker of the annotation stage's attribution covering most of a clause ("He said Kim took a
 * shine…" → Dmitry Peskov, whom the article named before), so a claim names who says it, never "He". Read
 * only for a sentence that itself names a source ("said", "according to"): a clause with no cue of its own is
 * the outlet's voice, whatever span an attribution stretched over it.
 */
function speakerOf(quotes: StoryAnnotations['quotes'], start: number, end: number): string | null {
  for (const quote of quotes) {
    const covered = Math.min(end, quote.end) - Math.max(start, quote.start)
    if (quote.speaker !== null && covered * 2 >= end - start) return quote.speaker
  }
  return null
}

/**
 * The pattern of the dateline that opens the article's first sentence ("SEOUL, South Korea – Russian
 * President…"), built once per article: read from the dateline the metadata stage found (any case: "Seoul —"),
 * with an optional region after a comma, up to the dash (a spaced hyphen, so that "Seoul-based" stays).
 */
function datelinePrefix(dateline: string | null): RegExp | null {
  if (dateline === null || dateline.trim() === '') return null
  const escaped = dateline.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(
    String.raw`^${escaped}(?:,[^,\u2013\u2014\n]{1,40})?(?:\s*[\u2013\u2014]|\s+-)\s*`,
    'iu',
  )
}

/**
 * A clause without the dateline that opens it: the place the report was filed from is typography, not part of
 * what the clause claims, and it would otherwise lead the claim's text in the ledger and the brief.
 */
function withoutDateline(
  clause: { text: string; start: number },
  dateline: RegExp | null,
): { text: string; start: number } {
  const prefix = dateline?.exec(clause.text) ?? null
  if (prefix === null || prefix[0].length >= clause.text.length) return clause
  return { text: clause.text.slice(prefix[0].length), start: clause.start + prefix[0].length }
}

function clausesOf(text: string, offset: number): { text: string; start: number }[] {
  const clauses: { text: string; start: number }[] = []
  let from = 0
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    clauses.push({ text: text.slice(from, match.index).trim(), start: offset + from })
    from = match.index + match[0].length
  }
  clauses.push({ text: text.slice(from).trim(), start: offset + from })
  return clauses
    .filter((clause) => clause.text.length > 0)
    .map((clause) => ({ text: clause.text.replace(/[,;:]$/, ''), start: clause.start }))
}

/** The source a sentence names for what it says, if any ("according to KCNA", "state media reported"). */
export function attributionOf(sentence: string): string | null {
  const match = attributionMatch(sentence)
  return match === null ? null : sourceOf(match)
}

/**
 * The first ATTRIBUTION pattern's match in a sentence: its group the source, the whole match the cue ("the
 * Korean Central News Agency said"). A sentence with no reporting verb and no "according to" matches none of
 * them, and is not given to them: they try a name at every capital letter and backtrack through its words.
 */
function attributionMatch(sentence: string): RegExpExecArray | null {
  if (!MAY_ATTRIBUTE.test(sentence)) return null
  for (const pattern of ATTRIBUTION) {
    const found = pattern.exec(sentence)
    if (found !== null) return found
  }
  return null
}

const sourceOf = (match: RegExpExecArray): string =>
  (match[1] as string).replace(/^the\s+/i, '').trim()
