import { STOPWORDS } from '../data/stopwords.js'
import { IndexGroups } from '../text/index-groups.js'
import { words } from '../text/tokens.js'

/** Content words of a text as a set, for overlap measures between sentences or quotes. */
export function contentWords(text: string): Set<string> {
  return new Set(words(text).filter((word) => word.length > 2 && !STOPWORDS.has(word)))
}

export function overlap(a: Set<string>, b: Set<string>): { jaccard: number; containment: number } {
  let shared = 0
  for (const word of a) if (b.has(word)) shared++
  const union = a.size + b.size - shared
  const smaller = Math.min(a.size, b.size)
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containment: smaller === 0 ? 0 : shared / smaller,
  }
}

/**
 * Groups items whose word sets overlap enough (single-link, items from the same article never joined
 * directly). Returns groups of item indices in first-seen order.
 */
export function groupSimilar<T extends { articleId: string; words: Set<string> }>(
  items: T[],
  same: (a: T, b: T) => boolean,
): number[][] {
  const grouping = new IndexGroups(items.length)
  const byWord = new Map<string, number[]>()
  items.forEach((item, index) => {
    const candidates = new Set<number>()
    for (const word of item.words) for (const other of byWord.get(word) ?? []) candidates.add(other)
    for (const other of candidates) {
      const otherItem = items[other] as T
      if (otherItem.articleId === item.articleId) continue
      // Already one group: single link needs no more evidence, and the comparison is the costly part.
      if (!grouping.together(other, index) && same(otherItem, item)) grouping.join(other, index)
    }
    for (const word of item.words) {
      const list = byWord.get(word) ?? []
      // Very common words would make every item a candidate; rare words carry the match.
      if (list.length < 200) list.push(index)
      byWord.set(word, list)
    }
  })
  return grouping.groups()
}
