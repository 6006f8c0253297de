import { STOPWORDS } from '../data/stopwords.js'
import { tokenize } from '../text/tokens.js'
import type { Article } from '../types.js'
import { readAnnotations, sentencesOf } from './annotations.js'

/** A number in one article with what it measures: kind (price, value, amount, killed…), unit and subject words. */
export interface NumberFact {
  articleId: string
  kind: string
  /** Words naming what the number is of ("construction fund", "Aurus Senat"), for matching across articles. */
  subject: string[]
  /** The subject as the article writes it when it is a name ("Aurus Senat"), for labels; else null. */
  subjectName: string | null
  value: number
  unit: string | null
  qualifier: string | null
  /**
   * Who asks for or offers a proposed sum (the name nearest before it in its sentence: "Democrats countered
   * with $1.3 billion", "Trump requested $5.7 billion"); null for other sums. Two parties' figures are two
   * figures.
   */
  party: string | null
  /**
   * Half the unit of the last digit written, when a scale word rounds the figure ("$1.4 billion" is given to
   * the nearest $0.1 billion, so ± 0.05 billion; "$600 million" ± 0.5 million); 0 for a figure written in
   * full ("$245,000") and for counts of people.
   */
  rounding: number
  start: number
  end: number
}

/** Words that are not a subject even when they stand next to a number. */
const NOT_SUBJECT = new Set([
  'worth',
  'priced',
  'price',
  'cost',
  'costs',
  'valued',
  'value',
  'which',
  // "to the tune of", "totalling", "amounting to": how much, not of what.
  'tune',
  'totaling',
  'totalling',
  'amounting',
  // What every sum is: "$5.7 billion in funds for the wall" is not singled out by "funds".
  'funds',
  'funding',
  'money',
  'cash',
])
const SUBJECT_WORDS = 4
/** How far before an amount its subject is looked for when no phrase follows it. */
const BEFORE_CHARS = 60

/**
 * A sum someone asks for, offers or plans ("Republicans should press for $2 trillion in spending cuts", "his
 * demands for $5.7 billion", "Democrats countered with $1.3 billion") is that party's figure, not the value
 * of the thing: it is compared with what others say was asked or offered, never with what was spent or
 * scheduled. Read from the words just before the amount, in its clause.
 */
const PROPOSED_BEFORE =
  /\b(?:demand(?:s|ed|ing)?|ask(?:s|ed|ing)?|request(?:s|ed|ing)?|seek(?:s|ing)?|sought|propos(?:e|es|ed|ing|al|als)|offer(?:s|ed|ing)?|counter(?:s|ed|ing|offer)?|want(?:s|ed|ing)?|press(?:es|ed|ing)?|push(?:es|ed|ing)?|call(?:s|ed|ing)?|plan(?:s|ned|ning)?|urg(?:e|es|ed|ing)|should|would\s+like)\b(?:\s+[\p{L}-]+){0,3}\s*$/iu
/**
 * "All but $190,450 of their giving", "all except $2 million of the fund": the figure is what is left out of
 * the thing, not its amount.
 */
const LEFT_OUT_BEFORE = /\b(?:all\s+but|all\s+except(?:\s+for)?|everything\s+but)\s*$/i
/** Words before an amount read for PROPOSED_BEFORE and LEFT_OUT_BEFORE (within its clause). */
const CUE_CHARS = 50

// People counted by what happened to them: "killed at least 12 people", "12 people were killed".
const COUNT_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  twenty: 20,
}
const NUMBER = String.raw`(?<number>\d[\d,]*|${Object.keys(COUNT_WORDS).join('|')})`
const PEOPLE = String.raw`(?:people|persons|civilians|soldiers|children|residents|troops|migrants|passengers|workers|police officers|officers)`
const OUTCOME = String.raw`(?<outcome>killed|killing|dead|died|injured|injuring|wounding|wounded|hurt|missing|arrested|detained|evacuated)`
const QUALIFIER = String.raw`(?<qualifier>at least|more than|over|nearly|almost|about|around|some|up to|as many as|fewer than|less than)?`
const COUNTS = [
  new RegExp(String.raw`\b${OUTCOME}\s+${QUALIFIER}\s*${NUMBER}\s+(?:other\s+)?${PEOPLE}\b`, 'gi'),
  new RegExp(
    String.raw`\b${QUALIFIER}\s*${NUMBER}\s+(?:other\s+)?${PEOPLE}\s+(?:(?:were|have been|had been|are|was)\s+)?${OUTCOME}\b`,
    'gi',
  ),
]
const OUTCOME_KIND: Record<string, string> = {
  killed: 'killed',
  killing: 'killed',
  injuring: 'injured',
  wounding: 'injured',
  dead: 'killed',
  died: 'killed',
  injured: 'injured',
  wounded: 'injured',
  hurt: 'injured',
  missing: 'missing',
  arrested: 'arrested',
  detained: 'arrested',
  evacuated: 'evacuated',
}

