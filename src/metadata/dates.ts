import type { Evidence } from '../types.js'
import {
  CITATION_BEFORE_DATE,
  CURRENT_TIME_LABELS,
  MODIFIED_DATE_LABELS,
  PERIOD_BOUND_WORDS,
  PUBLISHED_DATE_LABELS,
} from '../data/date-labels.js'
import { yearsMentioned } from '../text/years.js'
import { formatDay, parseDate, type ParseDateOptions, type ParsedDate } from './parse-date.js'

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
  pageText: () => PageText
  /** The clean body text, for content evidence (which years the story speaks of). */
  body: string
  /** Photo captions: content evidence too (they describe the story's own pictures). */
  captions: string[]
  /** A date the caller gave (a JSONL `published`). */
  given: string | null
  /** Dates later than this are implausible (default: now). */
  now: Date
  /** The page's language tag (`en-GB`, `de`), which says how to read 02/10/2020. */
  lang?: string | null
  /** The language of the article's text (ISO 639-1), which with `lang` says in which languages to read dates. */
  textLanguage?: string | null
}

/** A page's visible text, and where its headline stands in it (null when the page has none). */
export interface PageText {
  text: string
  headline: { start: number; end: number } | null
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
  [/-modified$/, 0.5, 'modified'],
  [/^json-ld-published$/, 0.95, 'published'],
  [/^meta-published/, 0.96, 'published'],
  [/^itemprop-published$/, 0.88, 'published'],
  [/^time-published/, 0.85, 'published'],
  [/^url$/, 0.8, 'published'],
  [/^json-ld-page-published$/, 0.7, 'published'],
  [/^time(-text)?$/, 0.65, 'published'],
  [/^date-element$/, 0.66, 'published'],
  [/^shown$/, 0.6, 'shown'],
  [/modified/, 0.5, 'modified'],
  [/^script-published$/, 0.45, 'published'],
  [/^page-text$/, 0.4, 'published'],
]
const URL_DATE =
  /(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)|\/((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/
/** A shown date this many years after the latest year the text speaks of is a republication. */
const REPUBLICATION_YEARS = 2
/** Markup this trusted makes dates shown in the body unnecessary to parse. */
const STRONG_MARKUP = 0.85
/** Days of one moment written in two time zones lie at most one day apart. */
const MAX_ZONE_SHIFT_MS = 86_400_000
/** Dates shown in the body read at most (the first is usually the article's). */
const MAX_SHOWN_DATES = 12
const LAST_YEAR = /\blast year(?:'s|’s)?\b/i

export function decideDates(sources: DateSources): ArticleDates {
  const candidates = gatherCandidates(sources)
  const pool = candidates.filter((candidate) => candidate.role !== 'modified')
  const confirmed = confirmedByPage(pool)
  // A day the page shows is its local day already: no other markup's day-only date shifts it.
  const published = shownBeforeLastSave(
    readAsShown(
      confirmed === best(pool) ? preferLocalDay(confirmed, candidates) : confirmed,
      sources,
    ),
    pool,
    sources,
  )
  const modified = best(candidates.filter((candidate) => candidate.role === 'modified'))
  const evidence = candidates.map((candidate) => candidate.evidence)
  // A day read from the page's text against its markup is no candidate of its own: its reason is listed too.
  if (published?.evidence.kind === 'shown-day') evidence.push(published.evidence)
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
  // Dates shown in the page body (not markup made for machines) are trusted in document order: the first
  // one is usually the article's, later ones belong to teasers and comments.
  const add = (kind: string, text: string, position = 0): void => {
    // A date shown with an update label ("Updated:", "Aktualisiert am") is the page's last change, never its
    // publication: when the same line also labels the publication, each date is read after its own label.
    if (kind === 'shown' || kind === 'date-element' || kind.endsWith('-text')) {
      // A page's clock ("Aktuelle Zeit: 14.10.2020, 12:18") shows when the page was served.
      if (CURRENT_TIME_START.test(text)) return
      const parts = labelledParts(text)
      if (parts.published !== null && parts.published !== text)
        return add(kind, parts.published, position)
      if (parts.modified !== null && parts.published === null)
        return addParsed(`${kind}-modified`, parts.modified, position)
    }
    addParsed(kind, text, position)
  }
  const addParsed = (kind: string, text: string, position: number): void => {
    const parsed = parseDate(text, parseOptions(sources))
    const rule = WEIGHTS.find(([pattern]) => pattern.test(kind))
    if (parsed === null || rule === undefined) return
    candidates.push({
      role: rule[2],
      weight:
        kind === 'date-element' || kind.startsWith('time') ? rule[1] - position * 1e-4 : rule[1],
      parsed,
      evidence: { kind, text: text.slice(0, 200) },
    })
  }
  if (sources.given !== null) add('given', sources.given)
  // Dates shown in the body need the costly word parsers; they only matter when no strong markup date exists.
  const shownInBody = (kind: string): boolean => kind === 'date-element' || kind.endsWith('-text')
  // A meta or microdata date repeated under the same name further down belongs to teasers of other
  // articles (each with its own itemprop="datePublished"): the page's own comes first.
  const seenKinds = new Set<string>()
  sources.markup.forEach((found, index) => {
    if (shownInBody(found.kind)) return
    const repeated = /^(meta|itemprop)-published/.test(found.kind) && seenKinds.has(found.kind)
    seenKinds.add(found.kind)
    if (!repeated) add(found.kind, found.text, index)
  })
  // Trusted markup whose days lie more than a day apart (not one moment in two time zones, which
  // preferLocalDay settles) needs the page's shown dates too: the day the reader sees decides (confirmedByPage).
  const strongDays = candidates
    .filter((candidate) => candidate.role === 'published' && candidate.weight >= STRONG_MARKUP)
    .map((candidate) => Date.parse(candidate.parsed.day))
  if (
    strongDays.length === 0 ||
    Math.max(...strongDays) - Math.min(...strongDays) > MAX_ZONE_SHIFT_MS
  ) {
    // Their weights fall with position, so only the first date of each kind that parses can win.
    const parsedKinds = new Set<string>()
    sources.markup.slice(0, MAX_SHOWN_DATES).forEach((found, index) => {
      if (!shownInBody(found.kind) || parsedKinds.has(found.kind)) return
      const before = candidates.length
      add(found.kind, found.text, index)
      if (candidates.length > before) parsedKinds.add(found.kind)
    })
  }
  const urlDate = sources.url === null ? null : URL_DATE.exec(sources.url)
  if (urlDate !== null) add('url', urlDate.slice(1).filter(Boolean).join('-'))
  for (const line of sources.shown) add('shown', line)
  if (
    !candidates.some((candidate) => candidate.role === 'published' || candidate.role === 'shown')
  ) {
    const updates: ParsedDate[] = []
    const fromText = dateInText(
      withAnchor(sources.pageText(), sources.body),
      parseOptions(sources),
      updates,
    )
    const update = updates[0]
    if (update !== undefined)
      candidates.push({
        role: 'modified',
        weight: 0.4,
        parsed: update,
        evidence: { kind: 'page-text-modified', text: update.matched },
      })
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

/** How one page's dates are read: its latest plausible day, its order of slashed dates, its languages. */
function parseOptions(sources: DateSources): ParseDateOptions {
  const declared = sources.lang
    ?.trim()
    .toLowerCase()
    .match(/^[a-z]{2}(?![a-z])/)?.[0]
  const languages = [sources.textLanguage, declared].filter(
    (language): language is string => typeof language === 'string',
  )
  return { latest: sources.now, dayFirst: dayFirst(sources.lang), languages }
}

/**
 * Slashed dates are month first in US English (and for pages that do not say their language), day first
 * elsewhere: `en-GB`, `fr`, `de`…
 */
function dayFirst(lang: string | null | undefined): boolean {
  if (lang === null || lang === undefined || lang.trim() === '') return false
  return !/^en(?:[-_](?:us|ph|ca))?$/i.test(lang.trim())
}

/**
 * Markup often gives the time in UTC while the page shows the local day. When the chosen date-time is in UTC,
 * the page's own local day wins: the same moment written with a local offset elsewhere in the markup, or a
 * day without a time (URL, a shown date) that a time-zone offset could make of that moment.
 */
function preferLocalDay(chosen: Candidate | null, candidates: Candidate[]): Candidate | null {
  if (chosen === null || chosen.parsed.dateTime === null || !isUtc(chosen.parsed.dateTime))
    return chosen
  const moment = Date.parse(chosen.parsed.dateTime)
  const localDays = candidates.filter((candidate) => candidate.role !== 'modified')
  // The same moment written with a local offset says the local day whatever its element is labelled
  // (WordPress marks its one <time> both "published" and "updated").
  const sameMoment = candidates.find(
    (candidate) =>
      candidate.parsed.dateTime !== null &&
      !isUtc(candidate.parsed.dateTime) &&
      Date.parse(candidate.parsed.dateTime) === moment,
  )
  const local =
    sameMoment ??
    localDays.find(
      (candidate) =>
        candidate.parsed.dateTime === null && offsetCanShift(moment, candidate.parsed.day),
    )
  if (local === undefined || local.parsed.day === chosen.parsed.day) return chosen
  return {
    ...local,
    role: chosen.role,
    weight: chosen.weight,
    evidence: {
      kind: 'local-day',
      text: `${local.parsed.day} (${local.evidence.kind}; markup gives ${chosen.parsed.dateTime})`,
    },
  }
}

/** A slashed date whose first two numbers could each be the month ("11/01/2023"). */
const AMBIGUOUS_SLASHED = /^\s*(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})(?!\d)/
/** A clock time right after a shown date ("3/5/2022 22:41", "19.10.2019, 05:00 Uhr", "… um 14.30"). */
const CLOCK_AFTER = /^[\s,|–-]*(?:um\s+|at\s+|a las\s+|à\s+)?([01]?\d|2[0-3])[:.h]([0-5]\d)(?!\d)/i
/** Offsets of real time zones: whole quarter hours from −12 h to +14 h. */
const QUARTER_HOUR_MS = 900_000
const WEST_MOST_MS = -12 * 3_600_000
const EAST_MOST_MS = 14 * 3_600_000

/**
 * Markup read against the date the page shows by its headline, where the markup alone cannot say the day: a
 * slashed markup date whose order is ambiguous takes the order of the shown day ("11/01/2023" beside
 * "Erstellt am: 01.11.2023"), and a UTC time takes the local day of the same moment shown with its clock
 * time ("Wed, 04 May 2022 02:41 GMT" beside "3/5/2022 22:41").
 */
function readAsShown(chosen: Candidate | null, sources: DateSources): Candidate | null {
  if (chosen === null || chosen.evidence.kind === 'given') return chosen
  const slashed = AMBIGUOUS_SLASHED.exec(chosen.evidence.text)
  const ambiguous =
    slashed !== null &&
    Number(slashed[1]) <= 12 &&
    Number(slashed[2]) <= 12 &&
    slashed[1] !== slashed[2]
  const utc =
    chosen.parsed.dateTime !== null &&
    isUtc(chosen.parsed.dateTime) &&
    chosen.evidence.kind !== 'local-day'
  if (!ambiguous && !utc) return chosen
  const page = pageHead(sources)
  if (page === null) return chosen
  if (!ambiguous && !clockCanShow(page.text, page.headline, chosen.parsed.dateTime)) return chosen
  const shown = dateNearHeadline(page.text, page.headline, parseOptions(sources))
  if (shown === null || shown.parsed.day === chosen.parsed.day) return chosen
  const asShown = (text: string): Candidate => ({
    ...chosen,
    parsed: { ...shown.parsed, dateTime: null },
    evidence: { kind: 'shown-day', text: `${shown.parsed.day} (${text})` },
  })
  if (ambiguous && slashed !== null) {
    const [, first, second, year] = slashed
    const other = chosen.parsed.day.endsWith(`-${second?.padStart(2, '0')}`)
      ? formatDay(Number(year), Number(second), Number(first))
      : formatDay(Number(year), Number(first), Number(second))
    return other === shown.parsed.day
      ? asShown(`the page shows the day of ${chosen.evidence.text} read the other way`)
      : chosen
  }
  const clock = CLOCK_AFTER.exec(shown.following)
  if (clock === null || chosen.parsed.dateTime === null) return chosen
  const moment = Math.floor(Date.parse(chosen.parsed.dateTime) / 60_000) * 60_000
  const local = Date.parse(`${shown.parsed.day}T${clock[1]?.padStart(2, '0')}:${clock[2]}:00Z`)
  const offset = local - moment
  return offset % QUARTER_HOUR_MS === 0 && offset >= WEST_MOST_MS && offset <= EAST_MOST_MS
    ? asShown(`the page shows ${chosen.parsed.dateTime} as local time ${clock[1]}:${clock[2]}`)
    : chosen
}

/**
 * Page-level meta dates with no article in their name (`<meta name="date">`, `DC.date`, `DCTERMS.date`):
 * content systems (TYPO3, Imperia, Drupal…) write there the day the page was last saved, not the day the
 * story came out.
 */
const PAGE_SAVE_META = /^meta-published:(?:date|dc\.date|dcterms\.date)$/

/**
 * A page whose only trusted date is a page-level meta date, while it shows an earlier day by its headline
 * ("Erschienen am: 13.10.2021" beside `<meta name="date" content="2021-10-15">`, which the page shows as
 * "Zuletzt geändert am: 15.10.2021"): the meta date is the last save, and the day shown is the publication.
 * A later day shown is not taken (a header clock shows the day the page was fetched).
 */
function shownBeforeLastSave(
  chosen: Candidate | null,
  pool: Candidate[],
  sources: DateSources,
): Candidate | null {
  if (chosen === null || !PAGE_SAVE_META.test(chosen.evidence.kind)) return chosen
  const articleMarkup = pool.some(
    (candidate) =>
      candidate.weight >= STRONG_MARKUP && !PAGE_SAVE_META.test(candidate.evidence.kind),
  )
  if (articleMarkup) return chosen
  const page = pageHead(sources)
  if (page === null) return chosen
  const shown = dateNearHeadline(page.text, page.headline, parseOptions(sources))
  if (shown === null || shown.parsed.day >= chosen.parsed.day) return chosen
  return {
    ...chosen,
    parsed: { ...shown.parsed, dateTime: null },
    evidence: {
      kind: 'shown-day',
      text: `${shown.parsed.day} (the page shows a day before ${chosen.evidence.kind} ${chosen.evidence.text}, its last save)`,
    },
  }
}

/** A clock time's separator after its hour ("22:41", "05.44", "14h30"), with the minutes. */
const CLOCK_MINUTES = /(?<=\d)[:.h]([0-5]\d)/gi

/**
 * Whether a clock time near the headline could show this UTC moment as local time: a real offset is whole
 * quarter hours, so the minutes shown equal the moment's modulo 15. A cheap test that spares parsing the dates
 * near the headline (chrono's word parsers, the costliest step of a page's dates) where no clock time can
 * change the answer: without such a clock, `readAsShown` keeps the markup's day whatever date is shown.
 */
function clockCanShow(
  text: string,
  headline: { start: number; end: number },
  dateTime: string | null,
): boolean {
  if (dateTime === null) return false
  const minute = new Date(Date.parse(dateTime)).getUTCMinutes()
  const { from, to } = nearHeadline(text, headline)
  // Dates read there end at most 16 characters past the span, and their clock follows within FOLLOWING_CHARS.
  const span = text.slice(Math.max(0, from - 1), to + YEAR_WINDOW_AFTER + FOLLOWING_CHARS)
  for (const clock of span.matchAll(CLOCK_MINUTES))
    if ((Number(clock[1]) - minute) % 15 === 0) return true
  return false
}

function isUtc(dateTime: string): boolean {
  return /(Z|[+-]00:?00)$/.test(dateTime)
}

/** Minutes into the UTC day before which a western offset (down to −10 h) gives the previous local day. */
const WEST_OFFSET_MINUTES = 600
/** Minutes into the UTC day from which an eastern offset (up to +12 h) gives the next local day. */
const EAST_OFFSET_MINUTES = 720

/** Whether a real time-zone offset turns this UTC moment into the given local day (one day either side). */
function offsetCanShift(moment: number, day: string): boolean {
  const utcDay = new Date(moment).toISOString().slice(0, 10)
  const minutes = (moment % 86_400_000) / 60_000
  const apart = (Date.parse(day) - Date.parse(utcDay)) / 86_400_000
  return (
    (apart === -1 && minutes < WEST_OFFSET_MINUTES) ||
    (apart === 1 && minutes >= EAST_OFFSET_MINUTES)
  )
}

/** Characters of page text scanned in the last-resort search (a date is near the top of a page). */
const PAGE_TEXT_SCAN = 50_000
const labelled = (labels: string[]): RegExp =>
  new RegExp(
    `(?<!\\p{L})(?:${labels.join('|')})(?:\\s+(?:on|am|le|el|il|op|den|at))?\\s*[:.]?\\s*$`,
    'iu',
  )
const PUBLISHED_LABEL = labelled(PUBLISHED_DATE_LABELS)
const MODIFIED_LABEL = labelled(MODIFIED_DATE_LABELS)
/**
 * A period's bound just before a date in the page's text ("seit", "Bis zum", "until"). Case-sensitive, in
 * lower case or capitalised: the page's text runs a heading into the next paragraph ("…in BolivienSeit 4.
 * August"), so a capital right after a small letter starts a word too.
 */
const PERIOD_BOUND = new RegExp(
  `(?:(?<!\\p{L})|(?<=\\p{Ll})(?=\\p{Lu}))(?:${PERIOD_BOUND_WORDS.flatMap((word) => [word, capitalised(word)]).join('|')})(?:\\s+(?:zum|zur|dem|den|am|the|le|el|al))?\\s*$`,
  'u',
)

/** A page's clock label just before a date ("It is currently", "Aktuelle Zeit:"). */
const CURRENT_TIME = new RegExp(
  `(?<!\\p{L})(?:${CURRENT_TIME_LABELS.join('|')})\\s*[:.]?\\s*$`,
  'iu',
)
/** The same label opening a date element's text. */
const CURRENT_TIME_START = new RegExp(`^\\s*(?:${CURRENT_TIME_LABELS.join('|')})(?!\\p{L})`, 'iu')

/**
 * Text just before a date in the page's text that makes it a date the page speaks of, not its own: a period's
 * bound ("seit"), the page's clock ("It is currently"), the pages of a cited work ("pp. 260 - 264,").
 */
function notThePagesDate(before: string): boolean {
  return PERIOD_BOUND.test(before) || CURRENT_TIME.test(before) || CITATION_BEFORE_DATE.test(before)
}

function capitalised(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`
}

/** Which label, if any, ends the text just before a date ("Updated on", "Veröffentlicht am:"). */
export function labelBefore(text: string): 'published' | 'modified' | null {
  return MODIFIED_LABEL.test(text) ? 'modified' : PUBLISHED_LABEL.test(text) ? 'published' : null
}
/** Any label anywhere in a stretch of text: the cheap test before a date is parsed. */
const ANY_LABEL = new RegExp(
  `(?<!\\p{L})(?:${[...PUBLISHED_DATE_LABELS, ...MODIFIED_DATE_LABELS].join('|')})`,
  'iu',
)
/** A label at the start of a shown date's text ("Updated: 3 May", "Aktualisiert am …"). */
const START_LABEL = (labels: string[]): RegExp =>
  new RegExp(
    `(?<!\\p{L})(?:${labels.join('|')})(?:\\s+(?:on|am|le|el|il|op|den|at))?\\s*[:.]?\\s*`,
    'iu',
  )
const PUBLISHED_ANYWHERE = START_LABEL(PUBLISHED_DATE_LABELS.filter((label) => label.length > 4))
const MODIFIED_ANYWHERE = START_LABEL(MODIFIED_DATE_LABELS)

/**
 * The parts of a shown date's text that follow a publication label and an update label. "Veröffentlicht am
 * 1. März, aktualisiert am 3. März" gives both; "Updated 3 May 2021" only the update.
 */
export function labelledParts(text: string): { published: string | null; modified: string | null } {
  const modified = MODIFIED_ANYWHERE.exec(text)
  const published = PUBLISHED_ANYWHERE.exec(text)
  const after = (match: RegExpExecArray | null, other: RegExpExecArray | null): string | null => {
    if (match === null) return null
    const start = match.index + match[0].length
    const end = other !== null && other.index > start ? other.index : text.length
    return text.slice(start, end)
  }
  // "Last updated" contains no publication label; "published … updated …" contains both.
  const modifiedPart = after(modified, published)
  const publishedPart = after(published, modified)
  return {
    published: publishedPart !== null && /\d/.test(publishedPart) ? publishedPart : null,
    modified: modifiedPart !== null && /\d/.test(modifiedPart) ? modifiedPart : null,
  }
}

/** How much a label says the date is the page's own; an unlabelled date counts 1. */
const LABEL_SCORE = { published: 3, modified: 2, none: 1 }

/**
 * The page's own date among the dates in its text: a date labelled as the publication ("Published:",
 * "Erstellt am") before an unlabelled one; among equals the first in the page. A date labelled as the last
 * change ("Letzte Änderung:", "Aktualisiert am") is never the publication: it goes to `updates`. (Counting
 * repeats was tried: teaser lists repeat their dates.)
 */
function dateInText(
  page: PageText,
  options: ParseDateOptions,
  updates: ParsedDate[] = [],
): ParsedDate | null {
  const scanned = page.text.slice(0, PAGE_TEXT_SCAN)
  let first: ParsedDate | null = null
  let labelled: { parsed: ParsedDate; score: number } | null = null
  let scannedThrough = 0
  for (const year of scanned.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)) {
    if (year.index < scannedThrough) continue // this year was part of the last date
    const start = Math.max(0, year.index - 40)
    // Parsing is the costly step: after the first date, only dates that may carry a label are parsed.
    if (first !== null && !ANY_LABEL.test(scanned.slice(Math.max(0, start - 20), year.index)))
      continue
    const window = wholeWords(scanned, start, year.index + 16)
    const parsed = parseDate(window, options)
    if (parsed === null) continue
    const at = scanned.indexOf(window, start) + parsed.index
    scannedThrough = at + parsed.matched.length
    const before = scanned.slice(Math.max(0, at - 40), at)
    // A date the story speaks of (a period's bound, a cited work's) or the page's clock is not its own.
    if (notThePagesDate(before)) continue
    first ??= parsed
    const score = PUBLISHED_LABEL.test(before)
      ? LABEL_SCORE.published
      : MODIFIED_LABEL.test(before)
        ? LABEL_SCORE.modified
        : LABEL_SCORE.none
    // A date labelled as the last change is not the publication, whatever else the page shows.
    if (score === LABEL_SCORE.modified) {
      if (first === parsed) first = null
      updates.push(parsed)
      continue
    }
    if (score > (labelled?.score ?? LABEL_SCORE.none)) labelled = { parsed, score }
    if (score === LABEL_SCORE.published) break
  }
  if (labelled !== null) return labelled.parsed
  const headline = page.headline
  return (headline === null ? null : dateNearHeadline(scanned, headline, options)?.parsed) ?? first
}

/**
 * The start of the page's text, where a day shown by the headline is looked for, with where the story stands
 * in it; null when it stands nowhere.
 */
function pageHead(
  sources: DateSources,
): { text: string; headline: { start: number; end: number } } | null {
  const page = withAnchor(sources.pageText(), sources.body)
  return page.headline === null
    ? null
    : { text: page.text.slice(0, PAGE_TEXT_SCAN), headline: page.headline }
}

/** Characters of the body's start looked up in the page's text. */
const BODY_START_CHARS = 60

/**
 * Where the story stands in the page's text: its headline, else (a page without <h1>) the start of its
 * extracted body.
 */
function withAnchor(page: PageText, body: string): PageText {
  if (page.headline !== null) return page
  const start = body.replace(/\s+/g, ' ').trim().slice(0, BODY_START_CHARS)
  const at = start.length < 20 ? -1 : page.text.indexOf(start)
  return at < 0 ? page : { ...page, headline: { start: at, end: at } }
}

/** Characters before and after the headline searched for the article's own date. */
const NEAR_HEADLINE_BEFORE = 1000
const NEAR_HEADLINE_AFTER = 2000

/** Characters before and after a year read with it as one date ("Donnerstag, 16. Februar 2012, 10:15"). */
const YEAR_WINDOW_BEFORE = 40
const YEAR_WINDOW_AFTER = 16

/** The span of the page's text searched for the date nearest the headline. */
function nearHeadline(
  text: string,
  headline: { start: number; end: number },
): { from: number; to: number } {
  return {
    from: Math.max(0, headline.start - NEAR_HEADLINE_BEFORE),
    to: Math.min(text.length, headline.end + NEAR_HEADLINE_AFTER),
  }
}

/**
 * The date nearest the headline (before its start or after its end), not labelled as an update: a page's
 * header clock and its teaser lists come before the story, so the first date of the page is often theirs.
 */
function dateNearHeadline(
  text: string,
  headline: { start: number; end: number },
  options: ParseDateOptions,
): NearDate | null {
  const { from, to } = nearHeadline(text, headline)
  let nearest: NearDate | null = null
  let scannedThrough = from
  for (const year of text.slice(from, to).matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)) {
    const yearAt = from + year.index
    // A date read from here starts at or after yearAt - 40, past the headline's end: it cannot be nearer
    // than the nearest so far, nor can any later one, so the rest of the span need not be parsed.
    if (nearest !== null && yearAt - YEAR_WINDOW_BEFORE - headline.end >= nearest.distance) break
    if (yearAt < scannedThrough) continue
    // Not back into the last date read: its window would give that date again.
    const start = Math.max(scannedThrough, yearAt - YEAR_WINDOW_BEFORE)
    const window = wholeWords(text, start, yearAt + YEAR_WINDOW_AFTER)
    const parsed = parseDate(window, options)
    if (parsed === null) continue
    const at = text.indexOf(window, start) + parsed.index
    const end = at + parsed.matched.length
    scannedThrough = end
    const before = text.slice(Math.max(0, at - 40), at)
    if (MODIFIED_LABEL.test(before) || notThePagesDate(before)) continue
    const distance = end <= headline.start ? headline.start - end : Math.max(0, at - headline.end)
    if (nearest === null || distance < nearest.distance)
      nearest = { parsed, distance, following: text.slice(end, end + FOLLOWING_CHARS) }
  }
  return nearest
}

/** A date shown near the headline, with the words that follow it (where a clock time may stand). */
interface NearDate {
  parsed: ParsedDate
  distance: number
  following: string
}
const FOLLOWING_CHARS = 24

/**
 * A slice of text cut at word boundaries: "2017 November 2017" cut inside either year is no "17 November" and
 * no "November 20".
 */
function wholeWords(text: string, start: number, end: number): string {
  let from = start
  let to = end
  if (from > 0 && !/\s/.test(text[from - 1] ?? ' ')) {
    const space = text.slice(from, to).search(/\s/)
    if (space === -1) return ''
    from += space + 1
  }
  if (to < text.length && !/\s/.test(text[to] ?? ' ')) {
    const space = text.slice(from, to).search(/\s\S*$/)
    if (space === -1) return ''
    to = from + space
  }
  return text.slice(from, to)
}

/** Kinds of date the reader of the page sees (an element's text or `<time>`, a date line), not markup alone. */
const SHOWN_KIND = /^(time|date-element|shown)/

/**
 * The most trusted candidate, unless trusted markup disagrees on the day and the page shows the day of one
 * of them: then the markup the page confirms wins (a meta date rewritten at the last save beside the JSON-LD
 * and `<time>` of the day shown).
 */
function confirmedByPage(pool: Candidate[]): Candidate | null {
  const chosen = best(pool)
  if (chosen === null || chosen.evidence.kind === 'given' || SHOWN_KIND.test(chosen.evidence.kind))
    return chosen
  const shownDays = new Set(
    pool
      .filter((candidate) => SHOWN_KIND.test(candidate.evidence.kind))
      .map((candidate) => candidate.parsed.day),
  )
  if (shownDays.size === 0 || shownDays.has(chosen.parsed.day)) return chosen
  const confirmed = pool.filter(
    (candidate) =>
      !SHOWN_KIND.test(candidate.evidence.kind) &&
      candidate.weight >= STRONG_MARKUP &&
      shownDays.has(candidate.parsed.day),
  )
  return best(confirmed) ?? chosen
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
  const years = yearsMentioned(body)
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
