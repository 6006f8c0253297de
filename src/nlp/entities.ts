import type { EntityType } from '../types.js'
import { STOPWORDS } from '../data/stopwords.js'
import { ORGANIZATION_WORDS, PLACES, TITLES } from '../data/entity-cues.js'

export interface EntityMention {
  text: string
  /** Comparison key: lower case, hyphens as spaces, honorifics removed. */
  key: string
  type: EntityType
  start: number
  end: number
}

const CAPITALISED =
  /\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+(?:of|de|the|al|bin|von|van)?\s*\p{Lu}[\p{L}\p{N}'’.-]*)*/gu

/** Capitalised name sequences, typed by cue words and a small place list; sentence-initial function words skipped. */
export function extractEntities(text: string): EntityMention[] {
  const mentions: EntityMention[] = []
  for (const match of text.matchAll(CAPITALISED)) {
    let surface = match[0].replace(/[.'’-]+$/, '').replace(/['’]s$/, '')
    let start = match.index
    const words = surface.split(/\s+/)
    // Drop a leading honorific or sentence-initial function word ("The Kremlin" keeps "Kremlin").
    while (
      words.length > 1 &&
      (TITLES.has((words[0] ?? '').toLowerCase().replace(/\.$/, '')) ||
        STOPWORDS.has((words[0] ?? '').toLowerCase()))
    ) {
      const dropped = words.shift() as string
      start = text.indexOf(words[0] as string, start + dropped.length)
    }
    surface = words.join(' ')
    if (
      surface.length < 2 ||
      (words.length === 1 &&
        (STOPWORDS.has(surface.toLowerCase()) || TITLES.has(surface.toLowerCase())))
    )
      continue
    const end = start + surface.length
    if (text.slice(start, end) !== surface) continue // spacing differs from the match: skip rather than mis-offset
    mentions.push({
      text: surface,
      key: entityKey(surface),
      type: typeOf(surface, text.slice(Math.max(0, start - 20), start), text.slice(end, end + 20)),
      start,
      end,
    })
  }
  return mentions
}

export function entityKey(surface: string): string {
  return surface
    .toLowerCase()
    .replace(/[-‐]/g, ' ')
    .replace(/['’]s$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function typeOf(surface: string, before: string, after: string): EntityType {
  const key = entityKey(surface)
  // A nationality adjective before a noun ("North Korean leader", "Russian-made") is not a name.
  if (/(an|ese|ish|made)$/.test(key) && /^[\s-]+\p{Ll}/u.test(after)) return 'other'
  if (PLACES.has(key)) return 'place'
  if (ORGANIZATION_WORDS.test(surface)) return 'organization'
  if (/\d/.test(surface)) return 'product'
  if (
    /\b(mr|ms|mrs|dr|president|leader|spokesman|spokeswoman|minister|secretary)\.?\s*$/i.test(
      before,
    )
  )
    return 'person'
  if (surface.split(/\s+/).length >= 2 && surface.split(/\s+/).length <= 4) return 'person'
  return 'other'
}