/**
 * Numbers with their subjects: money (from the annotations' facts) given the words it is of — the product
 * named in the sentence for a price, the noun phrase after "for"/"of"/"in" or just after the amount for
 * other sums — and counts of people by what happened to them (killed, injured…).
 */
export function numberFacts(article: Article): NumberFact[] {
  const sentences = sentencesOf(article)
  const sentenceAt = (offset: number): { text: string; start: number } =>
    sentences.find((sentence) => sentence.start <= offset && offset < sentence.end) ?? {
      text: '',
      start: offset,
    }
  const names = readAnnotations(article).entities
  const money = readAnnotations(article).facts.map((fact): NumberFact => {
    const sentence = sentenceAt(fact.start)
    const named = names.filter(
      (entity) =>
        entity.start >= sentence.start && entity.end <= fact.start && entity.type !== 'place',
    )
    // A price is of the thing named last before it in its sentence, a product or its maker before a person
    // ("Mr. Kim's new limo is … priced at"); without a name the subject is left to the other reports of that
    // price.
    const things = named.filter((entity) => entity.type !== 'person')
    const priced = things.at(-1) ?? named.at(-1)
    // "Mr. Kim's new limo … priced at": what a name owns is priced, not the name's bearer.
    const last = named.at(-1)
    const owned =
      (last !== undefined ? possessed(article.text, last.end, fact.start) : null) ??
      possessed(article.text, lastPossessor(article.text, sentence.start, fact.start), fact.start)
    const subject =
      fact.about !== 'price'
        ? amountSubject(article.text, fact.start, fact.end, sentence)
        : owned !== null
          ? owned
          : priced !== undefined
            ? contentOf(priced.text)
            : []
    const { kind, asker } = kindOf(fact.about, article.text, fact.start, sentence.start)
    return {
      articleId: article.id,
      kind,
      party: kind.startsWith('proposed') ? (asker ?? partyOf(named.at(-1)?.text)) : null,
      subject,
      subjectName:
        fact.about === 'price' && owned === null && priced !== undefined && subject.length > 0
          ? priced.text
          : null,
      value: Number(fact.value),
      unit: fact.unit,
      qualifier: fact.qualifier,
      rounding: roundingOf(article.text.slice(fact.start, fact.end), Number(fact.value)),
      start: fact.start,
      end: fact.end,
    }
  })
  const counts = COUNTS.flatMap((pattern) =>
    [...article.text.matchAll(pattern)].map((match): NumberFact => {
      const groups = match.groups ?? {}
      const number = (groups.number ?? '').toLowerCase()
      return {
        articleId: article.id,
        kind: OUTCOME_KIND[(groups.outcome ?? '').toLowerCase()] ?? 'count',
        party: null,
        subject: [],
        subjectName: null,
        value: COUNT_WORDS[number] ?? Number(number.replace(/,/g, '')),
        unit: 'people',
        qualifier: groups.qualifier?.toLowerCase() ?? null,
        rounding: 0,
        start: match.index,
        end: match.index + match[0].length,
      }
    }),
  )
  return [...money, ...counts]
}

