import { readFileSync } from 'node:fs'
import { endianness } from 'node:os'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { Gazetteer } from './features.js'
import { HISTORY_FEATURES, TAGS, type Weights } from './perceptron.js'
import { type CompiledWeights, compileRows, integerRows } from './scorer.js'

/** The shipped name-recognition model (built by `npm run train:ner`; provenance in models/README.md). */
export const MODEL_FILE = new URL('../../../models/ner-en.json.gz', import.meta.url)

/** Weights are stored as integers: the largest weight maps to this; smaller ones that round to 0 are gone. */
const QUANTUM = 2000

/** A name-recognition model: tagger weights and the name lists its features look words up in. */
export interface NerModel {
  weights: Weights
  /**
   * The weights as the tagger reads them (scorer.ts), when the model was read from a file of whole-number
   * weights: built straight from the file's arrays, and `weights` (a map of one view per feature, which
   * tagging does not need) only built when something asks for it (training and evaluation scripts).
   */
  compiled?: CompiledWeights
  gazetteer: Gazetteer
  provenance: Record<string, string>
  /** Held-out figures measured when the model was built (scripts/ner-cv.ts), printed by `npm run eval`. */
  crossValidation?: NerCrossValidation
}

/** PER/ORG/LOC exact-span F1 over ner-train folds by document (mean and sd over folds). */
export interface NerCrossValidation {
  folds: number
  all: { mean: number; sd: number }
  prose: { mean: number; sd: number }
  tweets: { mean: number; sd: number }
}

interface ModelFile {
  /** /1: the whole file is JSON, weights included; /2: the JSON header, then the weights as binary. */
  format: 'corroborate-ner/1' | 'corroborate-ner/2'
  tags: string[]
  provenance: Record<string, string>
  crossValidation?: NerCrossValidation
  features: string[]
  /** Row-major: TAGS.length integers per feature (format /1 only; /2 stores them after the header). */
  weights?: number[]
  gazetteer: {
    firstNames: string[]
    places: string[]
    demonyms: string[]
    roles: string[]
    /** Added after the first models: absent in older files (then no country is known). */
    countries?: string[]
    /** Added in session 15: absent in older files (then no word is known). */
    companyWords?: string[]
    personNames?: string[]
    /** Added in session 17: words by case class (index = class); absent in older files. */
    caseClasses?: string[][]
    /**
     * Added in session 19: per cluster path, `[path, ...words]` (scripts/word-clusters.ts); absent in older
     * files. (Session 17's flat `wordClusters` trial never shipped: it is no longer read.)
     */
    clusterPaths?: string[][]
  }
}

/**
 * A model file (format /2): gzip of a 4-byte little-endian length, that many bytes of JSON (everything but the
 * weights), then the weights as 16-bit little-endian integers, row-major. Weights are quantised and features
 * whose weights all round to zero dropped. Binary weights because every process and worker thread reads the
 * model: parsing 1.1 million numbers from JSON was about a third of reading it.
 */
export function serializeModel(model: NerModel): Buffer {
  let largest = 0
  for (const row of model.weights.values())
    for (const weight of row) largest = Math.max(largest, Math.abs(weight))
  const scale = largest === 0 ? 1 : QUANTUM / largest
  const features: string[] = []
  const weights: number[] = []
  for (const [feature, row] of [...model.weights].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const quantised = [...row].map((weight) => Math.round(weight * scale))
    if (quantised.every((weight) => weight === 0)) continue
    features.push(feature)
    weights.push(...quantised)
  }
  const file: ModelFile = {
    format: 'corroborate-ner/2',
    tags: TAGS,
    provenance: model.provenance,
    ...(model.crossValidation === undefined ? {} : { crossValidation: model.crossValidation }),
    features,
    gazetteer: {
      firstNames: [...model.gazetteer.firstNames].sort(),
      places: [...model.gazetteer.places.values()]
        .flat()
        .map((words) => words.join(' '))
        .sort(),
      demonyms: [...model.gazetteer.demonyms].sort(),
      roles: [...model.gazetteer.roles].sort(),
      countries: [...model.gazetteer.countries].sort(),
      companyWords: [...model.gazetteer.companyWords].sort(),
      personNames: [...model.gazetteer.personNames].sort(),
      caseClasses: classLists(model.gazetteer.caseClasses),
      clusterPaths: pathLists(model.gazetteer.wordClusters),
    },
  }
  const header = Buffer.from(JSON.stringify(file), 'utf8')
  const bytes = Buffer.alloc(4 + header.length + weights.length * 2)
  bytes.writeUInt32LE(header.length, 0)
  header.copy(bytes, 4)
  weights.forEach((weight, index) => bytes.writeInt16LE(weight, 4 + header.length + index * 2))
  return gzipSync(bytes, { level: 9 })
}

/** Words by class from the lists of classLists. */
function classMap(lists: string[][] | undefined): Map<string, number> {
  return new Map(
    (lists ?? []).flatMap((words, index) => words.map((word) => [word, index] as const)),
  )
}

/** The words of each class (case class, cluster), sorted (index = class). */
function classLists(classes: Map<string, number>): string[][] {
  const lists: string[][] = []
  for (const [word, caseClass] of classes) (lists[caseClass] ??= []).push(word)
  return Array.from(lists, (words) => (words ?? []).sort())
}

