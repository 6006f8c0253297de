/** Cosine of two sparse vectors held as maps from key (word, hashed bucket…) to weight; 0 when one is empty. */
export function mapCosine<K>(a: Map<K, number>, b: Map<K, number>): number {
  let dot = 0
  let normA = 0
  let normB = 0
  for (const [key, weight] of a) {
    normA += weight * weight
    dot += weight * (b.get(key) ?? 0)
  }
  for (const weight of b.values()) normB += weight * weight
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB)
}
