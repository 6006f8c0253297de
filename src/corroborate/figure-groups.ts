import type { NumberFact } from './number-facts.js'

/**
 * Which figures of a story are of one thing (src/corroborate/conflicts.ts then compares the values of each
 * group).
 */

/**
 * Sums other than prices and counts of people are of one thing only when their subjects share this many words:
 * one common noun names a kind of thing, and two sums of it are often of two ("raised $200,000 for his
 * campaign" and "raised $5.4 million for the campaign" are two candidates'; last year's "$25 billion in wall
 * money" and this year's "$5.7 billion for his proposed border wall"). Two words ("military construction",
 * "state … local taxes") single one thing out.
 */
const MIN_SHARED_SUBJECT_WORDS = 2

/**
 * Figures of one thing, best-linked first. A price or a count of people is of the story's object; other sums
 * are of one thing when the subject words they share single them out: the words' weights (inverse document
 * frequency among the story's sums of that kind) add up to at least a word only those two sums use, and they
 * share at least MIN_SHARED_SUBJECT_WORDS words. A word
 * most sums share ("wall", "construction" in a border-wall story) links nothing alone. One article giving
 * two values that cannot both hold writes about two things ("$1.375 billion for the wall … the $5.7 billion
 * he demanded"), so no group holds both.
 *
 * Figures of two kinds never link, so each kind is grouped alone. The rule reads as "link the pairs best
 * first, skipping a pair whose groups would hold such a clash"; it is computed without listing every pair (a
 * story of many figures held them all: issue 16, memory and time quadratic in its figures). The groups are
 * those of the pair list, in the same order (figure-groups.test.ts compares them with it).
 */
export function groupFigures(
  facts: NumberFact[],
  /** Whether figures i and j can both hold (conflicts.ts: their intervals overlap under one reading). */
  compatible: (i: number, j: number) => boolean,
): NumberFact[][] {
  const clash = clashTest(compatible)
  const kindOf = (fact: NumberFact): string => `${fact.kind}|${fact.unit ?? ''}`
  const weights = subjectWeights(facts, kindOf)
  const byKind = new Map<string, number[]>()
  facts.forEach((fact, index) => {
    const members = byKind.get(kindOf(fact))
    if (members === undefined) byKind.set(kindOf(fact), [index])
    else members.push(index)
  })
  const groups: number[][] = []
  for (const [kind, members] of byKind) {
    const first = facts[members[0] as number] as NumberFact
    const linksAll = first.kind === 'price' || first.unit === 'people'
    if (linksAll && members.every((index) => facts[index]?.party === null))
      groups.push(...firstFit(facts, members, clash))
    else {
      const pairs = linksAll
        ? partyPairs(facts, members)
        : subjectPairs(facts, members, (word) => weights.word(kind, word), weights.pair(kind))
      groups.push(...linkPairs(facts, members, pairs, clash))
    }
  }
  return groups
    .map((members) => members.sort((a, b) => a - b))
    .sort((a, b) => (a[0] as number) - (b[0] as number))
    .map((members) => members.map((index) => facts[index] as NumberFact))
}

/** A group being built: its members, and its members by article (a clash is between figures of one article). */
interface FigureGroup {
  members: number[]
  byArticle: Map<string, number[]>
}

/** Whether two groups would hold two values of one article that cannot both hold. */
type ClashTest = (left: FigureGroup, right: FigureGroup) => boolean

function clashTest(compatible: (i: number, j: number) => boolean): ClashTest {
  return (left, right) => {
    const [small, large] =
      left.byArticle.size <= right.byArticle.size ? [left, right] : [right, left]
    for (const [article, members] of small.byArticle) {
      const others = large.byArticle.get(article)
      if (others === undefined) continue
      for (const i of members) for (const j of others) if (!compatible(i, j)) return true
    }
    return false
  }
}

function groupOf(facts: readonly NumberFact[], index: number): FigureGroup {
  return {
    members: [index],
    byArticle: new Map([[(facts[index] as NumberFact).articleId, [index]]]),
  }
}

/** Moves `right`'s members into `left`. */
function absorb(left: FigureGroup, right: FigureGroup): void {
  left.members.push(...right.members)
  for (const [article, members] of right.byArticle) {
    const known = left.byArticle.get(article)
    if (known === undefined) left.byArticle.set(article, [...members])
    else known.push(...members)
  }
}

/**
 * Figures of a kind where every two link (prices, counts of people; no party): the pair list in order links
 * each figure to the first group, by its first figure, that it does not clash with, since every group formed
 * before a figure was offered it and a clash never goes away (groups only grow). Work: per figure, the groups
 * that hold a figure of its own article, not every other figure.
 */
