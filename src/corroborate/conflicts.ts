import { HEDGES } from '../data/reporting.js'
import type { Article, Span, StoryConflict } from '../types.js'
import { type EventDate, findEventDates } from './event-dates.js'
import { type NumberFact, numberFacts } from './number-facts.js'

/**
 * Where independent sources give different values for one subject: a number (price, sum, casualties) or an
 * event's date. Values that differ but can both be true ("as much as $1 million" beside a base price of
 * $245,000; "more than 1,000" beside "1,200"; "over the weekend" beside "on 18 February") are `differing`;
 * values that cannot both be true are a `contradiction`.
 */

/** A date this many days or more before the report is background ("in 2018"), not the story's event. */
const CURRENT_EVENT_DAYS = 14
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

/** The values a number with its qualifier allows. */
function allowed(value: number, qualifier: string | null): Interval {
  if (qualifier !== null && UPPER.has(qualifier)) return { low: 0, high: value }
  if (qualifier !== null && LOWER.has(qualifier)) return { low: value, high: Infinity }
  if (qualifier !== null && APPROXIMATE.has(qualifier))
    return { low: value * (1 - APPROXIMATE_SPREAD), high: value * (1 + APPROXIMATE_SPREAD) }
  return { low: value, high: value }
}

const overlaps = (a: Interval, b: Interval): boolean => a.low <= b.high && b.low <= a.high

interface Side {
  value: string
  qualifier: string | null
  interval: Interval
  spans: Span[]
}

function conflictOf(
  about: string,
  subject: string,
  sides: Side[],
  sourceOf: (articleId: string) => string,
): StoryConflict | null {
  const byValue = new Map<string, Side>()
  for (const side of sides) {
    const key = `${side.qualifier ?? ''}|${side.value}`
    const known = byValue.get(key)
    if (known === undefined) byValue.set(key, { ...side, spans: [...side.spans] })
    else known.spans.push(...side.spans)
  }
  const values = [...byValue.values()]
  if (values.length < 2) return null
  const sourcesOf = (side: Side): Set<string> =>
    new Set(side.spans.map((span) => sourceOf(span.articleId)))
  let differ = false
  let contradict = false
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++) {
      const [a, b] = [values[i] as Side, values[j] as Side]
      const [sa, sb] = [sourcesOf(a), sourcesOf(b)]
      // One source giving two values is not sources disagreeing.
      if ([...sa].every((source) => sb.has(source)) && [...sb].every((source) => sa.has(source)))
        continue
      differ = true
      if (!overlaps(a.interval, b.interval)) contradict = true
    }
  if (!differ) return null
  return {
    about,
    subject,
    kind: contradict ? 'contradiction' : 'differing',
    values: values.map((side) => ({
      value: side.qualifier === null ? side.value : `${side.qualifier} ${side.value}`,
      qualifier: side.qualifier,
      spans: side.spans,
    })),
  }
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
  // A price or a count is of the story's object; other sums must share a subject word to be one figure.
  const groups: NumberFact[][] = []
  for (const fact of facts) {
    const group = groups.find((members) => {
      const first = members[0] as NumberFact
      if (first.kind !== fact.kind || first.unit !== fact.unit) return false
      if (fact.kind === 'price' || fact.unit === 'people') return true
      return members.some((member) => member.subject.some((word) => fact.subject.includes(word)))
    })
    if (group === undefined) groups.push([fact])
    else group.push(fact)
  }
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
        interval: allowed(fact.value, fact.qualifier),
        spans: [{ articleId: fact.articleId, start: fact.start, end: fact.end }],
      })),
      sourceOf,
    )
    return conflict === null ? [] : [conflict]
  })
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
  const byKind = new Map<string, EventDate[]>()
  for (const event of current) byKind.set(event.kind, [...(byKind.get(event.kind) ?? []), event])
  return [...byKind].flatMap(([kind, events]) => {
    const conflict = conflictOf(
      `date of the ${kind}`,
      kind,
      events.map((event) => ({
        value: event.from === event.to ? event.from : `${event.from} – ${event.to}`,
        qualifier: null,
        interval: { low: Date.parse(event.from), high: Date.parse(event.to) },
        spans: [
          { articleId: event.articleId, start: event.expression.start, end: event.expression.end },
        ],
      })),
      sourceOf,
    )
    return conflict === null ? [] : [conflict]
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

function formatNumber(value: number): string {
  if (value >= 1e9 && value % 1e7 === 0) return `${value / 1e9} billion`
  if (value >= 1e6 && value % 1e4 === 0) return `${value / 1e6} million`
  return value.toLocaleString('en-US')
}
