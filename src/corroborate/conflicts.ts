import { HEDGES } from '../data/reporting.js'
import type { Article, Span, StoryConflict } from '../types.js'
import { dateRange } from '../text/date-range.js'
import { type EventDate, findEventDates } from './event-dates.js'
import { sameHappenings } from './event-participants.js'
import { type NumberFact, numberFacts } from './number-facts.js'

/**
 * Where independent sources give different values for one subject: a number (price, sum, casualties) or an
 * event's date. Values that differ but can both be true ("as much as $1 million" beside a base price of
 * $245,000; "more than 1,000" beside "1,200"; "over the weekend" beside "on 18 February") are `differing`;
 * values that cannot both be true are a `contradiction`.
 */

/** A date this many days or more before the report is background ("in 2018"), not the story's event. */
const CURRENT_EVENT_DAYS = 14
/**
 * Sums other than prices and counts of people are of one thing only when their subjects share this many words:
 * one common noun names a kind of thing, and two sums of it are often of two ("raised $200,000 for his
 * campaign" and "raised $5.4 million for the campaign" are two candidates'; last year's "$25 billion in wall
 * money" and this year's "$5.7 billion for his proposed border wall"). Two words ("military construction",
 * "state … local taxes") single one thing out.
 */
const MIN_SHARED_SUBJECT_WORDS = 2
/** "About" and its kin: values this close (relative) are the same figure rounded. */
const APPROXIMATE_SPREAD = 0.1

const UPPER = new Set([
  'as much as',
  'as many as',
  'up to',
  'at most',
  'less than',
  'fewer than',
  'under',
])
const LOWER = new Set(['more than', 'at least', 'over', 'in its most basic version'])
/** Every other hedge ("about", "nearly", "an estimated") rounds: the value is approximate. */
const APPROXIMATE = new Set(HEDGES.filter((hedge) => !UPPER.has(hedge) && !LOWER.has(hedge)))

interface Interval {
  low: number
  high: number
}

/**
 * The values a number with its qualifier allows, read two ways, since a writer either rounds a figure to its
 * scale word or cuts it there: "$1.4 billion" rounded allows [1.35, 1.45) billion, so "$1.375 billion" agrees;
 * "$43 million" cut allows [43, 44) million, so "$43,885,310" agrees. Two figures agree when one convention
 * makes them agree — the same for both, so "$3.5 billion" and "$3.6 billion" (rounded [3.45, 3.55) and
 * [3.55, 3.65), cut [3.5, 3.6) and [3.6, 3.7)) still contradict. Intervals are half-open.
 */
interface Readings {
  rounded: Interval
  cut: Interval
}

function allowed(value: number, qualifier: string | null, rounding = 0): Readings {
  const both = (interval: Interval): Readings => ({ rounded: interval, cut: interval })
  if (qualifier !== null && UPPER.has(qualifier)) return both({ low: 0, high: value + rounding })
  if (qualifier !== null && LOWER.has(qualifier))
    return both({ low: value - rounding, high: Infinity })
  if (qualifier !== null && APPROXIMATE.has(qualifier))
    return both({ low: value * (1 - APPROXIMATE_SPREAD), high: value * (1 + APPROXIMATE_SPREAD) })
  return {
    rounded: { low: value - rounding, high: value + rounding * (1 - 1e-9) },
    cut: { low: value, high: value + 2 * rounding * (1 - 1e-9) },
  }
}

const bounded = (side: { qualifier: string | null }): boolean =>
  side.qualifier !== null && (UPPER.has(side.qualifier) || LOWER.has(side.qualifier))

const overlaps = (a: Interval, b: Interval): boolean => a.low <= b.high && b.low <= a.high
/** Both figures can hold at once, read by one convention (see Readings). */
const compatible = (a: Readings, b: Readings): boolean =>
  overlaps(a.rounded, b.rounded) || overlaps(a.cut, b.cut)

interface Side {
  value: string
  qualifier: string | null
  readings: Readings
  spans: Span[]
  /**
   * For an event's date: the day its earliest report was published (ms). A report cannot date an event that
   * happened after it was written, so a later date in a later report is a later occurrence, not a
   * contradiction ("met on Sunday" on the 9th, "met on Thursday" on the 13th).
   */
  written?: number
}

