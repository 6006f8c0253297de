/**
 * Hierarchical word clusters for the name model (issue 16, session 19): `npx tsx scripts/word-clusters.ts`
 * writes models/word-clusters.tsv.gz, which `npm run train:ner` reads into the model's lists.
 *
 * Brown clusters (Brown et al. 1992) are the feature that carries a name tagger out of its training domain
 * (Ratinov & Roth 2009: bit-string prefixes of a word's path in the cluster tree). This builds the same kind of
 * tree in a way that runs in seconds here: each word is its vector of positive pointwise mutual information
 * with the frequent words two to the left and two to the right of it (context counts smoothed by the power
 * 0.75, Levy, Goldberg & Dagan 2015), reduced to 100 dimensions by a randomised SVD (Halko et al. 2011), and
 * the rows are split in two again and again (on the first principal direction, then a few rounds of spherical
 * 2-means), each split adding a bit to the path of the words below it. Every constant below was set a priori,
 * not tuned; the random projection has a fixed seed, so the file is rebuilt byte for byte from the same texts.
 *
 * Counted over unlabelled text only, read at build time and never copied into the repository: the training
 * parts of the dev sets the house rules allow training on — PolNeAR train/ articles, FNC-1 train bodies — and
 * the words of ner-train (its texts only; not its labels). Not read: CoNLL-2003, the FNC-1 test half, PolNeAR
 * dev, ECB+, Emergent (all evaluation).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { tokenize } from '../src/nlp/ner/tokenize.js'
import { unlabelledTexts } from './case-lexicon.js'
import { readNerTrain } from './ner-corpora.js'
import { random } from './perceptron-trainer.js'

export const CLUSTER_FILE = new URL('../models/word-clusters.tsv.gz', import.meta.url)

/** Words clustered: those seen at least this often. */
const MIN_COUNT = 5
/** Context words: the most frequent tokens (punctuation included), each a dimension per position. */
const CONTEXT_WORDS = 1000
/** Context positions, relative to the word. */
const POSITIONS = [-2, -1, 1, 2]
/** Smoothing of the context distribution in PMI (Levy et al. 2015). */
const CONTEXT_POWER = 0.75
/** Dimensions kept by the SVD, extra columns of the random projection, power iterations. */
const DIMENSIONS = 100
const OVERSAMPLE = 20
const POWER_ROUNDS = 4
/** Depth of the tree (paths up to this many bits), smallest node split, 2-means rounds per split. */
const MAX_DEPTH = 14
const MIN_SPLIT = 6
const SPLIT_ROUNDS = 6
const SEED = 19

const BOUNDARY = '<s>'

/** A sentence of lower-case tokens per list. */
export function clusterSentences(withNerTrain = true): string[][] {
  const sentences: string[][] = []
  for (const text of unlabelledTexts()) {
    let current: string[] = []
    let index = -1
    for (const token of tokenize(text)) {
      if (token.sentence !== index && current.length > 0) {
        sentences.push(current)
        current = []
      }
      index = token.sentence
      current.push(token.text.toLowerCase())
    }
    if (current.length > 0) sentences.push(current)
  }
  if (!withNerTrain) return sentences
  for (const { text } of readNerTrain(new Set())) {
    let current: string[] = []
    text.tokens.forEach((token, index) => {
      if (index > 0 && token.sentence !== text.tokens[index - 1]?.sentence) {
        sentences.push(current)
        current = []
      }
      current.push(token.text.toLowerCase())
    })
    if (current.length > 0) sentences.push(current)
  }
  return sentences
}

/** A sparse matrix by rows: column indices and values. */
interface SparseRows {
  columns: Int32Array[]
  values: Float64Array[]
  width: number
}

