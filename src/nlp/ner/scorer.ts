import type { FeatureContext, Gazetteer } from './features.js'
import { listFeatures } from './features.js'

/**
 * The name tagger's weights laid out for tagging (issue 16): the feature strings of features.ts are never
 * built on the hot path. Each kind of feature is a table keyed by the word, shape or case it reads (strings
 * the text already holds, so their hashes are cached), and the features that read the previous tag are
 * one block per value holding a row for every previous tag (Viterbi reads each row). The scores are the
 * same sums of the same weights as `staticFeatures` + `tagFeatures` looked up one by one: the shipped
 * weights are integers (models/README.md), so the order of the additions cannot change a score.
 */
export interface CompiledWeights {
  size: number
  bias: Float32Array | undefined
  /** Features of the token's own lower-case word: w=, p2=, p3=, p4=, x2=, x3=, x4=. */
  word: Map<string, Float32Array>
  prefix2: Map<string, Float32Array>
  prefix3: Map<string, Float32Array>
  prefix4: Map<string, Float32Array>
  suffix2: Map<string, Float32Array>
  suffix3: Map<string, Float32Array>
  suffix4: Map<string, Float32Array>
  /** Neighbouring words: w-1=, w+1=, w-2=, w+2=. */
  before1: Map<string, Float32Array>
  after1: Map<string, Float32Array>
  before2: Map<string, Float32Array>
  after2: Map<string, Float32Array>
  /** Word pairs: w-1w= (previous → word) and ww+1= (word → next). */
  pairBefore: Map<string, Map<string, Float32Array>>
  pairAfter: Map<string, Map<string, Float32Array>>
  shape: Map<string, Float32Array>
  wordCase: Map<string, Float32Array>
  shapeBefore: Map<string, Float32Array>
  shapeAfter: Map<string, Float32Array>
  /** s-1s+1=: previous shape → shape → next shape. */
  shapeTriple: Map<string, Map<string, Map<string, Float32Array>>>
  /** Previous tag (t-1=): rows by tag index (previous × size + tag). */
  tag1: Float32Array
  /** t-1w=, t-1s=, t-1c=: per word, shape or case, a row for each previous tag (previous × size + tag). */
  tagWord: Map<string, Float32Array>
  tagShape: Map<string, Float32Array>
  tagCase: Map<string, Float32Array>
  /** Every feature by its string, for the rare (gazetteer) features and values that hold a '|'. */
  all: Map<string, Float32Array>
}

type Table = Map<string, Float32Array>

const SINGLE: Record<string, keyof CompiledWeights> = {
  w: 'word',
  p2: 'prefix2',
  p3: 'prefix3',
  p4: 'prefix4',
  x2: 'suffix2',
  x3: 'suffix3',
  x4: 'suffix4',
  'w-1': 'before1',
  'w+1': 'after1',
  'w-2': 'before2',
  'w+2': 'after2',
  s: 'shape',
  c: 'wordCase',
  's-1': 'shapeBefore',
  's+1': 'shapeAfter',
}
const BY_TAG: Record<string, keyof CompiledWeights> = {
  't-1w': 'tagWord',
  't-1s': 'tagShape',
  't-1c': 'tagCase',
}

function nested<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key)
  if (inner === undefined) {
    inner = new Map()
    map.set(key, inner)
  }
  return inner
}

/** Whether every weight is a whole number (the shipped, quantised models): only then is the order free. */
export function integerWeights(weights: Map<string, Float32Array>): boolean {
  for (const row of weights.values())
    for (const weight of row) if (!Number.isInteger(weight)) return false
  return true
}