/** A party by the last word of its name, so "Donald Trump" and "Trump's" are one party. */
function partyOf(name: string | undefined): string | null {
  const last = name
    ?.toLowerCase()
    .replace(/['’]s$/, '')
    .split(/\s+/)
    .at(-1)
  return last === undefined || last === '' ? null : last
}

/**
 * The kind of a sum as its clause frames it — "remainder" after "all but", "proposed amount" after a request
 * or an offer, else the annotation's kind (price, amount…) — and, for a proposed sum, the capitalised word
 * that asks or offers it when it stands just before the cue ("Democrats offered").
 */
function kindOf(
  about: string,
  text: string,
  start: number,
  sentenceStart: number,
): { kind: string; asker: string | null } {
  const before = text.slice(Math.max(sentenceStart, start - CUE_CHARS), start)
  // The clause the amount is in: the cue must not stand behind a comma or a clause break.
  const clause = before.split(/[,;:()\u2013\u2014]/).at(-1) ?? ''
  if (LEFT_OUT_BEFORE.test(clause)) return { kind: 'remainder', asker: null }
  const cue = PROPOSED_BEFORE.exec(clause)
  if (cue === null) return { kind: about, asker: null }
  const asker = /([\p{Lu}][\p{L}'’.-]*)\s+$/u.exec(clause.slice(0, cue.index))?.[1]
  return { kind: `proposed ${about}`, asker: asker === undefined ? null : partyOf(asker) }
}

/** Half the unit of the written figure's last digit when a scale word multiplies it; else 0 (see NumberFact). */
function roundingOf(written: string, value: number): number {
  const numeral = /\d[\d,]*(?:\.(\d+))?/.exec(written)
  if (numeral === null) return 0
  const scale = value / Number(numeral[0].replace(/,/g, ''))
  if (!Number.isFinite(scale) || scale < 1000) return 0
  return (scale * 10 ** -(numeral[1]?.length ?? 0)) / 2
}

function contentOf(text: string): string[] {
  return contentWords(text).slice(0, SUBJECT_WORDS)
}

function contentWords(text: string): string[] {
  return tokenize(text)
    .map((token) => token.norm)
    .filter(
      // A year or another figure is when or how much, never what.
      (word) =>
        word.length > 2 &&
        !STOPWORDS.has(word) &&
        !NOT_SUBJECT.has(word) &&
        !/\d/.test(word) &&
        // "initially", "unsuccessfully", "currently": how or when, not what ("supply", "family" stay).
        !/(?:ally|ently|antly|ously|ively|fully|edly|ately|ingly|tely)$/.test(word),
    )
}

/**
 * The head of the noun phrase a possessive name opens, before the amount: "Kim’s new limo is … priced" →
 * limo. Null when the name is not possessive or no word follows it before a verb or a clause break.
 */
/**
 * The end of the last capitalised word written as a possessor before an amount ("Mr. Park’s new yacht"), for a
 * name the tagger did not mark; -1 when there is none.
 */
function lastPossessor(text: string, from: number, to: number): number {
  let end = -1
  for (const match of text.slice(from, to).matchAll(/\b\p{Lu}[\p{L}-]*(?=['’]s\s)/gu))
    end = from + match.index + match[0].length
  return end
}

function possessed(text: string, nameEnd: number, amountStart: number): string[] | null {
  if (nameEnd < 0) return null
  const phrase =
    /^['’]s\s+([\p{L}\s-]{2,60}?)\s*(?:\b(?:is|was|are|were|costs?|priced|sells?)\b|[,;:(—–])/u.exec(
      text.slice(nameEnd, amountStart),
    )
  const head = contentOf(phrase?.[1] ?? '').at(-1)
  return head === undefined ? null : [head]
}

/**
 * "$3.6 billion for the construction fund" → construction fund; "a $3.5 billion fund" → fund; "$28 million in
 * 2022" is a when, not a what.
 */
function amountSubject(
  text: string,
  start: number,
  end: number,
  sentence: { text: string; start: number },
): string[] {
  const after = text.slice(end, Math.min(sentence.start + sentence.text.length, end + 80))
  const linked =
    /^\s*(?:\)|dollars?|in|of|for|to|from)\s+(?:the\s+|a\s+|an\s+)?(?!\d)([^,.;:$€£\d]{3,60})/i.exec(
      after,
    )
  // "from military construction projects to the wall": the first phrase is what the money is, the next where
  // it goes.
  if (linked?.[1] !== undefined)
    return contentOf(
      linked[1].split(/\s(?:to|for|from|in|on|at|by|with|as|after|before)\s/i)[0] ?? '',
    )
  const direct = /^\s*([\p{L}-]+(?:\s+[\p{L}-]+)?)/u.exec(after)
  if (direct?.[1] !== undefined) return contentOf(direct[1])
  // The words nearest before the amount in its sentence ("… military construction budget, to the tune of
  // $3.5 billion"), from a word's start: a window cut inside "military" must not give "ary".
  const from = Math.max(sentence.start, start - BEFORE_CHARS)
  const before = text.slice(from, start)
  return contentWords(
    from > sentence.start ? before.replace(/^[\p{L}\p{M}'’-]*/u, '') : before,
  ).slice(-SUBJECT_WORDS)
}
