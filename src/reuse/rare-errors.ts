import { textTokensOf } from '../text/tokens.js'

/** A word two articles share that looks like a misspelling of a word the others use: strong copy evidence. */
export interface SharedError {
  word: string
  /** The spelling the other articles use. */
  usual: string
  /** Offsets of the first occurrence in each of the two articles. */
  spans: [{ start: number; end: number }, { start: number; end: number }]
}

/**
 * Finds words that occur in exactly two articles of a set and are one edit away from a word that occurs in
 * more articles. Proper nouns are the usual victims ("Anrus" for "Aurus"); an independent writer rarely makes
 * the same slip, so the pair is evidence of copying.
 */
export function findSharedErrors(texts: Map<string, string>): Map<string, SharedError[]> {
  const where = new Map<string, Map<string, { start: number; end: number }>>()
  for (const [id, text] of texts) {
    for (const token of textTokensOf(text)) {
      if (token.raw.length < 4 || !/^\p{Lu}/u.test(token.raw)) continue
      let seen = where.get(token.raw)
      if (seen === undefined) where.set(token.raw, (seen = new Map()))
      if (!seen.has(id)) seen.set(id, { start: token.start, end: token.end })
    }
  }
  const found = new Map<string, SharedError[]>()
  for (const [word, articles] of where) {
    if (articles.size !== 2) continue
    const usual = [...where.entries()].find(
      ([other, otherArticles]) =>
        otherArticles.size > 2 && other.length === word.length && editDistanceOne(word, other),
    )
    if (usual === undefined) continue
    const [[idA, spanA], [idB, spanB]] = [...articles.entries()] as [
      [string, { start: number; end: number }],
      [string, { start: number; end: number }],
    ]
    const key = pairKey(idA, idB)
    const list = found.get(key) ?? []
    list.push({ word, usual: usual[0], spans: idA < idB ? [spanA, spanB] : [spanB, spanA] })
    found.set(key, list)
  }
  return found
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`
}

/** Same length, exactly one substituted letter. */
function editDistanceOne(a: string, b: string): boolean {
  let differences = 0
  for (let index = 0; index < a.length; index++)
    if (a[index] !== b[index] && ++differences > 1) return false
  return differences === 1
}
