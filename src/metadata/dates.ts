import type { Evidence } from '../types.js'
import { parseDate, type ParsedDate } from './parse-date.js'

/** The dates of one article and why they were chosen. */
export interface ArticleDates {
  published: string | null
  updated: string | null
  pageDate: string | null
  dateEvidence: Evidence[]
  dateConfidence: number
}

export interface DateSources {
  /** Dates from markup (see PageMeta.dates), with the kind of place they came from. */
  markup: Evidence[]
  url: string | null
  /** Date lines shown near the headline of a scrape or page (not tied to markup). */
  shown: string[]
  /** The whole visible text of the page, for the last-resort search. */
  pageText: string
  /** The clean body text, for content evidence (which years the story speaks of). */
  body: string
  /** Photo captions: content evidence too (they describe the story's own pictures). */
  captions: string[]
  /** A date the caller gave (a JSONL `published`). */
  given: string | null
  /** Dates later than this are implausible (default: now). */
  now: Date
}

interface Candidate {
  role: 'published' | 'modified' | 'shown'
  weight: number
  parsed: ParsedDate
  evidence: Evidence
}

// Weights say how far a kind of evidence is trusted as the original publication date; calibrated on the dev
// half of htmldate's evaluation set (markup beats text; JSON-LD of the article beats page-level markup).
const WEIGHTS: [RegExp, number, Candidate['role']][] = [
  [/^given$/, 1, 'published'],
  [/^json-ld-published$/, 0.95, 'published'],
  [/^meta-published/, 0.9, 'published'],
  [/^itemprop-published$/, 0.88, 'published'],
  [/^time-published/, 0.85, 'published'],
  [/^url$/, 0.8, 'published'],
  [/^json-ld-page-published$/, 0.7, 'published'],
  [/^time(-text)?$/, 0.65, 'published'],
  [/^shown$/, 0.6, 'shown'],
  [/modified/, 0.5, 'modified'],
  [/^page-text$/, 0.4, 'published'],
]
const URL_DATE =
  /(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)|\/((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/
/** A shown date this many years after the latest year the text speaks of is a republication. */
const REPUBLICATION_YEARS = 2
const LAST_YEAR = /\blast year(?:'s|’s)?\b/i

export function decideDates(sources: DateSources): ArticleDates {
  const candidates = gatherCandidates(sources)
  const published = best(candidates.filter((candidate) => candidate.role !== 'modified'))
  const modified = best(candidates.filter((candidate) => candidate.role === 'modified'))
  const evidence = candidates.map((candidate) => candidate.evidence)
  let result: ArticleDates = {
    published: published === null ? null : value(published.parsed),
    updated:
      modified === null || (published !== null && modified.parsed.day <= published.parsed.day)
        ? null
        : value(modified.parsed),
    pageDate: null,
    dateEvidence: evidence,
    dateConfidence: published?.weight ?? 0,
  }
  if (published !== null && published.role === 'shown') {
    result = checkRepublication(result, published, [sources.body, ...sources.captions].join('\n'))
  }
  return result
}

function gatherCandidates(sources: DateSources): Candidate[] {
  const candidates: Candidate[] = []
  const add = (kind: string, text: string, compact = false): void => {
    const parsed = parseDate(text, { latest: sources.now, compact })
    const rule = WEIGHTS.find(([pattern]) => pattern.test(kind))
    if (parsed === null || rule === undefined) return
    candidates.push({
      role: rule[2],
      weight: rule[1],
      parsed,
      evidence: { kind, text: text.slice(0, 200) },
    })
  }
  if (sources.given !== null) add('given', sources.given)
  for (const found of sources.markup) add(found.kind, found.text)
  const urlDate = sources.url === null ? null : URL_DATE.exec(sources.url)
  if (urlDate !== null) add('url', urlDate.slice(1).filter(Boolean).join('-'))
  for (const line of sources.shown) add('shown', line)
  if (
    !candidates.some((candidate) => candidate.role === 'published' || candidate.role === 'shown')
  ) {
    const fromText = parseDate(sources.pageText.slice(0, 20_000), { latest: sources.now })
    if (fromText !== null) {
      candidates.push({
        role: 'published',
        weight: 0.4,
        parsed: fromText,
        evidence: { kind: 'page-text', text: fromText.matched },
      })
    }
  }
  return candidates
}

/** The most trusted candidate; among equals, the earliest day (an original precedes its updates). */
function best(candidates: Candidate[]): Candidate | null {
  return candidates.reduce<Candidate | null>((chosen, candidate) => {
    if (chosen === null || candidate.weight > chosen.weight) return candidate
    if (candidate.weight === chosen.weight && candidate.parsed.day < chosen.parsed.day)
      return candidate
    if (
      candidate.weight === chosen.weight &&
      candidate.parsed.day === chosen.parsed.day &&
      candidate.parsed.dateTime !== null &&
      chosen.parsed.dateTime === null
    )
      return candidate
    return chosen
  }, null)
}

function value(parsed: ParsedDate): string {
  return parsed.dateTime ?? parsed.day
}

/**
 * A scrape that shows only its own date (an aggregator's, a content farm's) while the story speaks of years
 * long before it is a republication: the shown date becomes `pageDate`, never `published`.
 */
function checkRepublication(result: ArticleDates, shown: Candidate, body: string): ArticleDates {
  const years = [...body.matchAll(/(?<![\d$€£,.])((?:19|20)\d{2})(?![\d,])/g)].map((match) =>
    Number(match[1]),
  )
  if (years.length === 0) return result
  const latestContentYear = Math.max(...years)
  const shownYear = Number(shown.parsed.day.slice(0, 4))
  // "last year" next to explicit years: the story was written the year after the latest of them, so a
  // shown date a year later still contradicts it.
  const expectedYear = LAST_YEAR.test(body) ? latestContentYear + 1 : latestContentYear
  const gap = LAST_YEAR.test(body) ? 1 : REPUBLICATION_YEARS
  if (shownYear < expectedYear + gap) return result
  return {
    ...result,
    published: null,
    pageDate: value(shown.parsed),
    dateConfidence: 0,
    dateEvidence: [
      ...result.dateEvidence,
      {
        kind: 'republication',
        text: `shown date ${shown.parsed.day} is later than the story's own time (it speaks of ${latestContentYear}${LAST_YEAR.test(body) ? ' and of "last year"' : ''})`,
      },
    ],
  }
}