/** Each date is no later than the other's report was written (see Side.written); always true for figures. */
const sameOccurrence = (a: Side, b: Side): boolean =>
  a.written === undefined ||
  b.written === undefined ||
  (a.readings.rounded.low <= b.written && b.readings.rounded.low <= a.written)

function conflictOf(
  about: string,
  subject: string,
  sides: Side[],
  sourceOf: (articleId: string) => string,
): StoryConflict | null {
  // The same figure, once hedged ("about $600 million") and once not, is one value: the plain one stands for
  // both. A bound ("less than", "as much as") stays a value of its own.
  const byValue = new Map<string, Side>()
  for (const side of sides) {
    const key = bounded(side) ? `${side.qualifier ?? ''}|${side.value}` : side.value
    const known = byValue.get(key)
    if (known === undefined) byValue.set(key, { ...side, spans: [...side.spans] })
    else {
      known.spans.push(...side.spans)
      if (side.written !== undefined)
        known.written = Math.min(known.written ?? Infinity, side.written)
      if (side.qualifier === null)
        Object.assign(known, { qualifier: null, readings: side.readings })
    }
  }
  const values = [...byValue.values()]
  if (values.length < 2) return null
  const sourcesOf = (side: Side): Set<string> =>
    new Set(side.spans.map((span) => sourceOf(span.articleId)))
  let differ = false
  const contradicting = new Set<Side>()
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++) {
      const [a, b] = [values[i] as Side, values[j] as Side]
      const [sa, sb] = [sourcesOf(a), sourcesOf(b)]
      // One source giving two values is not sources disagreeing.
      if ([...sa].every((source) => sb.has(source)) && [...sb].every((source) => sa.has(source)))
        continue
      if (!sameOccurrence(a, b)) continue
      const agree = compatible(a.readings, b.readings)
      // "$13.6 million" and "$13,625,777" are one figure, rounded; only a bound ("as much as", "more than")
      // makes compatible values differ.
      if (agree && !bounded(a) && !bounded(b)) continue
      differ = true
      if (!agree) contradicting.add(a).add(b)
    }
  if (!differ) return null
  // A contradiction shows the values that cannot all hold; a bound compatible with each of them ("less than
  // $5.7 billion" beside $3.5 and $3.6 billion) takes no side.
  const shown = foldVaguer(
    contradicting.size > 0 ? values.filter((side) => contradicting.has(side)) : values,
  )
  return {
    about,
    subject,
    kind: contradicting.size > 0 ? 'contradiction' : 'differing',
    values: shown.map((side) => ({
      value: side.qualifier === null ? side.value : `${side.qualifier} ${side.value}`,
      qualifier: side.qualifier,
      spans: side.spans,
    })),
  }
}

const width = (side: Side): number => side.readings.rounded.high - side.readings.rounded.low

/**
 * A value that only one other shown value can be, and that holds it, is that value said less precisely
 * ("over the weekend" beside "on Sunday"; "$13.6 million" beside "$13,625,777"): its spans join that side
 * instead of standing as a third side of a contradiction, where a reader would take it for another answer.
 * A bound ("as much as") is a claim of its own and stays; so does a vague value two shown values fit.
 * Differing values fold alike ("$13.6 million" and "$13,625,777" beside "as much as $20 million" are two sides).
 */
function foldVaguer(sides: Side[]): Side[] {
  const kept = sides.map((side) => ({ ...side, spans: [...side.spans] }))
  for (const vague of [...kept].sort((a, b) => width(b) - width(a))) {
    if (bounded(vague)) continue
    const fits = kept.filter(
      (other) => other !== vague && !bounded(other) && compatible(vague.readings, other.readings),
    )
    const [precise] = fits
    if (fits.length !== 1 || precise === undefined || width(precise) > width(vague)) continue
    if (kept.length <= 2) break
    precise.spans.push(...vague.spans)
    kept.splice(kept.indexOf(vague), 1)
  }
  return kept
}

