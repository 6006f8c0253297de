/**
 * Dense ids for keys, in the order they are first seen: the trainers intern feature names (or hash buckets)
 * once, so that their inner loops index typed arrays, not maps, and a model's rows come out in that order.
 */
export class Interner<K> {
  readonly #ids = new Map<K, number>()
  /** The keys by id. */
  readonly keys: K[] = []

  /** The key's id; a key not seen before takes the next one. (A property, so it can be passed as a callback.) */
  readonly id = (key: K): number => {
    let id = this.#ids.get(key)
    if (id === undefined) {
      id = this.keys.length
      this.#ids.set(key, id)
      this.keys.push(key)
    }
    return id
  }

  /** How many keys have ids. */
  get size(): number {
    return this.keys.length
  }
}
