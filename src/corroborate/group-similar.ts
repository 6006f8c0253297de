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
 * directly). `label` and `compatible` (optional) keep apart what must stay apart: two groups are joined only
 * when every label of one is compatible with every label of the other, so two incompatible items never meet,
 * not even through an unlabelled item like both. Returns groups of item indices in first-seen order.
 */
export function groupSimilar<T extends { articleId: string; words: Set<string> }>(
  items: T[],
  same: (a: T, b: T) => boolean,
  label: (item: T) => string | null = () => null,
  compatible: (a: string, b: string) => boolean = (a, b) => a === b,
): number[][] {
  const grouping = new IndexGroups(items.length)
  // The distinct labels of each group, by its root.
  const labels = new Map<number, string[]>()
  items.forEach((item, index) => {
    const own = label(item)
    if (own !== null) labels.set(index, [own])
  })
  const byWord = new Map<string, number[]>()
  items.forEach((item, index) => {
    const candidates = new Set<number>()
    for (const word of item.words) for (const other of byWord.get(word) ?? []) candidates.add(other)
    for (const other of candidates) {
      const otherItem = items[other] as T
      if (otherItem.articleId === item.articleId) continue
      // Already one group: single link needs no more evidence, and the comparison is the costly part.
      if (grouping.together(other, index)) continue
      const a = labels.get(grouping.root(other)) ?? []
      const b = labels.get(grouping.root(index)) ?? []
      if (!a.every((x) => b.every((y) => compatible(x, y)))) continue
      if (!same(otherItem, item)) continue
      grouping.join(other, index)
      if (a.length + b.length > 0) labels.set(grouping.root(index), [...new Set([...a, ...b])])
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
