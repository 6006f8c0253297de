import { expect, test } from 'vitest'
import { groupFigures } from './figure-groups.js'
import type { NumberFact } from './number-facts.js'

/**
 * groupFigures against the rule it computes, written as it was before issue 16's fix: every pair of figures
 * listed, weighed, sorted best first and linked unless the groups clash (two values of one article that cannot
 * both hold). Random stories of few articles, kinds, parties and subject words, so that clashes, ties and
 * party splits are common; the groups must be the same, in the same order.
 */
test('groups are those of the pair list, on random figure-heavy stories', () => {
  let seed = 7
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
  }
  const pick = <T>(items: readonly T[]): T => items[random(items.length)] as T
  const words = ['wall', 'border', 'military', 'construction', 'fund', 'treasury', 'aid', 'tax']
  for (let story = 0; story < 300; story++) {
    const facts: NumberFact[] = Array.from(
      { length: 2 + random(story % 2 === 0 ? 40 : 10) },
      (_, k) => {
        const kind = pick(['price', 'amount', 'proposed amount', 'killed'])
        return {
          articleId: `a${random(4)}`,
          kind,
          subject: Array.from({ length: random(6) }, () => pick(words)),
          subjectName: null,
          value: pick([100, 120, 1.4e9, 1.375e9, 3.5e9, 3.6e9, 5.7e9]),
          unit: kind === 'killed' ? 'people' : pick(['USD', 'USD', 'EUR']),
          qualifier: pick([null, null, null, 'about', 'as much as', 'more than']),
          party: kind.startsWith('proposed') ? pick([null, 'Trump', 'Pelosi']) : null,
          rounding: pick([0, 0, 0.05e9, 0.5e6]),
          start: k,
          end: k + 1,
        }
      },
    )
    const compatible = (i: number, j: number): boolean =>
      holdTogether(facts[i] as NumberFact, facts[j] as NumberFact)
    expect(groupFigures(facts, compatible).map(starts), `story ${story}`).toEqual(
      groupsByPairList(facts, compatible).map(starts),
    )
  }
})

const starts = (group: NumberFact[]): number[] => group.map((fact) => fact.start)

/** The pair-list rule (src/corroborate/conflicts.ts before the fix), the reference the fast one must equal. */
function groupsByPairList(
  facts: NumberFact[],
  compatible: (i: number, j: number) => boolean,
): NumberFact[][] {
  const kindOf = (fact: NumberFact): string => `${fact.kind}|${fact.unit ?? ''}`
  const n = new Map<string, number>()
  const df = new Map<string, number>()
  for (const fact of facts) {
    n.set(kindOf(fact), (n.get(kindOf(fact)) ?? 0) + 1)
    for (const word of new Set(fact.subject))
      df.set(`${kindOf(fact)}\u0000${word}`, (df.get(`${kindOf(fact)}\u0000${word}`) ?? 0) + 1)
  }
  const weight = (kind: string, word: string): number =>
    Math.log(((n.get(kind) ?? 0) + 1) / (df.get(`${kind}\u0000${word}`) ?? 1))
  const pairs: { i: number; j: number; weight: number }[] = []
  for (let i = 0; i < facts.length; i++)
    for (let j = i + 1; j < facts.length; j++) {
      const [a, b] = [facts[i] as NumberFact, facts[j] as NumberFact]
      if (kindOf(a) !== kindOf(b)) continue
      if (a.party !== null && b.party !== null && a.party !== b.party) continue
      if (a.kind === 'price' || a.unit === 'people') {
        pairs.push({ i, j, weight: Infinity })
        continue
      }
      const kind = kindOf(a)
      const shared = [...new Set(a.subject)].filter((word) => b.subject.includes(word))
      if (shared.length < 2) continue
      const sum = shared.reduce((total, word) => total + weight(kind, word), 0)
      if (sum >= Math.log(((n.get(kind) ?? 0) + 1) / 2)) pairs.push({ i, j, weight: sum })
    }
  pairs.sort((x, y) => y.weight - x.weight || x.i - y.i || x.j - y.j)
  const groupOf = facts.map((_, index) => [index])
  const clash = (left: number[], right: number[]): boolean =>
    left.some((i) =>
      right.some((j) => facts[i]?.articleId === facts[j]?.articleId && !compatible(i, j)),
    )
  for (const { i, j } of pairs) {
    const [left, right] = [groupOf[i] as number[], groupOf[j] as number[]]
    if (left === right || clash(left, right)) continue
    left.push(...right)
    for (const index of right) groupOf[index] = left
  }
  return [...new Set(groupOf)].map((members) =>
    members.sort((a, b) => a - b).map((index) => facts[index] as NumberFact),
  )
}

/** Whether two figures can both hold: their intervals overlap, rounded with rounded or cut with cut. */
function holdTogether(fact: NumberFact, other: NumberFact): boolean {
  // Both readings of each figure, rounded and cut (a bound or a hedge reads the same both ways).
  const readings = (f: NumberFact): [number, number][] => {
    if (f.qualifier === 'as much as')
      return [
        [0, f.value + f.rounding],
        [0, f.value + f.rounding],
      ]
    if (f.qualifier === 'more than')
      return [
        [f.value - f.rounding, Infinity],
        [f.value - f.rounding, Infinity],
      ]
    if (f.qualifier === 'about')
      return [
        [f.value * 0.9, f.value * 1.1],
        [f.value * 0.9, f.value * 1.1],
      ]
    const r = f.rounding
    return [
      [f.value - r, f.value + r * (1 - 1e-9)],
      [f.value, f.value + 2 * r * (1 - 1e-9)],
    ]
  }
  const [x, y] = [readings(fact), readings(other)]
  const overlap = (p: [number, number], q: [number, number]): boolean =>
    p[0] <= q[1] && q[0] <= p[1]
  return x.some((p, k) => overlap(p, y[k] as [number, number]))
}
