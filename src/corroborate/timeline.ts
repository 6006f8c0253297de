import type { Article, TimelineEntry } from '../types.js'
import { type EventDate, findEventDates } from './event-dates.js'
import { startsWithPronoun } from './propositions.js'

const MAX_ENTRIES = 20

/**
 * What happened when, by event time: each dated event (a date next to an event verb, resolved against the
 * article's date — "on Sunday" in a Tuesday report is the Sunday before), grouped by day and kind of event,
 * oldest first. A sentence that merely mentions a year is not an event.
 */
export function buildTimeline(articles: Article[]): TimelineEntry[] {
  const byKey = new Map<string, { entry: TimelineEntry; first: EventDate }>()
  for (const article of articles) {
    for (const event of findEventDates(article)) {
      const date = precision(event.from, event.to)
      const key = `${date}|${event.kind}`
      const span = {
        articleId: article.id,
        start: event.sentence.start,
        end: event.sentence.end,
      }
      const evidence = { articleId: article.id, ...event.expression }
      const known = byKey.get(key)
      if (known === undefined)
        byKey.set(key, {
          entry: {
            date,
            text: event.sentence.text,
            spans: [span],
            event: event.kind,
            evidence: [evidence],
          },
          first: event,
        })
      else if (
        !known.entry.spans.some(
          (other) => other.articleId === span.articleId && other.start === span.start,
        )
      ) {
        known.entry.spans.push(span)
        known.entry.evidence.push(evidence)
        // The entry reads the first sentence that says who it is about: "He said Kim took a shine…" gives way
        // to another outlet's "Kim took a shine…" for the same event.
        if (startsWithPronoun(known.entry.text) && !startsWithPronoun(event.sentence.text))
          known.entry.text = event.sentence.text
      }
    }
  }
  return [...byKey.values()]
    .map(({ entry }) => entry)
    .sort(
      (a, b) =>
        (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
        b.spans.length - a.spans.length ||
        (a.event < b.event ? -1 : 1),
    )
    .slice(-MAX_ENTRIES)
}

/** A day, a month or a year, from the range an expression allows. */
function precision(from: string, to: string): string {
  if (from === to) return from
  if (from.slice(0, 7) === to.slice(0, 7) && from.endsWith('-01')) return from.slice(0, 7)
  if (from.slice(0, 4) === to.slice(0, 4) && from.endsWith('-01-01') && to.endsWith('-12-31'))
    return from.slice(0, 4)
  return `${from}/${to}`
}
