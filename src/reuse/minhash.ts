import { fnv1a32 } from '../text/hash.js'

/** Words per shingle for near-duplicate detection (5 is the usual choice for news copy). */
export const SHINGLE_WORDS = 5
export const NUM_HASHES = 128

// Fixed per-permutation seeds, so that signatures are stable across runs and stores. Each permutation is a
// 32-bit multiply-xorshift mix of the shingle hash (fast in JavaScript's 32-bit integer arithmetic; the
// Mersenne-prime family needs floating-point modulo and was 6x slower).
const SEEDS = Uint32Array.from(
  { length: NUM_HASHES },
  (_, index) => fnv1a32(`minhash-seed-${index}`) | 1,
)

/** Hashes of the word shingles of a token list (a set: repeats count once). */
export function shingleHashes(words: readonly string[], size = SHINGLE_WORDS): Set<number> {
  const hashes = new Set<number>()
  forEachShingle(words, size, (hash) => hashes.add(hash))
  return hashes
}

/**
 * Each shingle's hash, in order, repeats included: every run of `size` words, or the whole text as one shingle
 * when it is shorter (none when it is empty). The one statement of what a shingle is, for sets and signatures.
 */
function forEachShingle(
  words: readonly string[],
  size: number,
  visit: (hash: number) => void,
): void {
  if (words.length < size) {
    if (words.length > 0) visit(fnv1a32(words.join(' ')))
    return
  }
  for (let index = 0; index + size <= words.length; index++)
    visit(joinedHash(words, index, index + size))
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
const SPACE = 32

/**
 * fnv1a32 of words[from..to) joined by single spaces, without building the string: every shingle of every
 * article was sliced, joined and flattened only to be hashed (a tenth of a story's reuse and split tests).
 */
function joinedHash(words: readonly string[], from: number, to: number): number {
  let hash = FNV_OFFSET
  for (let index = from; index < to; index++) {
    if (index > from) hash = Math.imul(hash ^ SPACE, FNV_PRIME)
    const word = words[index] as string
    for (let char = 0; char < word.length; char++)
      hash = Math.imul(hash ^ word.charCodeAt(char), FNV_PRIME)
  }
  return hash >>> 0
}

/** The MinHash signature of a shingle set. */
export function minhashSignature(shingles: Set<number>): Uint32Array {
  const signature = new Uint32Array(NUM_HASHES).fill(0xffffffff)
  for (const shingle of shingles) foldShingle(signature, shingle)
  return signature
}

/**
 * `minhashSignature(shingleHashes(words, size))` without the set: a signature keeps each permutation's least
 * value, which a shingle met again does not change, so each shingle is folded in as it is hashed. The split
 * test's copy groups need only the signatures, and building the sets was two fifths of their cost.
 */
export function shingleSignature(words: readonly string[], size = SHINGLE_WORDS): Uint32Array {
  const signature = new Uint32Array(NUM_HASHES).fill(0xffffffff)
  forEachShingle(words, size, (hash) => foldShingle(signature, hash))
  return signature
}

/** Lowers each permutation's least value to the shingle's, where the shingle's is less. */
function foldShingle(signature: Uint32Array, shingle: number): void {
  for (let index = 0; index < NUM_HASHES; index++) {
    let value = Math.imul(shingle ^ (SEEDS[index] as number), 0x9e3779b1)
    value ^= value >>> 15
    value = Math.imul(value, 0x85ebca77)
    value = (value ^ (value >>> 13)) >>> 0
    if (value < (signature[index] as number)) signature[index] = value
  }
}

/** Estimated Jaccard resemblance of two signatures. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let index = 0; index < a.length; index++) if (a[index] === b[index]) same++
  return same / a.length
}

/** Exact resemblance and containment of two shingle sets (containment: of the smaller in the larger). */
export function resemblance(
  a: Set<number>,
  b: Set<number>,
): { jaccard: number; containment: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let shared = 0
  for (const shingle of small) if (large.has(shingle)) shared++
  const union = a.size + b.size - shared
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containment: small.size === 0 ? 0 : shared / small.size,
  }
}
