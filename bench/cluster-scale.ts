/**
 * Online story clustering at scale: 10k, 30k and 100k articles with known stories (bench/story-corpus.ts),
 * clustered in one pass. Reports articles/s, the cost per article, peak memory, and B-cubed F1 against the
 * known stories. Figures only; no assertion.
 */
import { loadavg } from 'node:os'
import { clusterStories } from '../src/stories/placement.js'
import { scoreClustering } from '../eval/clustering-metrics.js'
import { storyCorpus } from './story-corpus.js'

function run(size: number): void {
  const { articles, gold } = storyCorpus(size)
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const stories = clusterStories(articles)
  const seconds = (performance.now() - started) / 1000
  // CPU time beside wall time: on a loaded machine the wall clock says more about the neighbours than the code.
  const cpu = process.cpuUsage(cpuBefore)
  const cpuMicros = (cpu.user + cpu.system) / size
  const storyOf = new Map<string, string>()
  for (const story of stories) for (const id of story.articleIds) storyOf.set(id, story.id)
  const scores = scoreClustering(
    gold,
    articles.map((article) => storyOf.get(article.id) ?? article.id),
  )
  const peak = process.resourceUsage().maxRSS / 1024
  console.log(
    `  ${String(size).padStart(7)} articles ${(size / seconds).toFixed(0).padStart(7)} articles/s ${((seconds * 1e6) / size).toFixed(0).padStart(6)} µs/article (CPU ${cpuMicros.toFixed(0)} µs) ${peak.toFixed(0).padStart(6)} MiB peak   ${stories.length} stories (gold ${new Set(gold).size})  B3 F1 ${scores.b3.f1.toFixed(3)}  (load ${loadavg()[0]?.toFixed(1)})`,
  )
}

console.log('\nOnline story clustering at scale — mutated copies of the dev documents, one pass')
for (const size of (process.env.CLUSTER_SIZES ?? '10000,30000,100000').split(',').map(Number))
  run(size)
