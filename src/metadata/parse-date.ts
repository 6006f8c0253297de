import { createRequire } from 'node:module'
import type { Chrono } from 'chrono-node'

/** A date read from a string: the day, and the time with its offset when the string gives them. */
export interface ParsedDate {
  /** YYYY-MM-DD as written (local to the page's own time zone). */
  day: string
  /** ISO 8601 with the offset the page gave (`Z` for UTC/GMT), or null when no time was given. */
  dateTime: string | null
  /** Offset of the match in the parsed string. */
  index: number
  matched: string
}

/** Earliest and latest years accepted as a news publication date. */
export const MIN_YEAR = 1995
const ISO =
  /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{1,2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?/
const DOTTED = /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})(?!\d)/
// Year first with slashes or dots (East Asian and ISO-like usage): 2020/07/13, 2020.07.13.
const YEAR_FIRST = /(?<!\d)((?:19|20)\d{2})[/.](\d{1,2})[/.](\d{1,2})(?!\d)/
const SLASHED = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})(?!\d)/
const nodeRequire = createRequire(import.meta.url)
/**
 * Stems of month names (and abbreviations) per chrono-node locale, lower case. A cheap gate in front of each
 * locale's parser: a parser runs only on text that names a month in its language (a stem missing here only
 * costs a date that would be read in words).
 */
