import type * as chronoTypes from 'chrono-node'
import { EVENT_VERBS, REPORTING_EVENTS } from '../data/event-verbs.js'
import { chronoLocale } from '../metadata/parse-date.js'
import { tokenize } from '../text/tokens.js'
import type { Article } from '../types.js'
import { sentencesOf } from './annotations.js'

// English only: the casual parser the package's root export wraps, without loading its other locales (hundreds
// of modules). Loaded as parse-date.ts loads it (test runners do not resolve the package's locale paths), so
// that the CLI bundle's one copy serves both.
const chrono = chronoLocale('en') as typeof chronoTypes

/** A dated event in one article: what happened (kind and verb), when (a day range), and where it is said. */
export interface EventDate {
  articleId: string
  kind: string
  verb: string
  /** First and last day the expression allows (ISO), equal for a day ("on Sunday" → one day). */
  from: string
  to: string
  /** The date expression as written ("Sunday", "on 18 February") and its offsets. */
  expression: { text: string; start: number; end: number }
  /** The sentence that carries it. */
  sentence: { text: string; start: number; end: number }
}

/** A date this many words or fewer away from an event verb belongs to it (unless a reporting verb is nearer). */
const MAX_WORDS_TO_VERB = 7

const KIND_OF = new Map(
  Object.entries(EVENT_VERBS).flatMap(([kind, verbs]) => verbs.map((verb) => [verb, kind])),
)
const REPORTING = new Set(REPORTING_EVENTS)
/** A word after one of these is a noun ("the gift"): the date may belong to a verb further on. */
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'this', 'that'])
/** Expressions chrono reads as dates that do not date an event. */
const BARE_YEAR = /\b(?:in|In|since|Since|during|During)\s+((?:19|20)\d{2})\b/g
const NOT_EVENT_DATES = /^(?:now|right now|currently|recently)$/i
const DAY = 86_400_000

const isoDay = (date: Date): string => date.toISOString().slice(0, 10)

/**
 * Event dates resolved against the article's publication date: "on Sunday" in a Tuesday 20 February 2024
 * report is 2024-02-18 (a weekday names the latest such day on or before the report), "over the weekend" is
 * 17–18 February, "on 18 February" is that day. Dates with no event verb near them are left out.
 */
export function findEventDates(article: Article): EventDate[] {
  let found = cache.get(article)
  if (found === undefined) cache.set(article, (found = eventDatesOf(article)))
  return found
}

/** Conflicts and the timeline both ask; an article's event dates are found once. */
const cache = new WeakMap<Article, EventDate[]>()
/**
 * chrono is the costly part: a sentence goes to it only when it has a word a date could be made of (a weekday,
 * a month, a digit, a relative day). Measured on ECB+'s 982 documents: most sentences have none.
 */
const DATE_WORD =
  /\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b|\b(?:yesterday|today|tomorrow|tonight|weekend|week|month|year|morning|afternoon|evening|night|ago|last|next|earlier|later)\b/i

function eventDatesOf(article: Article): EventDate[] {
  if (article.published === null) return []
  const reference = new Date(`${article.published.slice(0, 10)}T12:00:00Z`)
  if (Number.isNaN(reference.getTime())) return []
  const found: EventDate[] = []
  for (const sentence of sentencesOf(article)) {
    if (sentence.text.length > 1_000 || !DATE_WORD.test(sentence.text)) continue
    const tokens = tokenize(sentence.text)
    // A date belongs to an event verb of its sentence (governingVerb): without one, chrono is not asked.
    if (!tokens.some((token) => KIND_OF.has(token.norm))) continue
    for (const result of datesIn(sentence.text, reference)) {
      const range = result.range
      const indexFrom = (offset: number): number => {
        const index = tokens.findIndex((token) => token.start >= offset)
        return index === -1 ? tokens.length : index
      }
      const verb = governingVerb(
        sentence.text,
        tokens,
        indexFrom(result.index),
        indexFrom(result.index + result.text.length),
      )
      if (verb === null) continue
      found.push({
        articleId: article.id,
        kind: verb.kind,
        verb: verb.word,
        ...range,
        expression: {
          text: result.text,
          start: sentence.start + result.index,
          end: sentence.start + result.index + result.text.length,
        },
        sentence,
      })
    }
  }
  return found
}

