/**
 * Near-duplicate detection at scale (npm run bench -- reuse, or directly with tsx): corpora of 10k, 30k and
 * 100k articles built from the dev corpora by controlled mutation, so the true pairs are known.
 * - distinct articles: 8–14 sentences drawn at random from the sentence pool of ECB+ and BASIL
 * - derived articles (a quarter of the corpus), each from an earlier article: an exact copy, a truncated copy
 *   (first 40–70 %), a paragraph rewrite (a fifth of the sentences replaced by others), or a sentence shuffle
 * Reported: articles/s of indexing (shingles, MinHash, LSH insert + query), lookup time, peak memory, and
 * precision/recall of the detected pairs against the known ones. Figures only; no assertion.
 */
import { LshIndex, lshParamsFor } from '../src/reuse/lsh.js'
import { estimateJaccard, minhashSignature, shingleHashes } from '../src/reuse/minhash.js'
import { splitSentences } from '../src/text/sentences.js'
import { words } from '../src/text/tokens.js'
import { devStoryDocuments } from '../eval/clustering.js'

// A pair is a near-duplicate when its estimated resemblance or containment reaches these.
const RESEMBLANCE = 0.5
const CONTAINMENT = 0.7
// Candidates come from LSH tuned lower, so that truncated copies (low resemblance, high containment) are seen.
const CANDIDATE_THRESHOLD = 0.25

const MUTATIONS = ['copy', 'truncation', 'rewrite', 'shuffle']
let state = 12345
const random = (): number => (state = (state * 48271) % 2147483647) / 2147483647
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T

function sentencePool(): string[] {
  const texts = devStoryDocuments().map((row) => row.text)
  return [
    ...new Set(texts.flatMap((text) => splitSentences(text).map((sentence) => sentence.text))),
  ].filter((sentence) => sentence.split(' ').length >= 6)
}

interface Corpus {
  texts: string[]
  /** Direct pairs (source, derived) and the mutation that made them. */
  truth: Map<string, string>
  related: Set<string>
}

function buildCorpus(size: number, pool: string[]): Corpus {
  const texts: string[] = []
  const familyOf: number[] = []
  const direct = new Map<string, string>()
  for (let index = 0; index < size; index++) {
    if (index < 50 || random() >= 0.25) {
      texts.push(Array.from({ length: 8 + Math.floor(random() * 7) }, () => pick(pool)).join(' '))
      familyOf.push(index)
      continue
    }
    const source = Math.floor(random() * index)
    const sentences = splitSentences(texts[source] as string).map((sentence) => sentence.text)
    const mutation = Math.floor(random() * 4)
    let text: string
    if (mutation === 0) text = texts[source] as string
    else if (mutation === 1)
      text = sentences
        .slice(0, Math.max(3, Math.round(sentences.length * (0.4 + random() * 0.3))))
        .join(' ')
    else if (mutation === 2)
      text = sentences.map((sentence) => (random() < 0.2 ? pick(pool) : sentence)).join(' ')
    else text = [...sentences].sort(() => random() - 0.5).join(' ')
    texts.push(text)
    familyOf.push(familyOf[source] as number)
    direct.set(`${source}:${index}`, MUTATIONS[mutation] as string)
  }
  // Related pairs: members of one family (an original and everything derived from it, directly or not) all
  // share text, so finding any of them is right (precision); recall counts the direct source→copy pairs.
  const families = new Map<number, number[]>()
  familyOf.forEach((family, index) =>
    families.set(family, [...(families.get(family) ?? []), index]),
  )
  const related = new Set<string>()
  for (const members of families.values())
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) related.add(`${members[i]}:${members[j]}`)
  return { texts, truth: direct, related }
}

function run(size: number, pool: string[]): void {
  const corpus = buildCorpus(size, pool)
  const index = new LshIndex(lshParamsFor(CANDIDATE_THRESHOLD))
  const signatures: Uint32Array[] = []
  const sizes: number[] = []
  const found = new Set<string>()
  let lookupMs = 0
  const started = performance.now()
  corpus.texts.forEach((text, id) => {
    const shingles = shingleHashes(words(text))
    const signature = minhashSignature(shingles)
    const lookupStart = performance.now()
    const candidates = index.candidates(signature)
    lookupMs += performance.now() - lookupStart
    for (const candidate of candidates) {
      const other = Number(candidate)
      const jaccard = estimateJaccard(signature, signatures[other] as Uint32Array)
      const containment =
        (jaccard * (shingles.size + (sizes[other] as number))) /
        ((1 + jaccard) * Math.min(shingles.size, sizes[other] as number))
      if (jaccard >= RESEMBLANCE || containment >= CONTAINMENT) found.add(`${other}:${id}`)
    }
    index.add(String(id), signature)
    signatures.push(signature)
    sizes.push(shingles.size)
  })
  const seconds = (performance.now() - started) / 1000
  const precision =
    [...found].filter((pair) => corpus.related.has(pair)).length / Math.max(1, found.size)
  const recall =
    [...corpus.truth.keys()].filter((pair) => found.has(pair)).length /
    Math.max(1, corpus.truth.size)
  const byMutation = MUTATIONS.map((mutation) => {
    const pairs = [...corpus.truth].filter(([, kind]) => kind === mutation).map(([pair]) => pair)
    return `${mutation} ${(pairs.filter((pair) => found.has(pair)).length / Math.max(1, pairs.length)).toFixed(2)}`
  }).join(', ')
  const peak = process.resourceUsage().maxRSS / 1024
  console.log(
    `  ${String(size).padStart(7)} articles ${(size / seconds).toFixed(0).padStart(7)} articles/s ${((lookupMs * 1000) / size).toFixed(0).padStart(6)} µs/lookup ${peak.toFixed(0).padStart(6)} MiB peak   pairs P ${precision.toFixed(3)} R ${recall.toFixed(3)} (${corpus.truth.size} true; recall by kind: ${byMutation})`,
  )
}

const sizes = (process.env.REUSE_SIZES ?? '10000,30000,100000').split(',').map(Number)
const pool = sentencePool()
console.log(
  `\nNear-duplicates at scale — MinHash (128) + LSH ${JSON.stringify(lshParamsFor(CANDIDATE_THRESHOLD))}, sentence pool ${pool.length}`,
)
for (const size of sizes) run(size, pool)