const MONTH_STEMS: [locale: string, stems: string[]][] = [
  ['en', ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']],
  [
    'de',
    ['jan', 'feb', 'mär', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dez'],
  ],
  [
    'fr',
    [
      'jan',
      'fév',
      'fev',
      'mar',
      'avr',
      'mai',
      'juin',
      'juil',
      'aoû',
      'aou',
      'sep',
      'oct',
      'nov',
      'déc',
      'dec',
    ],
  ],
  [
    'es',
    ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'set', 'oct', 'nov', 'dic'],
  ],
  [
    'nl',
    ['jan', 'feb', 'maa', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  ],
  ['pt', ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez']],
  ['it', ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic']],
  ['ru', ['янв', 'фев', 'мар', 'апр', 'ма[йяю]', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек']],
  ['uk', ['січ', 'лют', 'бер', 'кві', 'тра', 'чер', 'лип', 'сер', 'вер', 'жов', 'лис', 'гру']],
  ['sv', ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']],
]
// At the start of a word: "mar" in "market" is no month.
const stemPattern = (stems: string[]): RegExp =>
  new RegExp(`(?<!\\p{L})(?:${stems.join('|')})`, 'iu')
/** A number that can be a day of the month, standing alone (not a piece of a year or a price). */
const DAY_NUMBER = /(?<!\d|\d[.,])(?:0?[1-9]|[12]\d|3[01])(?!\d|[.,]\d)/
const ANY_MONTH = stemPattern([...new Set(MONTH_STEMS.flatMap(([, stems]) => stems))])
/** Each chrono-node locale loads on first use (together they take a quarter of a second to load). */
const strictParsers = MONTH_STEMS.map(([locale, stems]) => ({
  locale,
  months: stemPattern(stems),
  parser: null as Chrono | null,
}))

/**
 * Whether the page's languages let dates in words be read in this locale. English is always read (pages in
 * every language show English dates). A page in English alone (no other language detected or declared) reads
 * English only: another locale, tried on a window English could not read, loads and compiles its parsers (a
 * tenth of a second of CPU for some) to read English words the wrong way or not at all. Pages in other
 * languages try every locale, as one locale's parser reads some of its neighbours' dates ("Fr, 17 Mai 2019").
 */
function readsLocale(locale: string, languages: readonly string[] | undefined): boolean {
  if (locale === 'en' || languages === undefined) return true
  return !(languages.length > 0 && languages.every((language) => language === 'en'))
}

/**
 * Each locale's module, by a `require` of a literal, so that the CLI bundle holds them (esbuild bundles a
 * literal `require` call): loaded from node_modules, English alone was forty-odd CommonJS files resolved,
 * read and compiled on the first date in words, about a tenth of a second of CPU of each `extract` process. The
 * global `require` exists inside the bundle only (scripts/bundle-cli.ts defines it); elsewhere (dist/, tests)
 * the package is loaded through Node's `createRequire`, as before. Still on first use: a locale's module costs
 * its evaluation only when a page reaches it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- literal requires are what esbuild bundles */
const BUNDLED_LOCALES: Record<string, () => unknown> = {
  en: () => require('chrono-node/en'),
  de: () => require('chrono-node/de'),
  fr: () => require('chrono-node/fr'),
  es: () => require('chrono-node/es'),
  nl: () => require('chrono-node/nl'),
  pt: () => require('chrono-node/pt'),
  it: () => require('chrono-node/it'),
  ru: () => require('chrono-node/ru'),
  uk: () => require('chrono-node/uk'),
  sv: () => require('chrono-node/sv'),
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** chrono-node's module for one locale ('en', 'de'…): the bundled copy inside the CLI bundle (see above). */
export function chronoLocale(locale: string): unknown {
  const bundled = typeof require === 'function' ? BUNDLED_LOCALES[locale] : undefined
  return bundled?.() ?? nodeRequire(`chrono-node/${locale}`)
}

function parserOf(entry: (typeof strictParsers)[number]): Chrono {
  entry.parser ??= (chronoLocale(entry.locale) as { strict: Chrono }).strict
  return entry.parser
}

/**
 * Parses the first date in a string: ISO 8601 and its relatives first (exact), then numeric day-month-year
 * forms, then dates written in words in English, German, French, Spanish, Dutch, Portuguese, Italian,
 * Russian, Ukrainian or Swedish
 * (chrono-node, strict mode: no relative guesses). Returns null for no date or an implausible year.
 */
export interface ParseDateOptions {
  /** Dates later than this are implausible. */
  latest: Date
  /** Read 02/10/2020 as 2 October (most of the world) rather than February 10 (the US default). */
  dayFirst?: boolean
  /**
   * The page's languages (ISO 639-1: the detected one, the declared one): a page in English alone reads dates
   * in words in English only, others in every language the parsers know (see `readsLocale`).
   */
  languages?: readonly string[]
}

export function parseDate(
  text: string,
  options: ParseDateOptions = { latest: new Date() },
): ParsedDate | null {
  const found =
    parseIso(text) ??
    parseNumeric(text, options.dayFirst ?? false) ??
    parseWords(text, options.languages)
  if (found === null) return null
  const year = Number(found.day.slice(0, 4))
  const latest = new Date(options.latest.getTime() + 2 * 86_400_000)
  if (year < MIN_YEAR || found.day > latest.toISOString().slice(0, 10)) return null
  return found
}

function parseIso(text: string): ParsedDate | null {
  const match = ISO.exec(text)
  if (match === null) return null
  const [, year, month, day, hour, minute, second, zone] = match
  const dayString = `${year}-${month}-${day}`
  if (!validDay(Number(year), Number(month), Number(day))) return null
  const dateTime =
    hour === undefined
      ? null
      : `${dayString}T${hour}:${minute}:${(second ?? '0').padStart(2, '0')}${normaliseZone(zone)}`
  return { day: dayString, dateTime, index: match.index, matched: match[0] }
}

function parseNumeric(text: string, dayFirst: boolean): ParsedDate | null {
  const dotted = DOTTED.exec(text)
  if (dotted !== null) {
    const [, day, month, year] = dotted
    if (validDay(Number(year), Number(month), Number(day)))
      return dayResult(Number(year), Number(month), Number(day), dotted)
  }
  const yearFirst = YEAR_FIRST.exec(text)
  if (yearFirst !== null) {
    const [, year, month, day] = yearFirst
    if (validDay(Number(year), Number(month), Number(day)))
      return dayResult(Number(year), Number(month), Number(day), yearFirst)
  }
  const slashed = SLASHED.exec(text)
  if (slashed !== null) {
    const [, first, second, year] = slashed
    // The page's convention, unless the first or second number cannot be a month.
    const [month, day] =
      Number(first) > 12 || (dayFirst && Number(second) <= 12)
        ? [Number(second), Number(first)]
        : [Number(first), Number(second)]
    if (validDay(Number(year), month, day)) return dayResult(Number(year), month, day, slashed)
  }
  return null
}

// A date in words that chrono's strict mode accepts names its year; the parsers (ten languages, the costliest
// step of extraction) only see the words around the first year in the string.
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/
const WORDS_BEFORE_YEAR = 60
const WORDS_AFTER_YEAR = 24

function parseWords(text: string, languages: readonly string[] | undefined): ParsedDate | null {
  const yearMatch = YEAR.exec(text)
  if (yearMatch === null) return null
  const windowStart = Math.max(0, yearMatch.index - WORDS_BEFORE_YEAR)
  const window = text.slice(windowStart, yearMatch.index + yearMatch[0].length + WORDS_AFTER_YEAR)
  // Strict parsing needs a month name; without the stem of one, the ten parsers need not run.
  // A date in words names a month and a day: "November 2019" alone is no day, so no parser runs.
  if (!ANY_MONTH.test(window) || !DAY_NUMBER.test(window)) return null
  for (const entry of strictParsers) {
    if (!entry.months.test(window) || !readsLocale(entry.locale, languages)) continue
    const result = parserOf(entry).parse(window)[0]
    if (result === undefined || !result.start.isCertain('year') || !result.start.isCertain('day'))
      continue
    // "November 2017" read as "November 20" and a year: a number cut out of a longer one is no day.
    const after = text[windowStart + result.index + result.text.length] ?? ''
    const before = text[windowStart + result.index - 1] ?? ''
    if (/\d/.test(after) || /\d/.test(before)) continue
    const year = result.start.get('year') ?? 0
    const month = result.start.get('month') ?? 0
    const day = result.start.get('day') ?? 0
    if (!validDay(year, month, day)) continue
    const dayString = formatDay(year, month, day)
    let dateTime: string | null = null
    if (result.start.isCertain('hour')) {
      const offset = result.start.get('timezoneOffset')
      const zone =
        result.start.isCertain('timezoneOffset') && offset !== null ? formatOffset(offset) : ''
      dateTime = `${dayString}T${pad(result.start.get('hour') ?? 0)}:${pad(result.start.get('minute') ?? 0)}:00${zone}`
    }
    return { day: dayString, dateTime, index: windowStart + result.index, matched: result.text }
  }
  return null
}

function dayResult(year: number, month: number, day: number, match: RegExpExecArray): ParsedDate {
  return { day: formatDay(year, month, day), dateTime: null, index: match.index, matched: match[0] }
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

export function formatDay(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function normaliseZone(zone: string | undefined): string {
  if (zone === undefined) return ''
  if (/^(Z|UTC|GMT)$/i.test(zone)) return 'Z'
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z'
  const sign = minutes < 0 ? '-' : '+'
  const absolute = Math.abs(minutes)
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
}
