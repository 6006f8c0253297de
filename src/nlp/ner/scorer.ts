import type { FeatureContext, Gazetteer } from './features.js'
import { caseClassOf, clusterKeys } from './features.js'
import { boundedMemo } from '../../text/memo.js'
import { PairTable } from '../feature-rows.js'

/**
 * The name tagger's weights laid out for tagging (issue 16): the feature strings of features.ts are never
 * built on the hot path. All weights live in one Float32Array (`rows`, `size` per feature); each kind of
 * feature is a table from the word, shape or case it reads (strings the text already holds, so their hashes
 * are cached) to the offset of its row there, and the features that read the previous tag are one block per
 * value holding a row for every previous tag (Viterbi reads each row). Offsets, not a typed-array view per
 * feature, so that a model of 120k features loads without 120k allocations (a worker thread pays the load).
 * The scores are the same sums of the same weights as `staticFeatures` + `tagFeatures` looked up one by one:
 * the shipped weights are integers (models/README.md), so the order of the additions cannot change a score.
 */
export interface CompiledWeights {
  size: number
  /** Every feature's weights, `size` per feature (a table's value is the offset of a row here). */
  rows: Float32Array
  /** Offset of the bias row ('b'), or -1. */
  bias: number
  /** Features of the token's own lower-case word: w=, p2=, p3=, p4=, x2=, x3=, x4=. */
  word: Table
  prefix2: Table
  prefix3: Table
  prefix4: Table
  suffix2: Table
  suffix3: Table
  suffix4: Table
  /** Neighbouring words: w-1=, w+1=, w-2=, w+2=. */
  before1: Table
  after1: Table
  before2: Table
  after2: Table
  /** Word pairs: w-1w= (previous → word) and ww+1= (word → next); and s-1s+1=, by ids (PairIds). */
  pairs: PairIds
  shape: Table
  wordCase: Table
  shapeBefore: Table
  shapeAfter: Table
  /** Previous tag (t-1=): rows by tag index (previous × size + tag). */
  tag1: Float32Array
  /** t-1w=, t-1s=, t-1c=: per word, shape or case, the offset in `blocks` of a row per previous tag. */
  tagWord: Table
  tagShape: Table
  tagCase: Table
  /** The t-1w/s/c blocks, size × size each (previous × size + tag). */
  blocks: Float32Array
  /** The rows of the prediction history's features (HISTORY_FEATURES order), -1 where the model lacks one. */
  history: Int32Array
  /**
   * Every other feature by its string: the list (gazetteer) features, and values holding a '|' that the
   * tables cannot split unambiguously. A small map, so the look-ups by string stay cheap.
   */
  other: Table
}

/** Value → offset of its row in `rows` (or of its block in `blocks`). */
type Table = Map<string, number>

type TableKey = {
  [K in keyof CompiledWeights]: CompiledWeights[K] extends Table ? K : never
}[keyof CompiledWeights]