/** Word → cluster path from the lists of pathLists. */
function pathMap(lists: string[][] | undefined): Map<string, string> {
  return new Map(
    (lists ?? []).flatMap(([path, ...words]) => words.map((word) => [word, path ?? ''] as const)),
  )
}

/** `[path, ...words]` per cluster path, paths and words sorted. */
function pathLists(paths: Map<string, string>): string[][] {
  const byPath = new Map<string, string[]>()
  for (const [word, path] of paths) {
    const words = byPath.get(path)
    if (words === undefined) byPath.set(path, [word])
    else words.push(word)
  }
  return [...byPath]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, words]) => [path, ...words.sort()])
}

/** Place phrases indexed by first word, longest first (the tagger takes the longest match). */
export function indexPlaces(phrases: Iterable<string>): Map<string, string[][]> {
  const index = new Map<string, string[][]>()
  for (const phrase of phrases) {
    const words = phrase.toLowerCase().split(/\s+/).filter(Boolean)
    if (words.length === 0) continue
    const list = index.get(words[0] as string) ?? []
    list.push(words)
    index.set(words[0] as string, list)
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length)
  return index
}

export function parseModel(bytes: Buffer): NerModel {
  const { file, rows } = readModelFile(gunzipSync(bytes))
  // Format /2 stores 16-bit integers, whole numbers by construction; /1 stores any numbers.
  const integer = file.format === 'corroborate-ner/2' || integerRows(rows)
  const compiled = integer ? compileRows(file.features, rows, TAGS, HISTORY_FEATURES) : undefined
  let weights: Weights | undefined
  const model: NerModel = {
    get weights(): Weights {
      weights ??= weightsOf(file.features, rows)
      return weights
    },
    ...(compiled === undefined ? {} : { compiled }),
    provenance: file.provenance,
    ...(file.crossValidation === undefined ? {} : { crossValidation: file.crossValidation }),
    gazetteer: {
      firstNames: new Set(file.gazetteer.firstNames),
      places: indexPlaces(file.gazetteer.places),
      demonyms: new Set(file.gazetteer.demonyms),
      roles: new Set(file.gazetteer.roles),
      countries: new Set(file.gazetteer.countries ?? []),
      companyWords: new Set(file.gazetteer.companyWords ?? []),
      personNames: new Set(file.gazetteer.personNames ?? []),
      caseClasses: classMap(file.gazetteer.caseClasses),
      wordClusters: pathMap(file.gazetteer.clusterPaths),
    },
  }
  return model
}

/** The header and weights of a model file of format /2, or of the JSON of format /1 (older models). */
function readModelFile(bytes: Buffer): { file: ModelFile; rows: Float32Array } {
  // Format /1 is JSON from its first byte; a /2 file's header opens with '{' at byte 4, after its length, whose
  // first byte may itself be '{' (one length in 256: a fold model of session 24 was misread so).
  const json = bytes[0] === 0x7b && bytes[4] !== 0x7b
  const headerLength = json ? bytes.length : bytes.readUInt32LE(0)
  const file = JSON.parse(
    bytes.toString('utf8', json ? 0 : 4, json ? bytes.length : 4 + headerLength),
  ) as ModelFile
  const expected = json ? 'corroborate-ner/1' : 'corroborate-ner/2'
  if (file.format !== expected || file.tags.join() !== TAGS.join())
    throw new Error(
      `Cannot read the name model: unexpected format ${file.format}, expected ${expected} with tags ${TAGS.join()}; rebuild it with \`npm run train:ner\``,
    )
  const count = file.features.length * TAGS.length
  if (json) return { file, rows: Float32Array.from(file.weights ?? []) }
  const at = 4 + headerLength
  if (bytes.length !== at + count * 2)
    throw new Error(
      `Cannot read the name model: ${bytes.length - at} bytes of weights, expected ${count * 2}; the file is damaged`,
    )
  return { file, rows: littleEndianRows(bytes.subarray(at), count) }
}

/**
 * `count` 16-bit little-endian integers as 32-bit floats. Copied into an Int16Array whole and widened in one
 * call where the machine is little-endian (all that Node runs on in practice): a `readInt16LE` per weight took
 * 20-40 ms of each thread's start over the 1.2 million weights, the copy about 5.
 */
function littleEndianRows(bytes: Buffer, count: number): Float32Array {
  if (endianness() === 'LE') {
    const integers = new Int16Array(count)
    new Uint8Array(integers.buffer).set(bytes.subarray(0, count * 2))
    return Float32Array.from(integers)
  }
  const rows = new Float32Array(count)
  for (let index = 0; index < count; index++) rows[index] = bytes.readInt16LE(index * 2)
  return rows
}

/** Feature → its row (a view of `rows`), TAGS.length weights per feature in the features' order. */
function weightsOf(features: readonly string[], rows: Float32Array): Weights {
  const weights: Weights = new Map()
  const size = TAGS.length
  features.forEach((feature, index) =>
    weights.set(feature, rows.subarray(index * size, (index + 1) * size)),
  )
  return weights
}

/** What the tagger reads of a model: its compiled tables when it has them, else its weight map. */
export function taggerWeights(model: NerModel): Weights | CompiledWeights {
  return model.compiled ?? model.weights
}

let shipped: NerModel | null = null

/** The shipped model, read once per process. */
export function defaultModel(): NerModel {
  shipped ??= parseModel(readFileSync(MODEL_FILE))
  return shipped
}
