import { outletOfDomain, wireServiceOf } from '../data/outlets.js'
import type { Evidence } from '../types.js'
import { withoutWordBoundaries } from '../text/boundary-free.js'

export interface PublisherSources {
  site: string | null
  url: string | null
  canonicalUrl: string | null
  body: string
  /** Lines around the body (contact lines, credits) that extraction removed. */
  contactLines: string[]
  markupPublisher: string | null
  /** The publisher a feed item names as its source (RSS `<source>`, Atom `<source><title>`). */
  feedSource?: string | null
}

const DATELINE_CREDIT = /^[\p{Lu}][\p{L} .,'-]{1,60}?\(([\p{L} .-]{2,30})\)\s*[—–-]/u
const TRAILING_CREDIT =
  /(?:^|\n)\s*[—–-]\s*(Reuters|AP|AFP|Associated Press|Bloomberg|dpa|Xinhua)\s*$/
const ORIGINALLY =
  /\b(?:originally (?:appeared|published) (?:in|on|by)|first (?:appeared|published) (?:in|on|by)|this (?:story|article) (?:was|is) (?:republished|reprinted) from)\s+(?:the\s+)?([\p{Lu}][\p{L}&.' -]{1,50}?)(?=[.,;]|\s+(?:on|and|with)\b|$)/iu

/** A test ORIGINALLY's matches all pass, cheaper on a whole body (src/text/boundary-free.ts). */
const ORIGINALLY_NEEDED = withoutWordBoundaries(ORIGINALLY) as RegExp

/**
 * Decides who first published a report: a wire credit in the dateline or at the end, an "originally
 * appeared in" line, a canonical link to another outlet's domain, the outlet of the journalists' e-mail
 * addresses. Without such evidence the publisher is the site itself (markup) or unknown.
 */
export function decidePublisher(sources: PublisherSources): {
  publisher: string | null
  evidence: Evidence[]
} {
  const dateline = DATELINE_CREDIT.exec(sources.body.slice(0, 300))
  const datelineWire = dateline?.[1] === undefined ? null : wireServiceOf(dateline[1])
  if (datelineWire !== null && dateline !== null) {
    return {
      publisher: datelineWire,
      evidence: [
        {
          kind: 'wire-credit',
          text: dateline[0],
          start: dateline.index,
          end: dateline.index + dateline[0].length,
        },
      ],
    }
  }
  const trailing = TRAILING_CREDIT.exec(sources.body)
  if (trailing?.[1] !== undefined) {
    const start = trailing.index + trailing[0].indexOf(trailing[1])
    return {
      publisher: wireServiceOf(trailing[1]),
      evidence: [
        { kind: 'wire-credit', text: trailing[1], start, end: start + trailing[1].length },
      ],
    }
  }
  for (const line of [sources.body, ...sources.contactLines]) {
    const originally = ORIGINALLY_NEEDED.test(line) ? ORIGINALLY.exec(line) : null
    if (originally?.[1] !== undefined)
      return {
        publisher: originally[1].trim(),
        evidence: [{ kind: 'originally-appeared', text: originally[0] }],
      }
  }
  // A syndicating feed names the original publisher of the item: stated by the feed, not inferred.
  if (sources.feedSource != null && sources.feedSource.trim() !== '')
    return {
      publisher: sources.feedSource.trim(),
      evidence: [{ kind: 'feed-source', text: sources.feedSource.trim() }],
    }
  const canonical = foreignCanonical(sources.url, sources.canonicalUrl)
  if (canonical !== null)
    return {
      publisher: canonical.name,
      evidence: [{ kind: 'canonical-link', text: canonical.url }],
    }
  for (const line of sources.contactLines) {
    for (const match of line.matchAll(/[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/g)) {
      const outlet = outletOfDomain(match[1] ?? '')
      if (outlet !== null)
        return {
          publisher: outlet,
          evidence: [{ kind: 'journalist-email-domain', text: match[0] }],
        }
    }
  }
  if (sources.markupPublisher !== null)
    return {
      publisher: sources.markupPublisher,
      evidence: [{ kind: 'markup-publisher', text: sources.markupPublisher }],
    }
  const own = hostOf(sources.url)
  const ownOutlet = own === null ? null : outletOfDomain(own)
  if (ownOutlet !== null)
    return { publisher: ownOutlet, evidence: [{ kind: 'domain', text: own ?? '' }] }
  return { publisher: null, evidence: [] }
}

function foreignCanonical(
  url: string | null,
  canonical: string | null,
): { name: string; url: string } | null {
  const own = hostOf(url)
  const other = hostOf(canonical)
  if (other === null || own === null || other.replace(/^www\./, '') === own.replace(/^www\./, ''))
    return null
  const name = outletOfDomain(other)
  return name === null ? null : { name, url: canonical ?? '' }
}

export function hostOf(url: string | null): string | null {
  if (url === null) return null
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return null
  }
}
