import { createHash } from 'node:crypto'

/** A short, stable content id (hex of SHA-256). */
export function contentId(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length)
}

/**
 * 32-bit FNV-1a of a string: fast and stable across runs and machines, for shingles and MinHash where a
 * cryptographic hash would cost too much.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
