/**
 * Interned feature look-up for linear taggers (issue 16's speed goal): a model's feature names
 * `template=value` laid out so that decoding finds a feature without building or hashing its name.
 *
 * Every value any template holds gets one integer id (`valueId`, a single Map look-up per distinct value of
 * a token: its word, shape, suffix…), and each template is an Int32Array from value id to the feature's
 * index (-1 when the model has no such feature). A token's many features over the same few values (word,
 * previous word, next word, word pairs…) then cost one string look-up per value and an array read per
 * feature, instead of one string look-up per feature (which was most of the attribution taggers' time).
 * Two-part values (`template=a|b`) are found by the ids of their parts (`pairIndex`), without joining them.
 *
 * Shared machinery: the attribution taggers use it (attributions/perceptron.ts); any tagger whose features
 * are `template=value` names can (a name without "=" is the template with the empty value).
 */
export class FeatureRows {
  /** Template → (value id → feature index); built for every template at construction. */
  private readonly tables = new Map<string, Int32Array>()
  /** Template → (first part id, second part id) → feature index. */
  private readonly pairTables = new Map<string, PairTable>()
  /** The table of a template the model does not have: every value misses. */
  private readonly empty: Int32Array
  private readonly emptyPairs = new PairTable(0)

  /**
   * The tables of a model's feature names over a vocabulary that holds their values (by default one of their
   * own; several models over one vocabulary let a text's values be looked up once for all of them).
   */
  constructor(
    names: readonly string[],
    readonly vocabulary: FeatureVocabulary = new FeatureVocabulary([names]),
  ) {
    const { templates, values, pairs } = vocabulary.parse(names)
    const size = vocabulary.size
    this.empty = new Int32Array(size).fill(-1)
    templates.forEach((template, index) => {
      let table = this.tables.get(template)
      if (table === undefined) this.tables.set(template, (table = new Int32Array(size).fill(-1)))
      table[values[index] as number] = index
    })
    const pairCounts = new Map<string, number>()
    for (let k = 0; k < pairs.length; k += 3) {
      const template = templates[pairs[k] as number] as string
      pairCounts.set(template, (pairCounts.get(template) ?? 0) + 1)
    }
    for (const [template, count] of pairCounts) this.pairTables.set(template, new PairTable(count))
    for (let k = 0; k < pairs.length; k += 3) {
      const index = pairs[k] as number
      const table = this.pairTables.get(templates[index] as string) as PairTable
      table.set(pairs[k + 1] as number, pairs[k + 2] as number, index)
    }
  }

  /** The id of a value, or -1 when no feature of the vocabulary's models holds it. */
  valueId(value: string): number {
    return this.vocabulary.valueId(value)
  }

  /**
   * A template's table: `table[valueId]` is the index of the feature `template=value` in the names given,
   * or -1. Read it once per text and index it per token (a template the model lacks gives all -1).
   */
  table(template: string): Int32Array {
    return this.tables.get(template) ?? this.empty
  }

  /** A two-part template's table: `pairIndex(first id, second id)` is the feature `template=first|second`. */
  pairs(template: string): PairTable {
    return this.pairTables.get(template) ?? this.emptyPairs
  }
}

/**
 * Value → id over every value of the names of one or more models, and every part of a value split at a "|":
 * (first, second) then finds a two-part name exactly when first + "|" + second is its value, whatever "|"
 * the parts hold.
 */
export class FeatureVocabulary {
  private readonly ids = new Map<string, number>()
  /** The name lists the vocabulary was built from, parsed once (FeatureRows reads them). */
  private readonly parsed = new WeakMap<readonly string[], ParsedNames>()

  constructor(nameLists: readonly (readonly string[])[]) {
    for (const names of nameLists) this.parsed.set(names, this.parseNames(names, true))
  }

  get size(): number {
    return this.ids.size
  }

  /** The id of a value, or -1 when no name holds it. */
  valueId(value: string): number {
    return this.ids.get(value) ?? -1
  }

  /** Names split into templates and value ids (throws when a value is not in the vocabulary). */
  parse(names: readonly string[]): ParsedNames {
    return this.parsed.get(names) ?? this.parseNames(names, false)
  }

  private parseNames(names: readonly string[], add: boolean): ParsedNames {
    const templates: string[] = []
    const values = new Int32Array(names.length)
    const pairs: number[] = []
    const id = (value: string): number => {
      let found = this.ids.get(value)
      if (found === undefined) {
        if (!add)
          throw new Error(
            `Cannot build FeatureRows: the value "${value}" is not in the vocabulary; build the vocabulary from these names too`,
          )
        this.ids.set(value, (found = this.ids.size))
      }
      return found
    }
    names.forEach((name, index) => {
      const split = name.indexOf('=')
      const value = split < 0 ? '' : name.slice(split + 1)
      templates.push(split < 0 ? name : name.slice(0, split))
      values[index] = id(value)
      // Every way a value splits at a "|" (a value may hold "|" itself).
      for (let bar = value.indexOf('|'); bar >= 0; bar = value.indexOf('|', bar + 1))
        pairs.push(index, id(value.slice(0, bar)), id(value.slice(bar + 1)))
    })
    return { templates, values, pairs }
  }
}

/** Names as templates and value ids: per name its template and value id; (name, first, second) per split. */
interface ParsedNames {
  templates: string[]
  values: Int32Array
  pairs: number[]
}

/**
 * Feature indices by a pair of value ids: open addressing over typed arrays (no key objects, no strings),
 * at most half full.
 */
export class PairTable {
  private readonly firsts: Int32Array
  private readonly seconds: Int32Array
  private readonly indices: Int32Array
  private readonly mask: number

  constructor(count: number) {
    let capacity = 4
    while (capacity < count * 2) capacity *= 2
    this.mask = capacity - 1
    this.firsts = new Int32Array(capacity).fill(-1)
    this.seconds = new Int32Array(capacity)
    this.indices = new Int32Array(capacity)
  }

  /** The feature index of (first, second), or -1; a negative id (an unknown value) is never found. */
  get(first: number, second: number): number {
    if (first < 0 || second < 0) return -1
    for (let slot = hash(first, second) & this.mask; ; slot = (slot + 1) & this.mask) {
      const held = this.firsts[slot] as number
      if (held === -1) return -1
      if (held === first && this.seconds[slot] === second) return this.indices[slot] as number
    }
  }

  set(first: number, second: number, index: number): void {
    let slot = hash(first, second) & this.mask
    while (
      this.firsts[slot] !== -1 &&
      !(this.firsts[slot] === first && this.seconds[slot] === second)
    )
      slot = (slot + 1) & this.mask
    this.firsts[slot] = first
    this.seconds[slot] = second
    this.indices[slot] = index
  }
}

const hash = (first: number, second: number): number =>
  (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 0