/** The PPMI matrix of the clustered words (rows, most frequent first) by their context dimensions. */
export function ppmiRows(sentences: string[][]): { words: string[]; matrix: SparseRows } {
  const frequency = new Map<string, number>()
  for (const words of sentences)
    for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1)
  const ranked = [...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const contextIndex = new Map(ranked.slice(0, CONTEXT_WORDS).map(([word], index) => [word, index]))
  contextIndex.set(BOUNDARY, CONTEXT_WORDS)
  const span = CONTEXT_WORDS + 2 // the frequent words, the sentence boundary, any other word
  const words = ranked
    .filter(([word, count]) => count >= MIN_COUNT && /^\p{L}/u.test(word))
    .map(([word]) => word)
  const rowOf = new Map(words.map((word, index) => [word, index]))
  const counts = words.map(() => new Map<number, number>())
  for (const sentence of sentences)
    sentence.forEach((word, index) => {
      const row = rowOf.get(word)
      if (row === undefined) return
      const context = counts[row] as Map<number, number>
      POSITIONS.forEach((offset, position) => {
        const other = sentence[index + offset] ?? BOUNDARY
        const column = position * span + (contextIndex.get(other) ?? span - 1)
        context.set(column, (context.get(column) ?? 0) + 1)
      })
    })
  const width = POSITIONS.length * span
  const columnTotals = new Float64Array(width)
  let total = 0
  for (const context of counts)
    for (const [column, count] of context) {
      columnTotals[column] = (columnTotals[column] as number) + count
      total += count
    }
  const smoothed = columnTotals.map((count) => count ** CONTEXT_POWER)
  const smoothedTotal = smoothed.reduce((sum, value) => sum + value, 0)
  const columns: Int32Array[] = []
  const values: Float64Array[] = []
  for (const context of counts) {
    const rowTotal = [...context.values()].reduce((sum, count) => sum + count, 0)
    const entries = [...context]
      .map(([column, count]) => {
        const pmi = Math.log(
          count / total / ((rowTotal / total) * ((smoothed[column] as number) / smoothedTotal)),
        )
        return [column, pmi] as const
      })
      .filter(([, pmi]) => pmi > 0)
      .sort((a, b) => a[0] - b[0])
    columns.push(Int32Array.from(entries.map(([column]) => column)))
    values.push(Float64Array.from(entries.map(([, pmi]) => pmi)))
  }
  return { words, matrix: { columns, values, width } }
}

/** Columns of a dense matrix (each a Float64Array of the same length) made orthonormal in place. */
function orthonormalise(columns: Float64Array[]): void {
  columns.forEach((column, index) => {
    for (let pass = 0; pass < 2; pass++)
      for (let other = 0; other < index; other++) {
        const basis = columns[other] as Float64Array
        let dot = 0
        for (let i = 0; i < column.length; i++) dot += (column[i] as number) * (basis[i] as number)
        for (let i = 0; i < column.length; i++)
          column[i] = (column[i] as number) - dot * (basis[i] as number)
      }
    let norm = 0
    for (const value of column) norm += value * value
    norm = Math.sqrt(norm) || 1
    for (let i = 0; i < column.length; i++) column[i] = (column[i] as number) / norm
  })
}

/** A · X (X as columns of length width) → columns of length rows. */
function times(matrix: SparseRows, columns: Float64Array[]): Float64Array[] {
  return columns.map((x) =>
    Float64Array.from(matrix.columns, (indices, row) => {
      const values = matrix.values[row] as Float64Array
      let sum = 0
      for (let i = 0; i < indices.length; i++)
        sum += (values[i] as number) * (x[indices[i] as number] as number)
      return sum
    }),
  )
}

