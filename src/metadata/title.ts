import type { Evidence } from '../types.js'

const SEPARATOR = /\s+[|\-–—:·»]\s+|\s+[-–—]\S/
/** Separators between a headline and a site name in a markup title ("Headline | Site", "Site » Headline"). */
const SITE_SEPARATOR = /\s+(?:[|\-–—·»•:«]|::)\s+/
// Order of trust: the article's own headline fields before the page's <title>, which carries the site name.
const TITLE_ORDER = ['json-ld-headline', 'og:title', 'twitter:title', 'h1', 'title-tag']
const MARKUP_TITLES = ['json-ld-headline', 'og:title', 'twitter:title', 'title-tag']
/**
 * A visible heading is the headline when its words agree this much (Dice coefficient of word sets) with a
 * title in the markup; a heading that is the site's name never is. Cross-validated over five site folds of
 * the trafilatura dev pages (eval/title-agreement.ts): the folds chose 0.1–0.3, held-out headline exact
 * 0.843 ± 0.043; over all pages 0.1–0.4 is one plateau (0.850–0.857; 0.835 at 0.55, 0.748 without
 * headings), and 0.25 is its middle.
 */
export const HEADING_AGREEMENT = 0.25
/** Headings longer than this are not headlines (a teaser paragraph marked up as a heading). */
const MAX_HEADLINE_CHARS = 300

export interface TitleSources {
  /** Markup titles (json-ld-headline, og:title, twitter:title, title-tag, h1). */
  candidates: Evidence[]
  /** Visible h1/h2 headings in document order. */
  headings: { tag: string; text: string }[]
  /** Names the site goes by (og:site_name, publisher, the host). */
  siteNames: string[]
}

/**
 * The headline by agreement: the first visible heading (h1 before h2) whose words agree with a markup title
 * is the headline as the reader sees it; without one, the most trusted markup title with the site's name
 * removed (only a part that is the site's name is removed).
 */
export function chooseTitle(
  sources: TitleSources,
  agreement: number = HEADING_AGREEMENT,
): string | null {
  const markup = MARKUP_TITLES.flatMap((kind) =>
    sources.candidates.filter((candidate) => candidate.kind === kind).map((found) => found.text),
  )
  const heading = agreeingHeading(sources.headings, markup, agreement, sources.siteNames)
  const first = TITLE_ORDER.flatMap((kind) =>
    sources.candidates.filter((candidate) => candidate.kind === kind),
  )[0]
  const chosen =
    heading ?? (first === undefined ? null : stripSiteName(first.text, sources.siteNames))
  if (chosen === null) return null
  return withoutKicker(
    chosen,
    markup.map((title) => stripSiteName(title, sources.siteNames)),
  )
}

/** Words a kicker before the headline has at most ("Tunesien", "Investitionen in IT-Sicherheit"). */
const MAX_KICKER_WORDS = 8
/** Words the shared headline has at least, so that a kicker is never all that is left out. */
const MIN_SHARED_WORDS = 3

/**
 * A heading that shows a kicker (overline) before the headline ("Tunesien Große Aufgaben für die neue
 * Regierung") while another title of the page gives the headline alone: the part they agree on is the
 * headline. Only a whole markup title that ends the heading counts, so real headline words are never cut.
 */
function withoutKicker(title: string, others: string[]): string {
  const key = comparable(title)
  let shortest = title
  for (const other of others) {
    const otherKey = comparable(other)
    if (otherKey.length === 0 || otherKey.length >= key.length || !key.endsWith(otherKey)) continue
    const kicker = key.slice(0, key.length - otherKey.length)
    // A part cut at a dash or bar may be headline words the other title dropped as the site's name
    // ("Welpen kaufen – Tipps zu jeder Hunderasse" on welpenkaufen24): only a kicker set apart otherwise goes.
    if (/\s[-–—|]\s*$/.test(kicker)) continue
    // The heading's text must break between the kicker and the headline.
    if (/[\p{L}\p{N}]$/u.test(kicker) && !/^\P{L}/u.test(otherKey) && !/\s$/.test(kicker)) continue
    const kickerWords = kicker.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
    const sharedWords = otherKey.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
    if (kickerWords === 0 || kickerWords > MAX_KICKER_WORDS || sharedWords < MIN_SHARED_WORDS)
      continue
    if (other.length < shortest.length) shortest = other.trim()
  }
  return shortest
}

/** Whitespace collapsed and case folded, to compare titles written by different templates. */
function comparable(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

function agreeingHeading(
  headings: { tag: string; text: string }[],
  markup: string[],
  agreement: number,
  siteNames: string[],
): string | null {
  if (markup.length === 0) return null
  const references = markup.map(wordSet)
  const sites = new Set(siteNames.map(nameKey))
  let best: { text: string; score: number } | null = null
  // An agreeing h1 before any h2: blogs put their own name in the h1 and the post's title in an h2.
  for (const tag of ['h1', 'h2']) {
    for (const heading of headings) {
      if (heading.tag !== tag || heading.text.length > MAX_HEADLINE_CHARS) continue
      // A heading that is the site's name ("Riverside Blog") is the masthead, not the headline.
      if (sites.has(nameKey(heading.text))) continue
      const words = wordSet(heading.text)
      const score = Math.max(...references.map((reference) => dice(words, reference)))
      if (score >= agreement && (best === null || score > best.score))
        best = { text: heading.text, score }
    }
    if (best !== null) return best.text
  }
  return null
}

export function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let shared = 0
  for (const word of a) if (b.has(word)) shared++
  return (2 * shared) / (a.size + b.size)
}

/** Removes a leading or trailing part of a title that is the site's name ("Headline | Site"). */
export function stripSiteName(title: string, siteNames: string[] | string | null): string {
  const names = (Array.isArray(siteNames) ? siteNames : siteNames === null ? [] : [siteNames])
    .map(nameKey)
    .filter((key) => key.length >= 3)
  const parts = title.split(SITE_SEPARATOR)
  if (parts.length < 2 || names.length === 0) return title.trim()
  const isSite = (part: string): boolean => {
    const key = nameKey(part)
    const short = part.trim().split(/\s+/).length <= 4
    return (
      key !== '' &&
      names.some(
        (name) =>
          key === name ||
          (short && (key.includes(name) || (name.includes(key) && key.length >= 4))),
      )
    )
  }
  let kept = parts
  while (kept.length > 1 && isSite(kept.at(-1) as string)) kept = kept.slice(0, -1)
  while (kept.length > 1 && isSite(kept[0] as string)) kept = kept.slice(1)
  if (kept.length === parts.length) return title.trim()
  // The parts kept are put back as the title wrote them.
  const start = title.indexOf(kept[0] as string)
  const last = kept.at(-1) as string
  const end = title.lastIndexOf(last) + last.length
  return start >= 0 && end > start ? title.slice(start, end).trim() : kept.join(' - ').trim()
}

function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/** In a scrape, the words after the headline on a breadcrumb line ("…Headline -SiteName") name the site. */
export function siteAfterTitle(line: string, title: string): string | null {
  const at = line.indexOf(title)
  if (at < 0) return null
  const rest = line
    .slice(at + title.length)
    .replace(/^\s*[|\-–—:]\s*/, '')
    .trim()
  return rest !== '' && rest.split(/\s+/).length <= 4 && !SEPARATOR.test(rest) ? rest : null
}
