import type { Evidence } from '../types.js'

const SEPARATOR = /\s+[|\-–—:·»]\s+|\s+[-–—]\S/
// Order of trust: the article's own headline fields before the page's <title>, which carries the site name.
const TITLE_ORDER = ['json-ld-headline', 'og:title', 'twitter:title', 'h1', 'title-tag']

/** The headline from page markup, with a site suffix or prefix ("Headline | Site") removed. */
export function chooseTitle(candidates: Evidence[], site: string | null): string | null {
  const ordered = TITLE_ORDER.flatMap((kind) =>
    candidates.filter((candidate) => candidate.kind === kind),
  )
  const first = ordered[0]
  if (first === undefined) return null
  const h1 = candidates.find((candidate) => candidate.kind === 'h1')?.text
  // An <h1> that the markup title contains is the cleanest form of it.
  if (h1 !== undefined && h1.length >= 10 && first.text.includes(h1) && first.text !== h1) return h1
  return stripSiteName(first.text, site)
}

export function stripSiteName(title: string, site: string | null): string {
  const parts = title.split(/\s+[|\-–—·»]\s+/)
  if (parts.length < 2) return title.trim()
  const siteKey = site?.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
  const isSite = (part: string): boolean => {
    const key = part.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
    return (
      (siteKey !== undefined &&
        siteKey !== '' &&
        (key.includes(siteKey) || siteKey.includes(key))) ||
      part.trim().split(/\s+/).length <= 3
    )
  }
  const last = parts.at(-1) as string
  if (isSite(last)) return parts.slice(0, -1).join(' - ').trim()
  const first = parts[0] as string
  if (isSite(first) && parts.slice(1).join(' ').split(/\s+/).length >= 4)
    return parts.slice(1).join(' - ').trim()
  return title.trim()
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