/** chrono's dates, and bare years ("in 2018"), which chrono leaves alone; each with its day range. */
function datesIn(
  text: string,
  reference: Date,
): { text: string; index: number; range: { from: string; to: string } }[] {
  const found: { text: string; index: number; range: { from: string; to: string } }[] = []
  for (const result of chrono.parse(text, { instant: reference, timezone: 0 })) {
    if (NOT_EVENT_DATES.test(result.text.trim())) continue
    const range = dayRange(result, reference)
    // chrono's weekend pattern takes the comma after the word ("over the weekend, and"): the evidence is the words.
    const words = result.text.replace(/[\s,.;:]+$/u, '')
    if (range !== null) found.push({ text: words, index: result.index, range })
  }
  for (const match of text.matchAll(BARE_YEAR)) {
    const index = match.index + match[0].indexOf(match[1] as string)
    if (found.some((known) => index >= known.index && index < known.index + known.text.length))
      continue
    found.push({
      text: match[1] as string,
      index,
      range: { from: `${match[1]}-01-01`, to: `${match[1]}-12-31` },
    })
  }
  return found
}

function dayRange(
  result: chronoTypes.ParsedResult,
  reference: Date,
): { from: string; to: string } | null {
  const start = result.start
  let date = start.date()
  // "A day earlier", "two days later": counted from another event of the text, not from the report's date.
  if (/\b(?:earlier|later|before|after)\b/i.test(result.text) && !/\bago\b/i.test(result.text))
    return null
  if (/\bweeks?\b/i.test(result.text)) return weekRange(result.text, date, reference)
  if (/weekend/i.test(result.text)) {
    // The weekend before the report: its Saturday and Sunday.
    const saturday = new Date(reference.getTime() - ((reference.getUTCDay() + 1) % 7 || 7) * DAY)
    return { from: isoDay(saturday), to: isoDay(new Date(saturday.getTime() + DAY)) }
  }
  if (start.isCertain('weekday') && !start.isCertain('day')) {
    // News tells what has happened: a bare weekday is the latest such day on or before the report.
    while (date.getTime() > reference.getTime() + DAY / 2) date = new Date(date.getTime() - 7 * DAY)
    return { from: isoDay(date), to: isoDay(date) }
  }
  if (start.isCertain('day')) return { from: isoDay(date), to: isoDay(date) }
  if (start.isCertain('month')) {
    const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1))
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0))
    return { from: isoDay(first), to: isoDay(last) }
  }
  return null
}

/**
 * A date counted in weeks names a week, not a day (chrono gives "last week" as the report's day less seven):
 * "last week" and "next week" are the calendar weeks (Monday to Sunday) before and after the report's, "a week
 * ago" or "two weeks ago" the seven days around that day.
 */
function weekRange(text: string, date: Date, reference: Date): { from: string; to: string } | null {
  const monday = new Date(reference.getTime() - ((reference.getUTCDay() + 6) % 7) * DAY)
  const week = (offset: number): { from: string; to: string } => ({
    from: isoDay(new Date(monday.getTime() + offset * 7 * DAY)),
    to: isoDay(new Date(monday.getTime() + (offset * 7 + 6) * DAY)),
  })
  if (/\blast\b|\bprevious\b|\bpast\b/i.test(text)) return week(-1)
  if (/\bnext\b|\bcoming\b/i.test(text)) return week(1)
  if (/\bthis\b/i.test(text)) return week(0)
  if (/\bago\b/i.test(text))
    return {
      from: isoDay(new Date(date.getTime() - 3 * DAY)),
      to: isoDay(new Date(date.getTime() + 3 * DAY)),
    }
  return null
}

/** The event verb nearest the date within a few words, unless a reporting verb is nearer. */
function governingVerb(
  text: string,
  tokens: ReturnType<typeof tokenize>,
  first: number,
  after: number,
): { word: string; kind: string } | null {
  // An event noun ("accepted the gift Sunday") stands for its event only when no verb claims the date.
  let nounKind: { word: string; kind: string } | null = null
  // A comma, colon, semicolon, dash or bracket ends the clause: the scan does not cross it on that side.
  const boundary = (from: number, to: number): boolean =>
    /[,;:()\u2013\u2014]/.test(text.slice(from, to))
  let open = { before: true, after: true }
  for (let distance = 0; distance < MAX_WORDS_TO_VERB; distance++) {
    const before = first - 1 - distance
    const afterIndex = after + distance
    open = {
      before:
        open.before &&
        tokens[before] !== undefined &&
        !boundary(tokens[before].end, tokens[before + 1]?.start ?? text.length),
      after:
        open.after &&
        tokens[afterIndex] !== undefined &&
        !boundary(tokens[afterIndex - 1]?.end ?? 0, tokens[afterIndex].start),
    }
    for (const index of [open.before ? before : -1, open.after ? afterIndex : -1]) {
      const word = tokens[index]?.norm
      if (word === undefined) continue
      if (REPORTING.has(word)) return null
      const kind = KIND_OF.get(word)
      const noun = DETERMINERS.has(tokens[index - 1]?.norm ?? '')
      if (kind !== undefined && !noun) return { word, kind }
      if (kind !== undefined) nounKind ??= { word, kind }
    }
  }
  return nounKind
}