/** Aᵀ · Y (Y as columns of length rows) → columns of length width. */
function timesTransposed(matrix: SparseRows, columns: Float64Array[]): Float64Array[] {
  return columns.map((y) => {
    const out = new Float64Array(matrix.width)
    matrix.columns.forEach((indices, row) => {
      const values = matrix.values[row] as Float64Array
      const weight = y[row] as number
      for (let i = 0; i < indices.length; i++)
        out[indices[i] as number] =
          (out[indices[i] as number] as number) + weight * (values[i] as number)
    })
    return out
  })
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi): eigenvalues and eigenvectors (columns). */
function symmetricEigen(input: number[][]): { values: number[]; vectors: number[][] } {
  const n = input.length
  const a = input.map((row) => [...row])
  const v = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  )
  const at = (m: number[][], i: number, j: number): number => (m[i] as number[])[j] as number
  const set = (m: number[][], i: number, j: number, value: number): void => {
    ;(m[i] as number[])[j] = value
  }
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += at(a, p, q) ** 2
    if (off < 1e-18) break
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = at(a, p, q)
        if (Math.abs(apq) < 1e-30) continue
        const theta = (at(a, q, q) - at(a, p, p)) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = at(a, k, p)
          const akq = at(a, k, q)
          set(a, k, p, c * akp - s * akq)
          set(a, k, q, s * akp + c * akq)
        }
        for (let k = 0; k < n; k++) {
          const apk = at(a, p, k)
          const aqk = at(a, q, k)
          set(a, p, k, c * apk - s * aqk)
          set(a, q, k, s * apk + c * aqk)
        }
        for (let k = 0; k < n; k++) {
          const vkp = at(v, k, p)
          const vkq = at(v, k, q)
          set(v, k, p, c * vkp - s * vkq)
          set(v, k, q, s * vkp + c * vkq)
        }
      }
  }
  return { values: a.map((row, i) => row[i] as number), vectors: v }
}

/** Rows of U·√S of a randomised truncated SVD of the matrix, unit length. */
export function embed(matrix: SparseRows): Float64Array[] {
  const uniform = random(SEED)
  const next = (): number => uniform() * 2 - 1
  const size = DIMENSIONS + OVERSAMPLE
  const omega = Array.from({ length: size }, () =>
    Float64Array.from({ length: matrix.width }, next),
  )
  let q = times(matrix, omega)
  orthonormalise(q)
  for (let round = 0; round < POWER_ROUNDS; round++) {
    const z = timesTransposed(matrix, q)
    orthonormalise(z)
    q = times(matrix, z)
    orthonormalise(q)
  }
  // B = Qᵀ A; its left singular vectors from the eigenvectors of B Bᵀ.
  const b = timesTransposed(matrix, q)
  const gram = b.map((x) =>
    b.map((y) => x.reduce((sum, value, index) => sum + value * (y[index] as number), 0)),
  )
  const { values, vectors } = symmetricEigen(gram)
  const order = values
    .map((value, index) => [value, index] as const)
    .sort((x, y) => y[0] - x[0])
    .slice(0, DIMENSIONS)
  const rows = matrix.columns.map(() => new Float64Array(DIMENSIONS))
  order.forEach(([value, index], dimension) => {
    const scale = Math.sqrt(Math.sqrt(Math.max(value, 0)))
    for (let row = 0; row < rows.length; row++) {
      let sum = 0
      for (let k = 0; k < size; k++)
        sum += ((q[k] as Float64Array)[row] as number) * ((vectors[k] as number[])[index] as number)
      ;(rows[row] as Float64Array)[dimension] = sum * scale
    }
  })
  for (const row of rows) {
    const norm = Math.sqrt(row.reduce((sum, value) => sum + value * value, 0)) || 1
    for (let i = 0; i < row.length; i++) row[i] = (row[i] as number) / norm
  }
  return rows
}

const dot = (x: Float64Array, y: Float64Array): number => {
  let sum = 0
  for (let i = 0; i < x.length; i++) sum += (x[i] as number) * (y[i] as number)
  return sum
}

