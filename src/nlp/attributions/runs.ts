import type { TextRange } from '../../types.js'
import { type TagToken, countBefore } from './tokens.js'
import { LETTER, NUMBER, hasClass } from '../../text/char-class.js'

/** A run of tokens with one role: [first, last] token indices. */
export interface Run {
  first: number
  last: number
}

/** The runs (sorted by position) that reach into tokens [from, to]. */
export function within(runs: Run[], from: number, to: number): Run[] {
  const low = countBefore(runs.length, (k) => (runs[k] as Run).last < from)
  const found: Run[] = []
  for (let k = low; k < runs.length && (runs[k] as Run).first <= to; k++) found.push(runs[k] as Run)
  return found
}

/** Token runs of the name mentions (binary search over token starts). */
export function nameRuns(tokens: TagToken[], mentions: { start: number; end: number }[]): Run[] {
  const firstAtOrAfter = (offset: number): number =>
    countBefore(tokens.length, (k) => (tokens[k] as TagToken).start < offset)
  return mentions.flatMap((mention) => {
    const first = firstAtOrAfter(mention.start)
    const last = firstAtOrAfter(mention.end) - 1
    return last >= first ? [{ first, last }] : []
  })
}

/** Maximal runs of a role in a label sequence: a B- label or a change of role starts a new run. */
export function runsOf(labels: string[], role: string): Run[] {
  const runs: Run[] = []
  labels.forEach((label, i) => {
    if (!label.endsWith(role)) return
    const open = runs.at(-1)
    if (label.startsWith('I-') && open !== undefined && open.last === i - 1) open.last = i
    else runs.push({ first: i, last: i })
  })
  return runs
}

export const gap = (a: Run, b: Run): number =>
  a.last < b.first ? b.first - a.last : b.last < a.first ? a.first - b.last : 0

export const isPunctuation = (token: TagToken): boolean => !hasClass(token.text, LETTER | NUMBER)

/** The text range of a run without punctuation or quotation marks at its ends; null when nothing is left. */
export function rangeOf(tokens: TagToken[], run: Run): TextRange | null {
  let { first, last } = run
  while (first <= last && isPunctuation(tokens[first] as TagToken)) first++
  while (last >= first && isPunctuation(tokens[last] as TagToken)) last--
  if (first > last) return null
  return { start: (tokens[first] as TagToken).start, end: (tokens[last] as TagToken).end }
}
