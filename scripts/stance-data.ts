/**
 * FNC-1 TRAIN as the stance trainers read it (../shared/data/stance-fnc1/train, at run time, never copied),
 * and the folds they cross-validate over: whole topics held out (new claims and new bodies, as in the
 * competition test).
 */
import { readFileSync } from 'node:fs'
import { prepareClaim, type PreparedText } from '../src/corroborate/stance/features.js'
import type { Stance } from '../src/corroborate/stance/model.js'
import { fnv1a32 } from '../src/text/hash.js'

const DATA = new URL('../../shared/data/stance-fnc1/train/', import.meta.url)

export interface Pair {
  claim: string
  bodyId: number
  stance: Stance
}

const readJsonl = <T>(name: string): T[] =>
  readFileSync(new URL(name, DATA), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)

export const readPairs = (): Pair[] => readJsonl<Pair>('stances.jsonl')
export const readBodies = (): Map<number, string> =>
  new Map(
    readJsonl<{ bodyId: number; text: string }>('bodies.jsonl').map((body) => [
      body.bodyId,
      body.text,
    ]),
  )

/** Inverse document frequency of each of `buckets` hashed stem buckets over these bodies. */
export function idfOver(bodies: PreparedText[], buckets: number): Float32Array {
  const df = new Float32Array(buckets)
  for (const body of bodies) {
    const seen = new Set<number>()
    for (const stem of body.counts.keys()) seen.add(fnv1a32(stem) % buckets)
    for (const bucket of seen) df[bucket] = (df[bucket] as number) + 1
  }
  return df.map((count) => Math.log((1 + bodies.length) / (1 + count)) + 1)
}

/**
 * Inverse document frequency of hashed stems over the training bodies and claims (each a document), for the
 * exact-stem TF-IDF measures. Stems in a single document are left out (they get the top value, as unseen
 * ones do), so the table's buckets mostly hold no word and a new topic's names rarely share one.
 */
export function termIdfOver(
  bodies: PreparedText[],
  claims: string[],
  buckets: number,
): Float32Array {
  const df = new Map<string, number>()
  const documents = [
    ...bodies.map((body) => body.counts.keys()),
    ...claims.map((claim) => prepareClaim(claim).counts.keys()),
  ]
  for (const stems of documents) for (const stem of stems) df.set(stem, (df.get(stem) ?? 0) + 1)
  const top = Math.log((1 + documents.length) / 2) + 1
  const table = new Float32Array(buckets).fill(top)
  for (const [stem, count] of df) {
    if (count < 2) continue
    const bucket = fnv1a32(stem) % buckets
    // Two stems in one bucket: the commoner one's (lower) idf, so that collisions never inflate a match.
    table[bucket] = Math.min(
      table[bucket] as number,
      Math.log((1 + documents.length) / (1 + count)) + 1,
    )
  }
  return table
}

/**
 * FNC-1's claims and bodies come from Emergent's topics: a claim is paired with the bodies of its own topic
 * (related) and with bodies of other topics (unrelated). A topic here is a connected component of the related
 * pairs. The competition test has new claims AND new bodies, so cross-validation holds out whole topics: a
 * fold tests every pair of its topics' claims and trains on no pair whose claim or body belongs to them.
 */
export function topicsOf(all: Pair[]): {
  ofClaim: Map<string, string>
  ofBody: Map<number, string>
} {
  const parent = new Map<string, string>()
  const find = (node: string): string => {
    let root = node
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string
    parent.set(node, root)
    return root
  }
  for (const pair of all) {
    const claim = `c:${pair.claim}`
    const body = `b:${pair.bodyId}`
    if (!parent.has(claim)) parent.set(claim, claim)
    if (!parent.has(body)) parent.set(body, body)
    if (pair.stance !== 'unrelated') parent.set(find(claim), find(body))
  }
  return {
    ofClaim: new Map(all.map((pair) => [pair.claim, find(`c:${pair.claim}`)])),
    ofBody: new Map(all.map((pair) => [pair.bodyId, find(`b:${pair.bodyId}`)])),
  }
}

/** A fold's held-out pairs (its topics' claims) and training pairs (neither claim nor body in its topics). */
export function topicFold(
  pairs: Pair[],
  topics: ReturnType<typeof topicsOf>,
  folds: number,
  fold: number,
): { testPairs: Pair[]; trainPairs: Pair[] } {
  const foldOf = (topic: string | undefined): number => fnv1a32(topic ?? '') % folds
  return {
    testPairs: pairs.filter((pair) => foldOf(topics.ofClaim.get(pair.claim)) === fold),
    trainPairs: pairs.filter(
      (pair) =>
        foldOf(topics.ofClaim.get(pair.claim)) !== fold &&
        foldOf(topics.ofBody.get(pair.bodyId)) !== fold,
    ),
  }
}

export const meanSd = (values: number[]): string => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)}`
}