/** Splits the members in two: by the side of the first principal direction, refined by spherical 2-means. */
function split(rows: Float64Array[], members: number[]): [number[], number[]] {
  const width = (rows[0] as Float64Array).length
  const mean = new Float64Array(width)
  for (const member of members)
    (rows[member] as Float64Array).forEach(
      (value, i) => (mean[i] = (mean[i] as number) + value / members.length),
    )
  let direction = new Float64Array(width).fill(1 / Math.sqrt(width))
  for (let round = 0; round < 12; round++) {
    const next = new Float64Array(width)
    for (const member of members) {
      const row = rows[member] as Float64Array
      let projection = 0
      for (let i = 0; i < width; i++)
        projection += ((row[i] as number) - (mean[i] as number)) * (direction[i] as number)
      for (let i = 0; i < width; i++)
        next[i] = (next[i] as number) + projection * ((row[i] as number) - (mean[i] as number))
    }
    const norm = Math.sqrt(next.reduce((sum, value) => sum + value * value, 0)) || 1
    direction = next.map((value) => value / norm)
  }
  let side = members.map(
    (member) => dot(rows[member] as Float64Array, direction) > dot(mean, direction),
  )
  for (let round = 0; round < SPLIT_ROUNDS; round++) {
    const centroids = [new Float64Array(width), new Float64Array(width)]
    members.forEach((member, index) => {
      const centroid = centroids[side[index] ? 1 : 0] as Float64Array
      ;(rows[member] as Float64Array).forEach(
        (value, i) => (centroid[i] = (centroid[i] as number) + value),
      )
    })
    if (centroids.some((centroid) => centroid.every((value) => value === 0))) break
    side = members.map((member) => {
      const row = rows[member] as Float64Array
      return (
        dot(row, centroids[1] as Float64Array) /
          Math.sqrt(dot(centroids[1] as Float64Array, centroids[1] as Float64Array)) >
        dot(row, centroids[0] as Float64Array) /
          Math.sqrt(dot(centroids[0] as Float64Array, centroids[0] as Float64Array))
      )
    })
  }
  const left = members.filter((_, index) => !side[index])
  const right = members.filter((_, index) => side[index])
  return left.length === 0 || right.length === 0 ? [members, []] : [left, right]
}

/** Each row's path in the tree of splits, as bits ('0' first child, '1' second). */
export function clusterPaths(rows: Float64Array[]): string[] {
  const paths = rows.map(() => '')
  const grow = (members: number[], path: string): void => {
    for (const member of members) paths[member] = path
    if (path.length >= MAX_DEPTH || members.length < MIN_SPLIT) return
    const [left, right] = split(rows, members)
    if (right.length === 0) return
    // The child holding the lower row (the more frequent word) is '0', so paths do not depend on float ties.
    const [first, second] =
      (left[0] as number) < (right[0] as number) ? [left, right] : [right, left]
    grow(first, `${path}0`)
    grow(second, `${path}1`)
  }
  grow(
    rows.map((_, index) => index),
    '',
  )
  return paths
}

/** The file: one line per path, `path<TAB>word word …` (words most frequent first), paths sorted. */
export function clusterFile(words: string[], paths: string[]): string {
  const byPath = new Map<string, string[]>()
  words.forEach((word, index) => {
    const path = paths[index] as string
    const members = byPath.get(path)
    if (members === undefined) byPath.set(path, [word])
    else members.push(word)
  })
  return [...byPath]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, members]) => `${path}\t${members.join(' ')}\n`)
    .join('')
}

/** Word → path from a cluster file (empty when the file is missing: then no cluster feature fires). */
export function readClusterFile(file: URL | string = CLUSTER_FILE): Map<string, string> {
  const paths = new Map<string, string>()
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    const [path, words] = line.split('\t')
    if (path === undefined || words === undefined) continue
    for (const word of words.split(' ')) paths.set(word, path)
  }
  return paths
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now()
  // NER_CLUSTERS_NER_TRAIN=0 leaves ner-train's words out (to measure what they add to its own CV).
  const sentences = clusterSentences(process.env.NER_CLUSTERS_NER_TRAIN !== '0')
  const { words, matrix } = ppmiRows(sentences)
  console.error(
    `${sentences.length} sentences, ${sentences.reduce((sum, s) => sum + s.length, 0)} tokens, ${words.length} words`,
  )
  const rows = embed(matrix)
  const paths = clusterPaths(rows)
  const text = clusterFile(words, paths)
  const out = process.env.NER_CLUSTERS_OUT ?? CLUSTER_FILE.pathname
  writeFileSync(out, gzipSync(Buffer.from(text, 'utf8'), { level: 9 }))
  console.error(
    `wrote ${out}: ${text.split('\n').length - 1} leaves in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}
