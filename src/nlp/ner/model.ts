import { readFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { Gazetteer } from './features.js'
import { TAGS, type Weights } from './perceptron.js'

/** The shipped name-recognition model (built by `npm run train:ner`; provenance in models/README.md). */
export const MODEL_FILE = new URL('../../../models/ner-en.json.gz', import.meta.url)

/** Weights are stored as integers: the largest weight maps to this; smaller ones that round to 0 are gone. */
const QUANTUM = 2000

/** A name-recognition model: tagger weights and the name lists its features look words up in. */
export interface NerModel {
  weights: Weights
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
  format: 'corroborate-ner/1'
  tags: string[]
  provenance: Record<string, string>
  crossValidation?: NerCrossValidation
  features: string[]
  /** Row-major: TAGS.length integers per feature. */
  weights: number[]
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
    /** Words by distributional cluster (index = cluster); absent in older files. */
    wordClusters?: string[][]
  }
}

/** The gzipped JSON of a model, weights quantised and features whose weights all round to zero dropped. */
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
    format: 'corroborate-ner/1',
    tags: TAGS,
    provenance: model.provenance,
    ...(model.crossValidation === undefined ? {} : { crossValidation: model.crossValidation }),
    features,
    weights,
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
      wordClusters: classLists(model.gazetteer.wordClusters),
    },
  }
  return gzipSync(JSON.stringify(file), { level: 9 })
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
  const file = JSON.parse(gunzipSync(bytes).toString('utf8')) as ModelFile
  if (file.format !== 'corroborate-ner/1' || file.tags.join() !== TAGS.join())
    throw new Error(
      `Cannot read the name model: unexpected format ${file.format}, expected corroborate-ner/1 with tags ${TAGS.join()}; rebuild it with \`npm run train:ner\``,
    )
  const weights: Weights = new Map()
  const size = TAGS.length
  const all = Float32Array.from(file.weights)
  file.features.forEach((feature, index) =>
    weights.set(feature, all.subarray(index * size, (index + 1) * size)),
  )
  return {
    weights,
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
      wordClusters: classMap(file.gazetteer.wordClusters),
    },
  }
}

let shipped: NerModel | null = null

/** The shipped model, read once per process. */
export function defaultModel(): NerModel {
  shipped ??= parseModel(readFileSync(MODEL_FILE))
  return shipped
}
