/**
 * The metrics of ../shared/tools/score_pages.py for a folder of pages with gold headline, authors, day and
 * text segments, re-implemented here so that `npm run eval` needs no Python: title exact after normalisation,
 * authors micro P/R/F1 over normalised names, date P/R/F1 over pages (same calendar day), and trafilatura's
 * with/without segment F1 (whitespace-normalised substring test, micro-averaged).
 */

/** The gold of one page (gold.json of metadata-trafilatura-eval). */
export interface PageGold {
  url: string | null
  title: string[] | null
  authors: string[] | null
  authors_optional?: string[]
  date: string | null
  date_alt?: string[]
  with?: string[]
  without?: string[]
}

/** What a system gave for one page. */
export interface PageOutput {
  title: string | null
  authors: string[]
  published: string | null
  text: string
}

/** Counts summed over pages, from which the figures are computed (so folds can be pooled or compared). */
export interface PageCounts {
  titlePages: number
  titleExact: number
  authorTp: number
  authorFp: number
  authorFn: number
  datePages: number
  dateTp: number
  dateFp: number
  chunkTp: number
  chunkFp: number
  chunkFn: number
}

export interface PageFigures {
  titleExact: number
  authorsP: number
  authorsR: number
  authorsF1: number
  dateP: number
  dateR: number
  dateF1: number
  segmentsP: number
  segmentsR: number
  segmentsF1: number
}

const QUOTES: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '«': '"',
  '»': '"',
  '″': '"',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '\u00a0': ' ',
  '\u3000': ' ',
  '…': '...',
}
const QUOTE_CHARS = new RegExp(`[${Object.keys(QUOTES).join('')}]`, 'g')
const unifyQuotes = (text: string): string =>
  text.normalize('NFKC').replace(QUOTE_CHARS, (char) => QUOTES[char] ?? char)

export function normTitle(title: string | null): string {
  if (title === null || title === '') return ''
  return unifyQuotes(title)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*([:;,.!?])\s*/g, '$1')
    .replace(/^[ .]+|[ .]+$/g, '')
    .toLowerCase()
}

const NAME_PREFIX =
  /^(by|von|par|por|de|written by|posted by|autor(?:in)?|author|text|texto|redacción)\s*:?\s+/i

export function normName(name: string): string {
  return unifyQuotes(name)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(NAME_PREFIX, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.,;:()'"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** Scores one page into counts (a field the gold lacks adds nothing). */
export function pageCounts(gold: PageGold, output: PageOutput): PageCounts {
  const counts = emptyCounts()
  if (gold.title?.some(Boolean) === true) {
    counts.titlePages = 1
    const ours = normTitle(output.title)
    counts.titleExact = ours !== '' && gold.title.map(normTitle).includes(ours) ? 1 : 0
  }
  if (gold.authors !== null) {
    const { tp, fp, fn } = authorCounts(gold.authors, gold.authors_optional ?? [], output.authors)
    counts.authorTp = tp
    counts.authorFp = fp
    counts.authorFn = fn
  }
  if (gold.date !== null && gold.date !== '') {
    counts.datePages = 1
    const day = output.published?.slice(0, 10) ?? ''
    if (day !== '') {
      if (day === gold.date || (gold.date_alt ?? []).includes(day)) counts.dateTp = 1
      else counts.dateFp = 1
    }
  }
  if (gold.with !== undefined && gold.with.length > 0) {
    const text = collapse(output.text)
    const present = (segment: string): boolean => text.includes(collapse(segment))
    counts.chunkTp = gold.with.filter(present).length
    counts.chunkFn = gold.with.length - counts.chunkTp
    counts.chunkFp = (gold.without ?? []).filter(present).length
  }
  return counts
}

/** score_pages.py's author_counts: gold alternatives split on '|', optional names never count against. */
export function authorCounts(
  gold: string[],
  optional: string[],
  emitted: string[],
): { tp: number; fp: number; fn: number } {
  const required = gold.map((name) => new Set(name.split('|').map(normName)))
  const allowed = new Set(optional.flatMap((name) => name.split('|').map(normName)))
  const names = [...new Set(emitted.map(normName).filter(Boolean))]
  const matched = new Set<number>()
  let fp = 0
  for (const name of names) {
    const hit = required.findIndex((variants, index) => variants.has(name) && !matched.has(index))
    if (hit >= 0) matched.add(hit)
    else if (!allowed.has(name)) fp++
  }
  return { tp: matched.size, fp, fn: required.length - matched.size }
}

export function emptyCounts(): PageCounts {
  return {
    titlePages: 0,
    titleExact: 0,
    authorTp: 0,
    authorFp: 0,
    authorFn: 0,
    datePages: 0,
    dateTp: 0,
    dateFp: 0,
    chunkTp: 0,
    chunkFp: 0,
    chunkFn: 0,
  }
}

export function addCounts(a: PageCounts, b: PageCounts): PageCounts {
  const sum = emptyCounts()
  for (const key of Object.keys(sum) as (keyof PageCounts)[]) sum[key] = a[key] + b[key]
  return sum
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r))
const ratio = (a: number, b: number, empty = 0): number => (b === 0 ? empty : a / b)

export function figuresOf(counts: PageCounts): PageFigures {
  const authorsP = ratio(counts.authorTp, counts.authorTp + counts.authorFp)
  const authorsR = ratio(counts.authorTp, counts.authorTp + counts.authorFn, 1)
  const dateP = ratio(counts.dateTp, counts.dateTp + counts.dateFp)
  const dateR = ratio(counts.dateTp, counts.datePages)
  const segmentsP = ratio(counts.chunkTp, counts.chunkTp + counts.chunkFp)
  const segmentsR = ratio(counts.chunkTp, counts.chunkTp + counts.chunkFn)
  return {
    titleExact: ratio(counts.titleExact, counts.titlePages),
    authorsP,
    authorsR,
    authorsF1: f1(authorsP, authorsR),
    dateP,
    dateR,
    dateF1: f1(dateP, dateR),
    segmentsP,
    segmentsR,
    segmentsF1: f1(segmentsP, segmentsR),
  }
}

const DATEISH =
  /\b(19|20)\d\d\b|\b\d{1,2}[:.]\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i

/** score_pages.py's byline_to_authors: Readability's byline string as names, for scoring it alike. */
export function bylineToAuthors(byline: string | null | undefined): string[] {
  if (byline === null || byline === undefined || byline === '') return []
  const text = collapse(byline).replace(/\(http[^)]*\)/g, '')
  const names: string[] = []
  for (const piece of text.split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\|)\s*/)) {
    let part = piece.trim().replace(NAME_PREFIX, '')
    if (DATEISH.test(part))
      part = (part.split(DATEISH)[0] ?? '').replace(/^[\s\-–—·•]+|[\s\-–—·•]+$/g, '')
    if (part !== '' && part.length < 80) names.push(part)
  }
  return names
}
