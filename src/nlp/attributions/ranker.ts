import type { TextRange } from '../../types.js'
import type { ResolvedSpeaker } from './speakers.js'

/**
 * One reading of who said an attribution: a source span (or none) and the speaker it resolves to, with the
 * features the ranker weighs. The assembly's own rule gives the first; the others are the sources and names
 * around the cue and the content, the speaker of the quotation before, and other antecedents of a pronoun.
 */
export interface SpeakerHypothesis {
  source: TextRange | null
  resolved: ResolvedSpeaker
  features: string[]
}

/** Ranker weights as stored in the model file: feature name → weight. */
export type StoredRankerWeights = Record<string, number>

/**
 * A linear ranker over an attribution's speaker hypotheses (trained by scripts/train-speaker-ranker.ts on
 * PolNeAR train/ as a conditional log-linear model, an averaged perceptron before session 21): the hypothesis
 * with the highest summed weight is the speaker; on ties the earlier one (the assembly rule's own reading comes
 * first).
 */
export class SpeakerRanker {
  private readonly weights: Map<string, number>

  constructor(stored: StoredRankerWeights) {
    this.weights = new Map(Object.entries(stored))
  }

  score(features: readonly string[]): number {
    let sum = 0
    for (const feature of features) sum += this.weights.get(feature) ?? 0
    return sum
  }

  /** Index of the best hypothesis (0 when there is none or all tie). */
  choose(hypotheses: readonly SpeakerHypothesis[]): number {
    let best = 0
    let bestScore = -Infinity
    hypotheses.forEach((hypothesis, i) => {
      const score = this.score(hypothesis.features)
      if (score > bestScore) {
        best = i
        bestScore = score
      }
    })
    return best
  }
}

/** One part of a feature's name: a word, a bucket, a count or a flag, written as `String(part)`. */
export type NamePart = string | number | boolean

/** A node of the names' trie: the name its path spells, and the names one part longer. */
interface NameNode {
  name: string
  next: Map<NamePart, NameNode> | null
}

/** Names kept at most: a bound on a long-running process's memory (the trie restarts past it). */
const MAX_NAMES = 100_000
let names = new Map<NamePart, NameNode>()
let nameCount = 0

function step(level: Map<NamePart, NameNode>, part: NamePart, prefix: string | null): NameNode {
  let node = level.get(part)
  if (node === undefined) {
    node = { name: prefix === null ? String(part) : `${prefix}|${part}`, next: null }
    level.set(part, node)
    nameCount++
  }
  return node
}

const deeper = (node: NameNode, part: NamePart): NameNode =>
  step((node.next ??= new Map()), part, node.name)

/**
 * A feature's name, its parts joined by "|" (`featureName('src', 'cue', 'before')` is 'src|cue|before'), given
 * back as the same string object for the same parts: a trie of maps by part, kept per process. The ranker then
 * looks up a string whose hash V8 has already computed; an article's hypotheses write about 3,800 names of
 * some 800 distinct ones, and building and hashing a new string for each was about a sixteenth of an article's
 * annotation (issue 16).
 */
export function featureName(
  a: NamePart,
  b?: NamePart,
  c?: NamePart,
  d?: NamePart,
  e?: NamePart,
): string {
  if (nameCount >= MAX_NAMES) {
    names = new Map()
    nameCount = 0
  }
  let node = step(names, a, null)
  if (b !== undefined) node = deeper(node, b)
  if (c !== undefined) node = deeper(node, c)
  if (d !== undefined) node = deeper(node, d)
  if (e !== undefined) node = deeper(node, e)
  return node.name
}

/** A distance in tokens, bucketed so that a few weights cover all. */
export const tokenDistance = (d: number): string =>
  d <= 0 ? '0' : d <= 2 ? '1-2' : d <= 5 ? '3-5' : d <= 10 ? '6-10' : d <= 25 ? '11-25' : '26+'
