/**
 * The store at scale: 10k, 30k and 100k articles with known stories (bench/story-corpus.ts) ingested into a
 * SQLite file in date order, 1,000 articles per ingest, as a crawler would feed it. Each ingest stores the
 * articles (FTS, LSH bands), places them in stories online and re-analyses the stories they touch. Reports
 * articles/s, the cost per article of the first and of the last ingest (it must not grow with the store),
 * near-duplicate lookup time in the stored LSH index, peak memory, file size and B-cubed F1. Figures only.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { updateStore } from '../src/incremental.js'
import { bandKeys, lshParamsFor } from '../src/reuse/lsh.js'
import { minhashSignature, shingleHashes } from '../src/reuse/minhash.js'
import { canonicalOrder } from '../src/stories/cluster.js'
import { openStore } from '../src/store/index.js'
import { STORED_LSH_THRESHOLD } from '../src/store/sqlite/sqlite-store.js'
import { words } from '../src/text/tokens.js'
import { scoreClustering } from '../eval/clustering-metrics.js'
import { storyCorpus } from './story-corpus.js'

const INGEST = 1000
const LOOKUPS = 200

async function run(size: number): Promise<void> {
  const { articles, gold } = storyCorpus(size)
  const goldOf = new Map(articles.map((article, index) => [article.id, gold[index] as string]))
  const arrival = [...articles].sort(canonicalOrder)
  const directory = mkdtempSync(join(tmpdir(), 'corroborate-bench-'))
  const path = join(directory, 'bench.db')
  const store = await openStore(path)
  const perArticle: number[] = []
  const started = performance.now()
  for (let start = 0; start < arrival.length; start += INGEST) {
    const batch = arrival.slice(start, start + INGEST)
    const before = performance.now()
    await updateStore(store, batch)
    perArticle.push(((performance.now() - before) * 1000) / batch.length)
  }
  const seconds = (performance.now() - started) / 1000
  const params = lshParamsFor(STORED_LSH_THRESHOLD)
  const probes = arrival.filter((_, index) => index % Math.ceil(arrival.length / LOOKUPS) === 0)
  const lookupStarted = performance.now()
  for (const article of probes)
    await store.similarCandidates(
      bandKeys(minhashSignature(shingleHashes(words(article.text))), params),
    )
  const lookup = ((performance.now() - lookupStarted) * 1000) / probes.length
  const storyOf = new Map<string, string>()
  for (const story of await store.listStories())
    for (const id of story.articleIds) storyOf.set(id, story.id)
  await store.close()
  const scores = scoreClustering(
    articles.map((article) => goldOf.get(article.id) as string),
    articles.map((article) => storyOf.get(article.id) ?? article.id),
  )
  const megabytes = statSync(path).size / 2 ** 20
  rmSync(directory, { recursive: true, force: true })
  const peak = process.resourceUsage().maxRSS / 1024
  const micro = (value: number | undefined): string => `${((value ?? 0) / 1000).toFixed(1)} ms`
  console.log(
    `  ${String(size).padStart(7)} articles ${(size / seconds).toFixed(0).padStart(5)} articles/s   per article: first ingest ${micro(perArticle[0])}, last ${micro(perArticle.at(-1))}   lookup ${lookup.toFixed(0)} µs   ${peak.toFixed(0)} MiB peak   ${megabytes.toFixed(0)} MiB file   ${storyOf.size > 0 ? new Set(storyOf.values()).size : 0} stories (gold ${new Set(gold).size})   B3 F1 ${scores.b3.f1.toFixed(3)}`,
  )
}

console.log(`\nStore at scale — SQLite file, ingests of ${INGEST} articles in date order`)
for (const size of (process.env.STORE_SIZES ?? '10000,30000').split(',').map(Number))
  await run(size)