/** Conflicts over numbers and event dates among a story's articles (`sourceOf`: independent source id). */
export function findConflicts(
  articles: Article[],
  sourceOf: (articleId: string) => string,
): StoryConflict[] {
  return [
    ...numberConflicts(articles.flatMap(numberFacts), sourceOf),
    ...dateConflicts(articles, sourceOf),
  ]
}

function numberConflicts(
  facts: NumberFact[],
  sourceOf: (articleId: string) => string,
): StoryConflict[] {
  const groups = groupFigures(facts)
  return groups.flatMap((members) => {
    const subject = subjectLabel(members)
    const first = members[0] as NumberFact
    const about = `${first.kind}${subject === '' ? '' : ` of ${subject}`}`
    const conflict = conflictOf(
      about,
      subject,
      members.map((fact) => ({
        value: `${formatNumber(fact.value)}${fact.unit === null ? '' : ` ${fact.unit}`}`,
        qualifier: fact.qualifier,
        readings: allowed(fact.value, fact.qualifier, fact.rounding),
        spans: [{ articleId: fact.articleId, start: fact.start, end: fact.end }],
      })),
      sourceOf,
    )
    return conflict === null ? [] : [conflict]
  })
}

/**
 * Figures of one thing, best-linked first. A price or a count of people is of the story's object; other sums
 * are of one thing when the subject words they share single them out: the words' weights (inverse document
 * frequency among the story's sums of that kind) add up to at least a word only those two sums use, and they
 * share at least MIN_SHARED_SUBJECT_WORDS words. A word
 * most sums share ("wall", "construction" in a border-wall story) links nothing alone. One article giving
 * two values that cannot both hold writes about two things ("$1.375 billion for the wall … the $5.7 billion
 * he demanded"), so no group holds both.
 */
function groupFigures(facts: NumberFact[]): NumberFact[][] {
  const intervals = facts.map((fact) => allowed(fact.value, fact.qualifier, fact.rounding))
  const kindOf = (fact: NumberFact): string => `${fact.kind}|${fact.unit ?? ''}`
  const weights = subjectWeights(facts, kindOf)
  const pairs: { i: number; j: number; weight: number }[] = []
  for (let i = 0; i < facts.length; i++)
    for (let j = i + 1; j < facts.length; j++) {
      const [a, b] = [facts[i] as NumberFact, facts[j] as NumberFact]
      if (kindOf(a) !== kindOf(b)) continue
      if (a.party !== null && b.party !== null && a.party !== b.party) continue
      if (a.kind === 'price' || a.unit === 'people') {
        pairs.push({ i, j, weight: Infinity })
        continue
      }
      const kind = kindOf(a)
      const shared = [...new Set(a.subject)].filter((word) => b.subject.includes(word))
      if (shared.length < MIN_SHARED_SUBJECT_WORDS) continue
      const weight = shared.reduce((sum, word) => sum + weights.word(kind, word), 0)
      if (weight >= weights.pair(kind)) pairs.push({ i, j, weight })
    }
  pairs.sort((x, y) => y.weight - x.weight || x.i - y.i || x.j - y.j)
  const groupOf = facts.map((_, index) => [index])
  const clash = (left: number[], right: number[]): boolean =>
    left.some((i) =>
      right.some(
        (j) =>
          facts[i]?.articleId === facts[j]?.articleId &&
          !compatible(intervals[i] as Readings, intervals[j] as Readings),
      ),
    )
  for (const { i, j } of pairs) {
    const [left, right] = [groupOf[i] as number[], groupOf[j] as number[]]
    if (left === right || clash(left, right)) continue
    left.push(...right)
    for (const index of right) groupOf[index] = left
  }
  return [...new Set(groupOf)].map((members) =>
    members.sort((a, b) => a - b).map((index) => facts[index] as NumberFact),
  )
}

/**
 * Each subject word's weight ln((n + 1) / df) among the n figures of its kind, and the weight a pair of figures
 * of that kind must reach: that of a word exactly two of them use.
 */
