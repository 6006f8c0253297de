import { NUM_HASHES } from './minhash.js'

export interface LshParams {
  bands: number
  rows: number
}

/**
 * Chooses bands × rows for a similarity threshold by minimising the weighted false-positive and
 * false-negative areas under the LSH S-curve (the method of datasketch's MinHashLSH).
 */
export function lshParamsFor(threshold: number, numHashes = NUM_HASHES): LshParams {
  let best: LshParams = { bands: 1, rows: numHashes }
  let bestError = Infinity
  for (let bands = 1; bands <= numHashes; bands++) {
    const rows = Math.floor(numHashes / bands)
    if (rows < 1) break
    const probability = (s: number): number => 1 - (1 - s ** rows) ** bands
    const falsePositive = integrate((s) => probability(s), 0, threshold)
    const falseNegative = integrate((s) => 1 - probability(s), threshold, 1)
    const error = 0.5 * falsePositive + 0.5 * falseNegative
    if (error < bestError) {
      bestError = error
      best = { bands, rows }
    }
  }
  return best
}

function integrate(f: (x: number) => number, a: number, b: number, steps = 200): number {
  const width = (b - a) / steps
  let area = 0
  for (let index = 0; index < steps; index++) area += f(a + (index + 0.5) * width) * width
  return area
}

/** The bucket keys of a signature, one per band ("band:hash"). */
export function bandKeys(signature: Uint32Array, params: LshParams): string[] {
  const keys: string[] = []
  for (let band = 0; band < params.bands; band++) {
    const rows = signature.subarray(band * params.rows, (band + 1) * params.rows)
    let hash = 0x811c9dc5
    for (const value of rows) hash = Math.imul(hash ^ value, 0x01000193) >>> 0
    keys.push(`${band}:${hash.toString(36)}`)
  }
  return keys
}

/** An in-memory LSH index; the store keeps the same band keys in a table for persistent lookups. */
export class LshIndex {
  private readonly buckets = new Map<string, string[]>()
  constructor(readonly params: LshParams) {}

  add(id: string, signature: Uint32Array): void {
    for (const key of bandKeys(signature, this.params)) {
      const bucket = this.buckets.get(key)
      if (bucket === undefined) this.buckets.set(key, [id])
      else bucket.push(id)
    }
  }

  candidates(signature: Uint32Array): Set<string> {
    const found = new Set<string>()
    for (const key of bandKeys(signature, this.params))
      for (const id of this.buckets.get(key) ?? []) found.add(id)
    return found
  }
}
