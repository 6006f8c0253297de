/**
 * A story's clause terms as integers, for the ledger's pair loop (ledger.ts `alignPropositions`): every pair of
 * candidate clauses is compared term by term, and comparing small integers against marks in typed arrays costs
 * a fraction of hashing and comparing the term strings in sets (the ledger was a fifth of a story's report).
 * The numbers are the ones the string sets gave: the same weights, summed in the same order.
 */

/** Terms in more than this share of the story's clauses say nothing about which claim a clause makes. */
const UBIQUITOUS = 0.25

/** A clause's terms as the pair loop reads them, each list in the order of the clause's `terms` set. */
export interface ClauseTerms {
  ids: Int32Array
  /** Story weight of each term (by position). */
  weights: Float64Array
  /** Whether each term (by position) is a word of one of the clause's names. */
  isName: Uint8Array
  /** Whether each term (by position) is a word of the clause's attributed source ("spokesperson"). */
  isSource: Uint8Array
  /** The weights summed in order. */
  total: number
}

/** The story's terms: an id per distinct term, with its weight and whether it marks an event kind. */
export interface TermTable {
  clauses: ClauseTerms[]
  /** Story weight by term id (see `storyWeight`). */
  weight: Float64Array
  /** Whether the term id is an event kind ("event:handover"). */
  event: Uint8Array
  size: number
}

/**
 * Story-level inverse frequency of a term over the story's clauses: "Kim" in a Kim story is in a third of all
 * clauses and weighs little; "sister" is in a few and weighs much. Terms in more than UBIQUITOUS of the clauses
 * weigh nothing. Counted over clauses, not articles: in a three-article story every article names the bridge
 * that collapsed, but few of its clauses do.
 */
const storyWeight = (count: number, clauses: number): number =>
  count / clauses > UBIQUITOUS ? 0 : Math.log(1 + clauses / count)

/** Numbers the terms of a story's clauses (ids in the order terms are first met) and weighs them. */
export function termTable(
  clauses: { terms: Set<string>; nameTerms: Set<string>; sourceTerms: Set<string> }[],
): TermTable {
  const idOf = new Map<string, number>()
  const counts: number[] = []
  const events: number[] = []
  const idLists = clauses.map((clause) => {
    const ids = new Int32Array(clause.terms.size)
    let position = 0
    for (const term of clause.terms) {
      let id = idOf.get(term)
      if (id === undefined) {
        id = counts.length
        idOf.set(term, id)
        counts.push(0)
        events.push(term.startsWith('event:') ? 1 : 0)
      }
      counts[id] = (counts[id] as number) + 1
      ids[position++] = id
    }
    return ids
  })
  const total = Math.max(1, clauses.length)
  const weight = Float64Array.from(counts, (count) => storyWeight(count, total))
  return {
    clauses: idLists.map((ids, index) => {
      const clause = clauses[index] as (typeof clauses)[number]
      const weights = Float64Array.from(ids, (id) => weight[id] as number)
      const isName = new Uint8Array(ids.length)
      const isSource = new Uint8Array(ids.length)
      let position = 0
      for (const term of clause.terms) {
        isName[position] = clause.nameTerms.has(term) ? 1 : 0
        isSource[position++] = clause.sourceTerms.has(term) ? 1 : 0
      }
      let sum = 0
      for (const w of weights) sum += w
      return { ids, weights, isName, isSource, total: sum }
    }),
    weight,
    event: Uint8Array.from(events),
    size: counts.length,
  }
}

/** What two clauses share, read in one pass over the first clause's terms. */
export interface PairOverlap {
  /** Weighted share of the smaller clause's terms that the other has too. */
  share: number
  /** Shared terms of positive weight. */
  shared: number
  /** Shared terms of any weight. */
  common: number
  /** They share an event kind. */
  sameEvent: boolean
  /** They share a word of a name (a name in either clause). */
  sameName: boolean
  /** They share such a word of positive weight. */
  weightedName: boolean
  /**
   * They share a word of positive weight that is a name in neither and not a word of both their sources (a
   * predicate word).
   */
  sharedWord: boolean
}

/**
 * Compares clauses of one table: `mark(b)` once, then `overlap(a)` reads a's terms against b's marks. Marks are
 * stamps, so nothing is cleared between pairs.
 */
export class PairMarks {
  private readonly inOther: Int32Array
  private readonly nameInOther: Int32Array
  private readonly sourceInOther: Int32Array
  private stamp = 0

  constructor(private readonly table: TermTable) {
    this.inOther = new Int32Array(table.size)
    this.nameInOther = new Int32Array(table.size)
    this.sourceInOther = new Int32Array(table.size)
  }

  /** Marks clause b's terms (and which of them are its names' words) for the next `overlap`. */
  mark(b: number): void {
    const clause = this.table.clauses[b] as ClauseTerms
    const stamp = ++this.stamp
    for (let index = 0; index < clause.ids.length; index++) {
      const id = clause.ids[index] as number
      this.inOther[id] = stamp
      if (clause.isName[index] === 1) this.nameInOther[id] = stamp
      if (clause.isSource[index] === 1) this.sourceInOther[id] = stamp
    }
  }

  /** Clause a against the clause marked last (`b`). */
  overlap(a: number, b: number): PairOverlap {
    const clause = this.table.clauses[a] as ClauseTerms
    const stamp = this.stamp
    const result: PairOverlap = {
      share: 0,
      shared: 0,
      common: 0,
      sameEvent: false,
      sameName: false,
      weightedName: false,
      sharedWord: false,
    }
    // Summed in a's order, as the weighted sets were.
    let sharedWeight = 0
    for (let index = 0; index < clause.ids.length; index++) {
      const id = clause.ids[index] as number
      if (this.inOther[id] !== stamp) continue
      const w = clause.weights[index] as number
      sharedWeight += w
      result.common++
      if (w > 0) result.shared++
      if (this.table.event[id] === 1) result.sameEvent = true
      if (clause.isName[index] === 1 || this.nameInOther[id] === stamp) {
        result.sameName = true
        if (w > 0) result.weightedName = true
      } else if (w > 0 && !(clause.isSource[index] === 1 && this.sourceInOther[id] === stamp))
        result.sharedWord = true
    }
    const smaller = Math.min(clause.total, (this.table.clauses[b] as ClauseTerms).total)
    result.share = smaller === 0 ? 0 : sharedWeight / smaller
    return result
  }
}