function subjectWeights(
  facts: NumberFact[],
  kindOf: (fact: NumberFact) => string,
): { word: (kind: string, word: string) => number; pair: (kind: string) => number } {
  const figures = new Map<string, number>()
  const df = new Map<string, number>()
  for (const fact of facts) {
    const kind = kindOf(fact)
    figures.set(kind, (figures.get(kind) ?? 0) + 1)
    for (const word of new Set(fact.subject))
      df.set(`${kind}\u0000${word}`, (df.get(`${kind}\u0000${word}`) ?? 0) + 1)
  }
  const n = (kind: string): number => figures.get(kind) ?? 0
  return {
    word: (kind, word) => Math.log((n(kind) + 1) / (df.get(`${kind}\u0000${word}`) ?? 1)),
    pair: (kind) => Math.log((n(kind) + 1) / 2),
  }
}

function dateConflicts(
  articles: Article[],
  sourceOf: (articleId: string) => string,
): StoryConflict[] {
  const current = articles.flatMap((article) => {
    if (article.published === null) return []
    const day = Date.parse(article.published.slice(0, 10))
    return findEventDates(article).filter(
      (event) => day - Date.parse(event.from) < CURRENT_EVENT_DAYS * 86_400_000,
    )
  })
  const writtenOn = new Map(
    articles.map((article) => [article.id, Date.parse((article.published ?? '9999').slice(0, 10))]),
  )
  const byKind = new Map<string, EventDate[]>()
  for (const event of current) byKind.set(event.kind, [...(byKind.get(event.kind) ?? []), event])
  return [...byKind].flatMap(([kind, all]) => {
    // An article dating one kind of event on two days that cannot both hold tells of two events (the deal
    // agreed on Thursday, signed on Friday): its dates cannot say which one another article's date is of.
    const interval = (event: EventDate): Interval => ({
      low: Date.parse(event.from),
      high: Date.parse(event.to),
    })
    const events = all.filter(
      (event) =>
        !all.some(
          (other) =>
            other.articleId === event.articleId && !overlaps(interval(other), interval(event)),
        ),
    )
    return sameHappenings(events).flatMap((happening) => {
      const conflict = conflictOf(
        `date of the ${kind}`,
        kind,
        happening.map((event) => ({
          value: dateRange(event.from, event.to),
          qualifier: null,
          readings: { rounded: interval(event), cut: interval(event) },
          written: writtenOn.get(event.articleId) ?? Infinity,
          spans: [
            {
              articleId: event.articleId,
              start: event.expression.start,
              end: event.expression.end,
            },
          ],
        })),
        sourceOf,
      )
      return conflict === null ? [] : [conflict]
    })
  })
}

/** What a group of figures is of: a name one of them gives (the product priced), else the commonest words. */
function subjectLabel(members: NumberFact[]): string {
  const names = members.flatMap((member) =>
    member.subjectName === null ? [] : [member.subjectName],
  )
  const counts = new Map<string, number>()
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1)
  const [commonest] = [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
  return commonest?.[0] ?? commonestWords(members.map((member) => member.subject))
}

function commonestWords(subjects: string[][]): string {
  const counts = new Map<string, number>()
  for (const subject of subjects)
    for (const word of subject) counts.set(word, (counts.get(word) ?? 0) + 1)
  const best = Math.max(0, ...counts.values())
  if (best < 1) return ''
  // The longest subject made only of words given at least as often as any other.
  const ranked = subjects
    .filter((subject) => subject.length > 0)
    .sort(
      (a, b) =>
        b.reduce((sum, word) => sum + (counts.get(word) ?? 0), 0) -
          a.reduce((sum, word) => sum + (counts.get(word) ?? 0), 0) || a.length - b.length,
    )
  const original = ranked[0] ?? []
  return original.join(' ')
}

/** A figure as the pages show it: "245,000", "1 million" (conflict values, and the facts a source alone gives). */
export function formatNumber(value: number): string {
  if (value >= 1e9 && value % 1e7 === 0) return `${value / 1e9} billion`
  if (value >= 1e6 && value % 1e4 === 0) return `${value / 1e6} million`
  return value.toLocaleString('en-US')
}