/** The tables of a model's weights; `tags` are the tag names in index order. */
export function compileWeights(
  weights: Map<string, Float32Array>,
  tags: string[],
): CompiledWeights {
  const size = tags.length
  const tagIndex = new Map(tags.map((tag, index) => [tag, index]))
  const compiled: CompiledWeights = {
    size,
    bias: weights.get('b'),
    word: new Map(),
    prefix2: new Map(),
    prefix3: new Map(),
    prefix4: new Map(),
    suffix2: new Map(),
    suffix3: new Map(),
    suffix4: new Map(),
    before1: new Map(),
    after1: new Map(),
    before2: new Map(),
    after2: new Map(),
    pairBefore: new Map(),
    pairAfter: new Map(),
    shape: new Map(),
    wordCase: new Map(),
    shapeBefore: new Map(),
    shapeAfter: new Map(),
    shapeTriple: new Map(),
    tag1: new Float32Array(size * size),
    tagWord: new Map(),
    tagShape: new Map(),
    tagCase: new Map(),
    all: weights,
  }
  for (const [feature, row] of weights) {
    const equals = feature.indexOf('=')
    const kind = feature.slice(0, equals)
    const value = feature.slice(equals + 1)
    const single = SINGLE[kind]
    if (single !== undefined) {
      ;(compiled[single] as Table).set(value, row)
      continue
    }
    const parts = value.split('|')
    if (kind === 'w-1w' || kind === 'ww+1') {
      // A value with more than one '|' is ambiguous: it is looked up by its string (words holding a '|').
      if (parts.length !== 2) continue
      const [first, second] = parts as [string, string]
      nested(kind === 'w-1w' ? compiled.pairBefore : compiled.pairAfter, first).set(second, row)
    } else if (kind === 's-1s+1') {
      if (parts.length !== 3) continue
      const [before, shape, after] = parts as [string, string, string]
      nested(nested(compiled.shapeTriple, before), shape).set(after, row)
    } else if (kind === 't-1') {
      const previous = tagIndex.get(value)
      if (previous !== undefined) compiled.tag1.set(row, previous * size)
    } else if (BY_TAG[kind] !== undefined) {
      // Tags hold no '|': the first one ends the tag, whatever the word or shape after it holds.
      const bar = value.indexOf('|')
      const previous = tagIndex.get(value.slice(0, bar))
      if (previous === undefined) continue
      const table = compiled[BY_TAG[kind]] as Table
      const key = value.slice(bar + 1)
      let block = table.get(key)
      if (block === undefined) {
        block = new Float32Array(size * size)
        table.set(key, block)
      }
      block.set(row, previous * size)
    }
  }
  return compiled
}

/** Adds `size` weights of `row` from `from` to `into` at `offset`. */
export function addRow(
  into: Float64Array,
  offset: number,
  row: Float32Array | undefined,
  size: number,
  from = 0,
): void {
  if (row === undefined) return
  for (let tag = 0; tag < size; tag++)
    into[offset + tag] = (into[offset + tag] as number) + (row[from + tag] as number)
}
const PAD = '<s>'
const BAR = '|'

/** What the tables hold for one lower-case word, looked up once per word and kept (the words of a language repeat). */
interface WordRows {
  /** Sum of the word's own features (w=, p2=, p3=, p4=, x2=, x3=, x4=), or null when none is known. */
  own: Float64Array | null
  before1: Float32Array | undefined
  after1: Float32Array | undefined
  before2: Float32Array | undefined
  after2: Float32Array | undefined
  /** w-1w= with this word first, ww+1= with this word first: rows by the other word. */
  pairBefore: Map<string, Float32Array> | undefined
  pairAfter: Map<string, Float32Array> | undefined
  tagWord: Float32Array | undefined
}

/** Words kept at most: a bound on the memory of a long-running process (the cache restarts past it). */
const MAX_CACHED_WORDS = 100_000

const wordCache = new WeakMap<CompiledWeights, Map<string, WordRows>>()

function wordRows(compiled: CompiledWeights, word: string): WordRows {
  let cache = wordCache.get(compiled)
  if (cache === undefined) {
    cache = new Map()
    wordCache.set(compiled, cache)
  }
  let rows = cache.get(word)
  if (rows !== undefined) return rows
  const { size } = compiled
  const own = new Float64Array(size)
  let known = false
  for (const row of [
    compiled.word.get(word),
    compiled.prefix2.get(word.slice(0, 2)),
    compiled.prefix3.get(word.slice(0, 3)),
    compiled.prefix4.get(word.slice(0, 4)),
    compiled.suffix2.get(word.slice(-2)),
    compiled.suffix3.get(word.slice(-3)),
    compiled.suffix4.get(word.slice(-4)),
  ])
    if (row !== undefined) {
      addRow(own, 0, row, size)
      known = true
    }
  rows = {
    own: known ? own : null,
    before1: compiled.before1.get(word),
    after1: compiled.after1.get(word),
    before2: compiled.before2.get(word),
    after2: compiled.after2.get(word),
    pairBefore: compiled.pairBefore.get(word),
    pairAfter: compiled.pairAfter.get(word),
    tagWord: compiled.tagWord.get(word),
  }
  if (cache.size >= MAX_CACHED_WORDS) cache.clear()
  cache.set(word, rows)
  return rows
}

