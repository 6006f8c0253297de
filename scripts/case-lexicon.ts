/**
 * The case lexicon of the name model (issue 16, session 17): for each word, how often edited news writes it
 * with a capital where case speaks (mid-sentence, outside headlines), as one of a few classes. A name tagger
 * reads case first; where case says nothing (a headline in capitals, a sentence start, a tweet in lower case)
 * this tells it whether the word is a name elsewhere ("LONDON", "Police", "obama").
 *
 * Counted over unlabelled text only, read at training time and never copied into the repository: the training
 * parts of two dev sets the house rules allow training on — PolNeAR train/ articles and FNC-1 train bodies.
 * Neither ner-train (its held-out folds would leak into cross-validation), CoNLL-2003 nor ECB+ is read.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Gazetteer, featureContext } from '../src/nlp/ner/features.js'
import { tokenize } from '../src/nlp/ner/tokenize.js'
import { DATA_DIR } from '../eval/data.js'

/** A word counted fewer times than this where case speaks is left out (its class would be noise). */
const MIN_COUNT = 3
/**
 * Class limits on the share written capitalised: set a priori (never, rarely, either way, mostly, always),
 * not tuned. Class i holds shares below CLASS_LIMITS[i]; the last class the rest.
 */
const CLASS_LIMITS = [0.05, 0.3, 0.7, 0.95]

/** The unlabelled texts: PolNeAR train articles and FNC-1 train bodies. */
export function unlabelledTexts(root = DATA_DIR): string[] {
  const polnear = join(root, 'quote-attribution-polnear', 'train', 'text')
  const texts = readdirSync(polnear)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(join(polnear, name), 'utf8'))
  for (const line of readFileSync(join(root, 'stance-fnc1', 'train', 'bodies.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean))
    texts.push((JSON.parse(line) as { text: string }).text)
  return texts
}

const NO_LISTS: Gazetteer = {
  firstNames: new Set(),
  places: new Map(),
  demonyms: new Set(),
  roles: new Set(),
  countries: new Set(),
  companyWords: new Set(),
  personNames: new Set(),
  caseClasses: new Map(),
  wordClusters: new Map(),
}

/** Each word's case class (0 never capitalised … 4 always), lower case, from the given texts. */
export function buildCaseLexicon(texts: string[]): Map<string, number> {
  const counts = new Map<string, [number, number]>()
  for (const text of texts) {
    const context = featureContext(tokenize(text), NO_LISTS)
    context.tokens.forEach((token, index) => {
      if (
        context.sentenceStart[index] === true ||
        context.capsSentence[index] === true ||
        context.titleSentence[index] === true ||
        !/^\p{L}/u.test(token.text)
      )
        return
      const word = context.lower[index] as string
      const count = counts.get(word) ?? [0, 0]
      count[/^\p{Lu}/u.test(token.text) ? 1 : 0]++
      counts.set(word, count)
    })
  }
  const classes = new Map<string, number>()
  for (const [word, [lower, capital]] of counts) {
    if (lower + capital < MIN_COUNT) continue
    const share = capital / (lower + capital)
    const index = CLASS_LIMITS.findIndex((limit) => share < limit)
    classes.set(word, index < 0 ? CLASS_LIMITS.length : index)
  }
  return classes
}

/** Words clustered: those seen at least this often in the unlabelled texts. */
const MIN_CLUSTER_COUNT = 10
/** Context words: the most frequent words, each a dimension on the left and on the right. */
const CONTEXT_WORDS = 300
/** Clusters (a priori, as Brown-cluster features are usually cut at a few hundred). */
const CLUSTERS = 128
const KMEANS_ROUNDS = 12

/**
 * Word clusters by distribution (a light stand-in for Brown clusters, Ratinov & Roth 2009): each word is the
 * vector of the frequent words seen just before and just after it (square-root counts, unit length); spherical
 * k-means, seeded deterministically by frequency rank. Words that stand where names stand ("in ___ ,",
 * "___ said") share a cluster, known or not to the tagged data.
 */
export function buildWordClusters(texts: string[]): Map<string, number> {
  const sentences = texts.map((text) => tokenize(text).map((token) => token.text.toLowerCase()))
  const frequency = new Map<string, number>()
  for (const words of sentences)
    for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1)
  const ranked = [...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const contextIndex = new Map(ranked.slice(0, CONTEXT_WORDS).map(([word], index) => [word, index]))
  const clustered = ranked.filter(
    ([word, count]) => count >= MIN_CLUSTER_COUNT && /^\p{L}/u.test(word),
  )
  const rowOf = new Map(clustered.map(([word], index) => [word, index]))
  const dimensions = 2 * (CONTEXT_WORDS + 1)
  const counts = clustered.map(() => new Map<number, number>())
  for (const words of sentences)
    words.forEach((word, index) => {
      const row = rowOf.get(word)
      if (row === undefined) return
      const context = counts[row] as Map<number, number>
      const left =
        index > 0 ? (contextIndex.get(words[index - 1] as string) ?? CONTEXT_WORDS) : CONTEXT_WORDS
      const right =
        index + 1 < words.length
          ? (contextIndex.get(words[index + 1] as string) ?? CONTEXT_WORDS)
          : CONTEXT_WORDS
      context.set(left, (context.get(left) ?? 0) + 1)
      const rightDimension = CONTEXT_WORDS + 1 + right
      context.set(rightDimension, (context.get(rightDimension) ?? 0) + 1)
    })
  const vectors = counts.map((context) => {
    const entries = [...context].map(([dimension, count]) => [dimension, Math.sqrt(count)] as const)
    const norm = Math.sqrt(entries.reduce((sum, [, value]) => sum + value * value, 0)) || 1
    return entries.map(([dimension, value]) => [dimension, value / norm] as const)
  })
  const k = Math.min(CLUSTERS, vectors.length)
  let centroids: Float64Array[] = Array.from({ length: k }, (_, cluster) => {
    const centroid = new Float64Array(dimensions)
    for (const [dimension, value] of vectors[Math.floor((cluster * vectors.length) / k)] ?? [])
      centroid[dimension] = value
    return centroid
  })
  const assigned = new Int32Array(vectors.length)
  for (let round = 0; round < KMEANS_ROUNDS; round++) {
    vectors.forEach((vector, row) => {
      let best = 0
      let bestScore = -Infinity
      centroids.forEach((centroid, cluster) => {
        let score = 0
        for (const [dimension, value] of vector) score += (centroid[dimension] as number) * value
        if (score > bestScore) {
          bestScore = score
          best = cluster
        }
      })
      assigned[row] = best
    })
    const next = centroids.map(() => new Float64Array(dimensions))
    vectors.forEach((vector, row) => {
      const centroid = next[assigned[row] as number] as Float64Array
      for (const [dimension, value] of vector)
        centroid[dimension] = (centroid[dimension] as number) + value
    })
    centroids = next.map((centroid, cluster) => {
      const norm = Math.sqrt(centroid.reduce((sum, value) => sum + value * value, 0))
      return norm === 0
        ? (centroids[cluster] as Float64Array)
        : centroid.map((value) => value / norm)
    })
  }
  return new Map(clustered.map(([word], row) => [word, assigned[row] as number]))
}