function firstFit(facts: NumberFact[], members: number[], clash: ClashTest): number[][] {
  const groups: FigureGroup[] = []
  for (const index of members) {
    const alone = groupOf(facts, index)
    const home = groups.find((group) => !clash(group, alone))
    if (home === undefined) groups.push(alone)
    else absorb(home, alone)
  }
  return groups.map((group) => group.members)
}

interface FigurePair {
  i: number
  j: number
  weight: number
}

/** Every pair of a kind's figures whose parties may agree, each of full weight (a proposed count of people). */
function partyPairs(facts: NumberFact[], members: number[]): FigurePair[] {
  const pairs: FigurePair[] = []
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) {
      const [i, j] = [members[x] as number, members[y] as number]
      if (sameParty(facts[i] as NumberFact, facts[j] as NumberFact))
        pairs.push({ i, j, weight: Infinity })
    }
  return pairs
}

const sameParty = (a: NumberFact, b: NumberFact): boolean =>
  a.party === null || b.party === null || a.party === b.party

/**
 * The pairs of a kind's figures whose shared subject words link them (see groupFigures), found through the
 * words rather than by trying every pair: a linked pair's weight is at most its word count times its rarest
 * shared word's weight, so it shares a word of weight at least `bar` / (the longest subject's word count), and
 * only the figures of such words are paired.
 */
function subjectPairs(
  facts: NumberFact[],
  members: number[],
  weightOf: (word: string) => number,
  bar: number,
): FigurePair[] {
  const subjects = new Map(members.map((index) => [index, new Set(facts[index]?.subject)]))
  let longest = 0
  for (const words of subjects.values()) longest = Math.max(longest, words.size)
  const figuresOf = new Map<string, number[]>()
  for (const index of members)
    for (const word of subjects.get(index) ?? [])
      // (A hair of slack for rounding: a word too many only adds a pair that the test below drops.)
      if (weightOf(word) * longest >= bar * (1 - 1e-9)) {
        const known = figuresOf.get(word)
        if (known === undefined) figuresOf.set(word, [index])
        else known.push(index)
      }
  const seen = new Set<number>()
  const pairs: FigurePair[] = []
  for (const figures of figuresOf.values())
    for (let x = 0; x < figures.length; x++)
      for (let y = x + 1; y < figures.length; y++) {
        const [i, j] = [figures[x] as number, figures[y] as number]
        const key = i * facts.length + j
        if (seen.has(key)) continue
        seen.add(key)
        const [a, b] = [facts[i] as NumberFact, facts[j] as NumberFact]
        if (!sameParty(a, b)) continue
        const bWords = subjects.get(j) as Set<string>
        const shared = [...(subjects.get(i) as Set<string>)].filter((word) => bWords.has(word))
        if (shared.length < MIN_SHARED_SUBJECT_WORDS) continue
        const weight = shared.reduce((sum, word) => sum + weightOf(word), 0)
        if (weight >= bar) pairs.push({ i, j, weight })
      }
  return pairs
}

/** Groups from linked pairs, the best linked first; a pair whose groups clash is skipped. */
function linkPairs(
  facts: NumberFact[],
  members: number[],
  pairs: FigurePair[],
  clash: ClashTest,
): number[][] {
  pairs.sort((x, y) => y.weight - x.weight || x.i - y.i || x.j - y.j)
  const groupAt = new Map(members.map((index) => [index, groupOf(facts, index)]))
  for (const { i, j } of pairs) {
    const [left, right] = [groupAt.get(i) as FigureGroup, groupAt.get(j) as FigureGroup]
    if (left === right || clash(left, right)) continue
    absorb(left, right)
    for (const index of right.members) groupAt.set(index, left)
  }
  return [...new Set(groupAt.values())].map((group) => group.members)
}

/**
 * Each subject word's weight ln((n + 1) / df) among the n figures of its kind, and the weight a pair of figures
 * of that kind must reach: that of a word exactly two of them use.
 */
function subjectWeights(
  facts: NumberFact[],
  kindOf: (fact: NumberFact) => string,
): { word: (kind: string, word: string) => number; pair: (kind: string) => number } {
  const figures = new Map<string, number>()
  const df = new Map<string, number>()
  for (const fact of facts) {
    const kind = kindOf(fact)
    figures.set(kind, (figures.get(kind) ?? 0) + 1)
    for (const word of new Set(fact.subject))
      df.set(`${kind}\u0000${word}`, (df.get(`${kind}\u0000${word}`) ?? 0) + 1)
  }
  const n = (kind: string): number => figures.get(kind) ?? 0
  return {
    word: (kind, word) => Math.log((n(kind) + 1) / (df.get(`${kind}\u0000${word}`) ?? 1)),
    pair: (kind) => Math.log((n(kind) + 1) / 2),
  }
}