/**
 * The scores of every tag from the features of the text around each token (`staticFeatures`), token-major:
 * `size` scores per token.
 */
export function staticScores(
  compiled: CompiledWeights,
  context: FeatureContext,
  gazetteer: Gazetteer,
  wordCases: string[],
): Float64Array {
  const { size, all } = compiled
  const { lower, shapes } = context
  const count = lower.length
  const scores = new Float64Array(count * size)
  const rows = lower.map((word) => wordRows(compiled, word))
  const pad = wordRows(compiled, PAD)
  for (let index = 0; index < count; index++) {
    const offset = index * size
    const word = lower[index] as string
    const shape = shapes[index] as string
    const before1 = lower[index - 1] ?? PAD
    const after1 = lower[index + 1] ?? PAD
    const shapeBefore = shapes[index - 1] ?? PAD
    const shapeAfter = shapes[index + 1] ?? PAD
    const wordCase = wordCases[index] as string
    const own = rows[index] as WordRows
    const before = rows[index - 1] ?? pad
    addRow(scores, offset, compiled.bias, size)
    if (own.own !== null)
      for (let tag = 0; tag < size; tag++)
        scores[offset + tag] = (scores[offset + tag] as number) + (own.own[tag] as number)
    addRow(scores, offset, compiled.shape.get(shape), size)
    addRow(scores, offset, compiled.wordCase.get(wordCase), size)
    addRow(scores, offset, before.before1, size)
    addRow(scores, offset, (rows[index + 1] ?? pad).after1, size)
    addRow(scores, offset, (rows[index - 2] ?? pad).before2, size)
    addRow(scores, offset, (rows[index + 2] ?? pad).after2, size)
    addRow(scores, offset, compiled.shapeBefore.get(shapeBefore), size)
    addRow(scores, offset, compiled.shapeAfter.get(shapeAfter), size)
    if (shapeBefore.includes(BAR) || shape.includes(BAR) || shapeAfter.includes(BAR))
      addRow(scores, offset, all.get(`s-1s+1=${shapeBefore}|${shape}|${shapeAfter}`), size)
    else
      addRow(
        scores,
        offset,
        compiled.shapeTriple.get(shapeBefore)?.get(shape)?.get(shapeAfter),
        size,
      )
    const barred = word.includes(BAR)
    if (barred || before1.includes(BAR))
      addRow(scores, offset, all.get(`w-1w=${before1}|${word}`), size)
    else if (before.pairBefore !== undefined)
      addRow(scores, offset, before.pairBefore.get(word), size)
    if (barred || after1.includes(BAR))
      addRow(scores, offset, all.get(`ww+1=${word}|${after1}`), size)
    else if (own.pairAfter !== undefined) addRow(scores, offset, own.pairAfter.get(after1), size)
    // The list features are few and varied: looked up by their strings, as staticFeatures builds them.
    for (const feature of listFeatures(context, gazetteer, index, wordCase))
      addRow(scores, offset, all.get(feature), size)
  }
  return scores
}

/**
 * The scores of the features that read the tag before each token (`tagFeatures`), for Viterbi: per token the
 * word's, shape's and case's blocks are looked up once, then each previous tag reads its row of each.
 */
export function tagScorer(
  compiled: CompiledWeights,
  context: FeatureContext,
  wordCases: string[],
): (index: number, previous: number, into: Float64Array) => void {
  const { size } = compiled
  const blocks = context.lower.map((word, index) => [
    wordRows(compiled, word).tagWord,
    compiled.tagShape.get(context.shapes[index] as string),
    compiled.tagCase.get(wordCases[index] as string),
  ])
  return (index, previous, into) => {
    const from = previous * size
    for (let tag = 0; tag < size; tag++) into[tag] = compiled.tag1[from + tag] as number
    for (const block of blocks[index] as (Float32Array | undefined)[])
      addRow(into, 0, block, size, from)
  }
}
