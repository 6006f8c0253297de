import { fnv1a32 } from '../text/hash.js'

/** Words per shingle for near-duplicate detection (5 is the usual choice for news copy). */
export const SHINGLE_WORDS = 5
export const NUM_HASHES = 128

// Fixed (a, b) pairs of a universal hash family; fixed so that signatures are stable across runs and stores.
const MERSENNE = 2 ** 31 - 1
const COEFFICIENTS = Array.from({ length: NUM_HASHES }, (_, index) => [
  (fnv1a32(`a${index}`) % (MERSENNE - 1)) + 1,
  fnv1a32(`b${index}`) % MERSENNE,
]) as [number, number][]

/** Hashes of the word shingles of a token list (a set: repeats count once). */
export function shingleHashes(words: string[], size = SHINGLE_WORDS): Set<number> {
  const hashes = new Set<number>()
  if (words.length < size) {
    if (words.length > 0) hashes.add(fnv1a32(words.join(' ')))
    return hashes
  }
  for (let index = 0; index + size <= words.length; index++)
    hashes.add(fnv1a32(words.slice(index, index + size).join(' ')))
  return hashes
}

/** The MinHash signature of a shingle set. */
export function minhashSignature(shingles: Set<number>): Uint32Array {
  const signature = new Uint32Array(NUM_HASHES).fill(0xffffffff)
  for (const shingle of shingles) {
    const x = shingle % MERSENNE
    for (let index = 0; index < NUM_HASHES; index++) {
      const [a, b] = COEFFICIENTS[index] as [number, number]
      // (a*x + b) mod p without overflow: split a into 16-bit halves.
      const value = (mulMod(a, x) + b) % MERSENNE
      if (value < (signature[index] as number)) signature[index] = value
    }
  }
  return signature
}

function mulMod(a: number, x: number): number {
  const high = Math.floor(a / 65536)
  const low = a % 65536
  return (((((high * x) % MERSENNE) * 65536) % MERSENNE) + low * x) % MERSENNE
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