const SINGLE: Record<string, TableKey> = {
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
const BY_TAG: Record<string, TableKey> = {
  't-1w': 'tagWord',
  't-1s': 'tagShape',
  't-1c': 'tagCase',
}

/** Whether every weight is a whole number (the shipped, quantised models): only then is the order free. */
export function integerWeights(weights: Map<string, Float32Array>): boolean {
  for (const row of weights.values())
    for (const weight of row) if (!Number.isInteger(weight)) return false
  return true
}

/** Whether every weight of a row-major array is a whole number. */
export function integerRows(rows: Float32Array): boolean {
  for (const weight of rows) if (!Number.isInteger(weight)) return false
  return true
}

/** The tables of a model's weights given as a map (feature → row); `tags` are the tag names in index order. */
export function compileWeights(
  weights: Map<string, Float32Array>,
  tags: string[],
  historyFeatures: readonly string[] = [],
): CompiledWeights {
  const size = tags.length
  const rows = new Float32Array(weights.size * size)
  let index = 0
  for (const row of weights.values()) rows.set(row.subarray(0, size), size * index++)
  return compileRows([...weights.keys()], rows, tags, historyFeatures)
}

/**
 * The tables of a model's weights given as feature names and their rows (`rows`: `tags.length` weights per
 * name, in the names' order), as a model file holds them.
 */
export function compileRows(
  names: readonly string[],
  rows: Float32Array,
  tags: string[],
  historyFeatures: readonly string[] = [],
): CompiledWeights {
  const size = tags.length
  const tagIndex = new Map(tags.map((tag, index) => [tag, index]))
  const compiled: CompiledWeights = {
    size,
    rows,
    bias: -1,
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
    pairs: emptyPairIds(),
    shape: new Map(),
    wordCase: new Map(),
    shapeBefore: new Map(),
    shapeAfter: new Map(),
    tag1: new Float32Array(size * size),
    tagWord: new Map(),
    tagShape: new Map(),
    tagCase: new Map(),
    blocks: new Float32Array(0),
    history: new Int32Array(historyFeatures.length).fill(-1),
    other: new Map(),
  }
  // Blocks are laid out after a first pass counts them: (table, key, previous tag, row offset) per feature.
  const blockRows: [Table, string, number, number][] = []
  const pairs = new PairIdsBuilder()
  const historyIndex = new Map(historyFeatures.map((feature, slot) => [feature, slot]))
  names.forEach((feature, index) => {
    const offset = index * size
    const equals = feature.indexOf('=')
    const kind = equals < 0 ? feature : feature.slice(0, equals)
    const value = equals < 0 ? '' : feature.slice(equals + 1)
    const single = SINGLE[kind]
    if (single !== undefined && equals >= 0) {
      compiled[single].set(value, offset)
      return
    }
    if (feature === 'b') {
      compiled.bias = offset
      return
    }
    const slot = historyIndex.get(feature)
    if (slot !== undefined) compiled.history[slot] = offset
    const bar = value.indexOf('|')
    if (kind === 'w-1w' || kind === 'ww+1') {
      // A value with more than one '|' is ambiguous: it is looked up by its string (words holding a '|').
      if (bar >= 0 && value.indexOf('|', bar + 1) < 0) {
        pairs.wordPair(kind === 'ww+1', value.slice(0, bar), value.slice(bar + 1), offset)
        return
      }
    } else if (kind === 's-1s+1') {
      const second = bar < 0 ? -1 : value.indexOf('|', bar + 1)
      if (second >= 0 && value.indexOf('|', second + 1) < 0) {
        pairs.shapeTriple(
          value.slice(0, bar),
          value.slice(bar + 1, second),
          value.slice(second + 1),
          offset,
        )
        return
      }
    } else if (kind === 't-1') {
      const previous = tagIndex.get(value)
      if (previous !== undefined) {
        compiled.tag1.set(rows.subarray(offset, offset + size), previous * size)
        return
      }
    } else if (BY_TAG[kind] !== undefined && bar >= 0) {
      // Tags hold no '|': the first one ends the tag, whatever the word or shape after it holds.
      const previous = tagIndex.get(value.slice(0, bar))
      if (previous !== undefined) {
        blockRows.push([compiled[BY_TAG[kind]], value.slice(bar + 1), previous, offset])
        return
      }
    }
    compiled.other.set(feature, offset)
  })
  compiled.pairs = pairs.build()
  let blockCount = 0
  for (const [table, key] of blockRows)
    if (!table.has(key)) table.set(key, size * size * blockCount++)
  compiled.blocks = new Float32Array(blockCount * size * size)
  for (const [table, key, previous, offset] of blockRows)
    compiled.blocks.set(
      rows.subarray(offset, offset + size),
      (table.get(key) as number) + previous * size,
    )
  return compiled
}

/** Adds `size` weights of `rows` from `from` (an offset; -1 adds nothing) to `into` at `offset`. */
export function addRow(
  into: Float64Array,
  offset: number,
  rows: Float32Array,
  from: number,
  size: number,
): void {
  if (from < 0) return
  for (let tag = 0; tag < size; tag++)
    into[offset + tag] = (into[offset + tag] as number) + (rows[from + tag] as number)
}

const PAD = '<s>'
const BAR = '|'

/**
 * What the tables hold for one lower-case word, looked up once per word and kept (the words of a language
 * repeat): the rows a token reads because of this word, summed where the token's neighbourhood does not
 * matter. The weights are whole numbers (see CompiledWeights), so summing them ahead changes no score.
 */
interface WordRows {
  /**
   * Three sums of `size` weights: what the word adds as the token itself (w=, p2=, p3=, p4=, x2=, x3=, x4=,
   * and cr=, cw= when the lists have case classes and clusters), as the token before another (w-1=, cr-1=,
   * cw-1=) and as the token after another (w+1=, cr+1=, cw+1=).
   */
  sums: Float64Array
  /** Row offsets of w-2=, w+2= with this word (-1: none). */
  before2: number
  after2: number
  /** The word's id in the word pairs' tables (PairIds), or -1 when no pair holds it. */
  pairId: number
  /** Offset of the word's t-1w= block in `blocks`, or -1. */
  tagWord: number
  /** What the name lists say of the word (the list features: gf, gd, gr, gc, gn and their neighbours'). */
  firstName: boolean
  demonym: boolean
  role: boolean
  company: boolean
  personName: boolean
  /** The word's case class (crc= pairs it with the token's case). */
  caseClass: string
  /** The word holds a '|': its pairs are looked up by their strings (PairIds splits no such value). */
  barred: boolean
}

/** Where each of a word's three sums starts in `sums` (times `size`). */
const HERE = 0
const AS_BEFORE = 1
const AS_AFTER = 2

/** What the tables hold for one shape, looked up once per value and kept. */
interface ShapeRows {
  shape: number
  before: number
  after: number
  /** The t-1s= block, or -1. */
  tag: number
  /** The shape's id in the shape triples' tables (PairIds), or -1 when no triple holds it. */
  tripleId: number
  /** gf+1=, gf-1=, gr-1=, gn-1= with this shape. */
  afterFirstName: number
  firstNameBefore: number
  roleBefore: number
  personNameBefore: number
  /** t-1= plus this shape's and a case's t-1s= and t-1c= blocks, by case (tagScorer fills it). */
  withCase: Map<CaseRows, Float64Array>
  /** The shape holds a '|': its triples are looked up by their strings. */
  barred: boolean
}

/** What the tables hold for one (marked) case. */
interface CaseRows {
  /** c= */
  row: number
  /** The t-1c= block, or -1. */
  tag: number
  /** dl=, du=, gpc=B…, gpc=I…, gf=, gd=, gr=, gc=, gn= with this case. */
  seenLower: number
  seenCapital: number
  placeFirst: number
  placeInside: number
  firstName: number
  demonym: number
  role: number
  company: number
  personName: number
  /** crc= of a case class with this case. */
  withClass: (caseClass: string) => number
}

/** Words kept at most: a bound on the memory of a long-running process (the cache restarts past it). */
const MAX_CACHED_WORDS = 100_000

/**
 * The rows of a word, a shape and a case, each looked up once per value and kept (a bounded memo per model;
 * words per model and name lists, since the lists say what a word's list features are).
 */
interface Lookups {
  words: WeakMap<Gazetteer, (word: string) => WordRows>
  shape: (shape: string) => ShapeRows
  wordCase: (wordCase: string) => CaseRows
  /** gp=B and gp=I. */
  placeFirst: number
  placeInside: number
}

/**
 * The word pairs (w-1w=, ww+1=) and shape triples (s-1s+1=) of a model by integer ids (issue 16): a word or
 * shape gets its id once (kept on its memoised rows), and a token's pair or triple is then found in an
 * open-addressing table of ids, not by a string look-up per token in a map of the other word's pairs.
 */
export interface PairIds {
  /** Every word of a pair, either place → id. */
  words: Map<string, number>
  /** (first word id, second word id) → row offset of w-1w= / ww+1=. */
  before: PairTable
  after: PairTable
  /** Every shape of a triple, any place → id. */
  shapes: Map<string, number>
  /** (first shape id, middle shape id) → id of the pair; (pair id, last shape id) → row offset of s-1s+1=. */
  shapePairs: PairTable
  triples: PairTable
}

function emptyPairIds(): PairIds {
  const none = new PairTable(0)
  return {
    words: new Map(),
    before: none,
    after: none,
    shapes: new Map(),
    shapePairs: none,
    triples: none,
  }
}

/** Collects a model's pairs and triples as compileRows reads its names, then lays out their tables. */
class PairIdsBuilder {
  private readonly words = new Map<string, number>()
  private readonly shapes = new Map<string, number>()
  /** (first id, second id, offset) per pair; (first, middle, last id, offset) per triple. */
  private readonly before: number[] = []
  private readonly after: number[] = []
  private readonly triples: number[] = []

  wordPair(after: boolean, first: string, second: string, offset: number): void {
    ;(after ? this.after : this.before).push(
      idIn(this.words, first),
      idIn(this.words, second),
      offset,
    )
  }

  shapeTriple(first: string, middle: string, last: string, offset: number): void {
    this.triples.push(
      idIn(this.shapes, first),
      idIn(this.shapes, middle),
      idIn(this.shapes, last),
      offset,
    )
  }

  build(): PairIds {
    const table = (entries: number[]): PairTable => {
      const pairs = new PairTable(entries.length / 3)
      for (let k = 0; k < entries.length; k += 3)
        pairs.set(entries[k] as number, entries[k + 1] as number, entries[k + 2] as number)
      return pairs
    }
    // (first, middle) pairs numbered in order of appearance; a shape id is below shapes.size.
    const shapeCount = this.shapes.size
    const pairIds = new Map<number, number>()
    const { triples } = this
    for (let k = 0; k < triples.length; k += 4) {
      const key = (triples[k] as number) * shapeCount + (triples[k + 1] as number)
      if (!pairIds.has(key)) pairIds.set(key, pairIds.size)
    }
    const shapePairs = new PairTable(pairIds.size)
    const byPair = new PairTable(triples.length / 4)
    for (let k = 0; k < triples.length; k += 4) {
      const first = triples[k] as number
      const middle = triples[k + 1] as number
      const pair = pairIds.get(first * shapeCount + middle) as number
      shapePairs.set(first, middle, pair)
      byPair.set(pair, triples[k + 2] as number, triples[k + 3] as number)
    }
    return {
      words: this.words,
      before: table(this.before),
      after: table(this.after),
      shapes: this.shapes,
      shapePairs,
      triples: byPair,
    }
  }
}

function idIn(ids: Map<string, number>, key: string): number {
  let found = ids.get(key)
  if (found === undefined) ids.set(key, (found = ids.size))
  return found
}

const lookups = new WeakMap<CompiledWeights, Lookups>()

function lookupsOf(compiled: CompiledWeights): Lookups {
  let found = lookups.get(compiled)
  if (found === undefined) {
    found = {
      words: new WeakMap(),
      shape: boundedMemo(MAX_CACHED_WORDS, (shape) => shapeRows(compiled, shape)),
      wordCase: boundedMemo(MAX_CACHED_WORDS, (wordCase) => caseRows(compiled, wordCase)),
      placeFirst: offsetIn(compiled.other, 'gp=B'),
      placeInside: offsetIn(compiled.other, 'gp=I'),
    }
    lookups.set(compiled, found)
  }
  return found
}

function wordsOf(compiled: CompiledWeights, gazetteer: Gazetteer): (word: string) => WordRows {
  const { words } = lookupsOf(compiled)
  let found = words.get(gazetteer)
  if (found === undefined) {
    const clusters = new Map<string, Float64Array>()
    found = boundedMemo(MAX_CACHED_WORDS, (word) => wordRows(compiled, gazetteer, clusters, word))
    words.set(gazetteer, found)
  }
  return found
}

const offsetIn = (table: Table, key: string): number => table.get(key) ?? -1

/**
 * The three sums of the cluster features of a word (cw=, cw-1=, cw+1= of every key of its path), kept by path
 * (`clusters`: the lists' few thousand paths, NO_PATH for a word without one), since a word's keys depend on its
 * path alone: a new word then costs one look-up, not fifteen feature strings built and looked up.
 */
/** The key of the words without a cluster path (paths are strings of bits). */
const NO_PATH = 'none'

function clusterSums(
  compiled: CompiledWeights,
  gazetteer: Gazetteer,
  clusters: Map<string, Float64Array>,
  word: string,
): Float64Array {
  const path = gazetteer.wordClusters.get(word) ?? NO_PATH
  let sums = clusters.get(path)
  if (sums === undefined) {
    const { size, rows, other } = compiled
    sums = new Float64Array(3 * size)
    for (const key of clusterKeys(gazetteer, word)) {
      addRow(sums, HERE * size, rows, offsetIn(other, `cw=${key}`), size)
      addRow(sums, AS_BEFORE * size, rows, offsetIn(other, `cw-1=${key}`), size)
      addRow(sums, AS_AFTER * size, rows, offsetIn(other, `cw+1=${key}`), size)
    }
    clusters.set(path, sums)
  }
  return sums
}

function wordRows(
  compiled: CompiledWeights,
  gazetteer: Gazetteer,
  clusters: Map<string, Float64Array>,
  word: string,
): WordRows {
  const { size, rows, other } = compiled
  const sums = new Float64Array(3 * size)
  const add = (sum: number, offset: number): void => addRow(sums, sum * size, rows, offset, size)
  for (const offset of [
    offsetIn(compiled.word, word),
    offsetIn(compiled.prefix2, word.slice(0, 2)),
    offsetIn(compiled.prefix3, word.slice(0, 3)),
    offsetIn(compiled.prefix4, word.slice(0, 4)),
    offsetIn(compiled.suffix2, word.slice(-2)),
    offsetIn(compiled.suffix3, word.slice(-3)),
    offsetIn(compiled.suffix4, word.slice(-4)),
  ])
    add(HERE, offset)
  add(AS_BEFORE, offsetIn(compiled.before1, word))
  add(AS_AFTER, offsetIn(compiled.after1, word))
  const caseClass = caseClassOf(gazetteer, word)
  if (gazetteer.caseClasses.size > 0) {
    add(HERE, offsetIn(other, `cr=${caseClass}`))
    add(AS_BEFORE, offsetIn(other, `cr-1=${caseClass}`))
    add(AS_AFTER, offsetIn(other, `cr+1=${caseClass}`))
  }
  // Whole-number weights: adding the cluster rows as one kept sum changes no score.
  if (gazetteer.wordClusters.size > 0)
    addSum(sums, 0, clusterSums(compiled, gazetteer, clusters, word), 0, 3 * size)
  return {
    sums,
    before2: offsetIn(compiled.before2, word),
    after2: offsetIn(compiled.after2, word),
    pairId: compiled.pairs.words.get(word) ?? -1,
    tagWord: offsetIn(compiled.tagWord, word),
    firstName: gazetteer.firstNames.has(word),
    demonym: gazetteer.demonyms.has(word),
    role: gazetteer.roles.has(word),
    company: gazetteer.companyWords.has(word),
    personName: gazetteer.personNames.has(word),
    caseClass,
    barred: word.includes(BAR),
  }
}

function shapeRows(compiled: CompiledWeights, shape: string): ShapeRows {
  const other = (feature: string): number => offsetIn(compiled.other, feature)
  return {
    shape: offsetIn(compiled.shape, shape),
    before: offsetIn(compiled.shapeBefore, shape),
    after: offsetIn(compiled.shapeAfter, shape),
    tag: offsetIn(compiled.tagShape, shape),
    tripleId: compiled.pairs.shapes.get(shape) ?? -1,
    afterFirstName: other(`gf+1=${shape}`),
    firstNameBefore: other(`gf-1=${shape}`),
    roleBefore: other(`gr-1=${shape}`),
    personNameBefore: other(`gn-1=${shape}`),
    withCase: new Map(),
    barred: shape.includes(BAR),
  }
}

function caseRows(compiled: CompiledWeights, wordCase: string): CaseRows {
  const other = (feature: string): number => offsetIn(compiled.other, feature)
  const withClass = new Map<string, number>()
  return {
    row: offsetIn(compiled.wordCase, wordCase),
    tag: offsetIn(compiled.tagCase, wordCase),
    seenLower: other(`dl=${wordCase}`),
    seenCapital: other(`du=${wordCase}`),
    placeFirst: other(`gpc=B${wordCase}`),
    placeInside: other(`gpc=I${wordCase}`),
    firstName: other(`gf=${wordCase}`),
    demonym: other(`gd=${wordCase}`),
    role: other(`gr=${wordCase}`),
    company: other(`gc=${wordCase}`),
    personName: other(`gn=${wordCase}`),
    withClass: (caseClass) => {
      let offset = withClass.get(caseClass)
      if (offset === undefined)
        withClass.set(caseClass, (offset = other(`crc=${caseClass}|${wordCase}`)))
      return offset
    },
  }
}

/** Per token of a text, the rows of its word, shape and case (looked up once per text, read by both scorers). */
export interface TextRows {
  words: WordRows[]
  shapes: ShapeRows[]
  cases: CaseRows[]
  pad: WordRows
  padShape: ShapeRows
  /** gp=B and gp=I. */
  placeFirst: number
  placeInside: number
  /** Whether the lists have case classes (crc= is read) . */
  caseClasses: boolean
}

export function textRows(
  compiled: CompiledWeights,
  gazetteer: Gazetteer,
  context: FeatureContext,
  wordCases: string[],
): TextRows {
  const rowsOf = lookupsOf(compiled)
  const words = wordsOf(compiled, gazetteer)
  return {
    words: context.lower.map(words),
    shapes: context.shapes.map(rowsOf.shape),
    cases: wordCases.map(rowsOf.wordCase),
    pad: words(PAD),
    padShape: rowsOf.shape(PAD),
    placeFirst: rowsOf.placeFirst,
    placeInside: rowsOf.placeInside,
    caseClasses: gazetteer.caseClasses.size > 0,
  }
}

/** Adds `size` weights of a Float64Array `from` at `at` to `into` at `offset`. */
function addSum(
  into: Float64Array,
  offset: number,
  from: Float64Array,
  at: number,
  size: number,
): void {
  for (let tag = 0; tag < size; tag++)
    into[offset + tag] = (into[offset + tag] as number) + (from[at + tag] as number)
}

/**
 * The scores of every tag from the features of the text around each token (`staticFeatures`, list features
 * included), token-major: `size` scores per token. The same features' weights, found through the word, shape
 * and case rows instead of by their strings.
 */
export function staticScores(
  compiled: CompiledWeights,
  context: FeatureContext,
  gazetteer: Gazetteer,
  wordCases: string[],
  text: TextRows = textRows(compiled, gazetteer, context, wordCases),
): Float64Array {
  const { size, rows, other } = compiled
  const { lower, shapes } = context
  const count = lower.length
  const scores = new Float64Array(count * size)
  const { words, pad, padShape } = text
  const { pairs } = compiled
  for (let index = 0; index < count; index++) {
    const offset = index * size
    const word = lower[index] as string
    const shape = shapes[index] as string
    const own = words[index] as WordRows
    const before = words[index - 1] ?? pad
    const after = words[index + 1] ?? pad
    const shapeHere = text.shapes[index] as ShapeRows
    const shapeBefore = text.shapes[index - 1] ?? padShape
    const shapeAfter = text.shapes[index + 1] ?? padShape
    const wordCase = text.cases[index] as CaseRows
    addRow(scores, offset, rows, compiled.bias, size)
    addSum(scores, offset, own.sums, HERE * size, size)
    addSum(scores, offset, before.sums, AS_BEFORE * size, size)
    addSum(scores, offset, after.sums, AS_AFTER * size, size)
    addRow(scores, offset, rows, shapeHere.shape, size)
    addRow(scores, offset, rows, wordCase.row, size)
    addRow(scores, offset, rows, (words[index - 2] ?? pad).before2, size)
    addRow(scores, offset, rows, (words[index + 2] ?? pad).after2, size)
    addRow(scores, offset, rows, shapeBefore.before, size)
    addRow(scores, offset, rows, shapeAfter.after, size)
    // The kept rows say whether a value holds a '|' (PAD holds none), so no string is searched per token.
    if (shapeBefore.barred || shapeHere.barred || shapeAfter.barred)
      addRow(
        scores,
        offset,
        rows,
        offsetIn(other, `s-1s+1=${shapes[index - 1] ?? PAD}|${shape}|${shapes[index + 1] ?? PAD}`),
        size,
      )
    else {
      const pair = pairs.shapePairs.get(shapeBefore.tripleId, shapeHere.tripleId)
      addRow(scores, offset, rows, pairs.triples.get(pair, shapeAfter.tripleId), size)
    }
    if (own.barred || before.barred)
      addRow(scores, offset, rows, offsetIn(other, `w-1w=${lower[index - 1] ?? PAD}|${word}`), size)
    else addRow(scores, offset, rows, pairs.before.get(before.pairId, own.pairId), size)
    if (own.barred || after.barred)
      addRow(scores, offset, rows, offsetIn(other, `ww+1=${word}|${lower[index + 1] ?? PAD}`), size)
    else addRow(scores, offset, rows, pairs.after.get(own.pairId, after.pairId), size)
    addListRows(scores, offset, compiled, context, text, index)
  }
  return scores
}

/**
 * Adds the rows of a token's list features that the word rows do not hold: the same features as
 * `listFeatures` (cr=, cw= and their neighbours' are in the word sums).
 */
function addListRows(
  scores: Float64Array,
  offset: number,
  compiled: CompiledWeights,
  context: FeatureContext,
  text: TextRows,
  index: number,
): void {
  const { rows, size } = compiled
  const wordCase = text.cases[index] as CaseRows
  const word = text.words[index] as WordRows
  const before = text.words[index - 1] ?? text.pad
  const shape = text.shapes[index] as ShapeRows
  if (context.seenLower[index] === true) addRow(scores, offset, rows, wordCase.seenLower, size)
  if (context.seenCapital[index] === true) addRow(scores, offset, rows, wordCase.seenCapital, size)
  const place = context.placeTags[index]
  if (place === 'B' || place === 'I') {
    const first = place === 'B'
    addRow(scores, offset, rows, first ? text.placeFirst : text.placeInside, size)
    addRow(scores, offset, rows, first ? wordCase.placeFirst : wordCase.placeInside, size)
  }
  if (word.firstName) {
    addRow(scores, offset, rows, wordCase.firstName, size)
    addRow(scores, offset, rows, (text.shapes[index + 1] ?? text.padShape).afterFirstName, size)
  }
  if (before.firstName) addRow(scores, offset, rows, shape.firstNameBefore, size)
  if (word.demonym) addRow(scores, offset, rows, wordCase.demonym, size)
  if (before.role) addRow(scores, offset, rows, shape.roleBefore, size)
  if (word.role) addRow(scores, offset, rows, wordCase.role, size)
  if (word.company) addRow(scores, offset, rows, wordCase.company, size)
  if (word.personName) addRow(scores, offset, rows, wordCase.personName, size)
  if (before.personName) addRow(scores, offset, rows, shape.personNameBefore, size)
  if (text.caseClasses) addRow(scores, offset, rows, wordCase.withClass(word.caseClass), size)
}

/**
 * The scores of the features that read the tag before a token, for Viterbi: `matrix(index)`, a size × size
 * matrix (previous × size + tag), plus, where `extra(index)` is not -1, the size × size block of `blocks` at
 * that offset, added cell by cell as Viterbi reads the allowed cells (53 of 81) rather than summed into a copy
 * first (the copy was over half of Viterbi's time). Viterbi never writes either: a matrix may be shared by
 * many tokens or reused for the next.
 */
export interface TransitionScores {
  matrix: (index: number) => Float64Array
  extra: (index: number) => number
  blocks: Float32Array
}

/**
 * The scores of the features that read the tag before each token (`tagFeatures`): t-1= plus the shape's and
 * case's blocks, summed once per (shape, case) pair and kept (a text has a few dozen pairs), and the word's
 * block as the extra block. Whole-number weights: the order of the additions changes no score.
 */
export function tagScorer(compiled: CompiledWeights, text: TextRows): TransitionScores {
  return {
    matrix: (index) => {
      const shape = text.shapes[index] as ShapeRows
      const wordCase = text.cases[index] as CaseRows
      return shape.withCase.get(wordCase) ?? shapeCaseBlock(compiled, shape, wordCase)
    },
    extra: (index) => (text.words[index] as WordRows).tagWord,
    blocks: compiled.blocks,
  }
}

/** t-1= plus the t-1s= block of a shape and the t-1c= block of a case, kept on the shape's rows. */
function shapeCaseBlock(
  compiled: CompiledWeights,
  shape: ShapeRows,
  wordCase: CaseRows,
): Float64Array {
  const square = compiled.size * compiled.size
  const block = Float64Array.from(compiled.tag1)
  if (shape.tag >= 0) addRow(block, 0, compiled.blocks, shape.tag, square)
  if (wordCase.tag >= 0) addRow(block, 0, compiled.blocks, wordCase.tag, square)
  shape.withCase.set(wordCase, block)
  return block
}
