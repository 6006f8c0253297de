/**
 * `compute` memoised by its string key, the cache cleared when it holds `limit` keys: for pure functions the
 * story stages call again and again on the same words and names, where a long-running store would otherwise
 * grow the cache with an open vocabulary. The cached values are shared, so callers must not change them.
 */
export function boundedMemo<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>()
  return (key) => {
    let found = cache.get(key)
    if (found === undefined) {
      if (cache.size >= limit) cache.clear()
      cache.set(key, (found = compute(key)))
    }
    return found
  }
}
