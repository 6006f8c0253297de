/**
 * Where a story report's CPU goes, by part and by story size: the scale corpus (BENCH_ARTICLES, default 5000)
 * clustered in one pass, then each story reported with the parts of `reportStory` / `buildStoryReport`
 * timed one by one (CPU, process.cpuUsage). Figures only.
 */
import { loadavg } from 'node:os'
import { withAnnotations } from '../src/nlp/annotate.js'
import { placeBatch } from '../src/stories/placement.js'
import { clusterOf } from '../src/stories/cluster.js'
import { pinStoryDates } from '../src/corroborate/story-dates.js'
import { resolveStoryEntities, withStoryEntityIds } from '../src/corroborate/story-entities.js'
import { findReuseLinks, independentGroups } from '../src/reuse/links.js'
import { findConflicts } from '../src/corroborate/conflicts.js'
import { buildLedger } from '../src/corroborate/ledger.js'
import { buildStoryReport } from '../src/corroborate/report.js'
import { storyCorpus } from './story-corpus.js'

const SIZE = Number(process.env.BENCH_ARTICLES ?? 5000)
const cpu = (): number => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1e6
}
const totals = new Map<string, number>()
function timed<T>(name: string, run: () => T): T {
  const before = cpu()
  const result = run()
  totals.set(name, (totals.get(name) ?? 0) + cpu() - before)
  return result
}
const started = cpu()
const articles = storyCorpus(SIZE).articles.map(withAnnotations)
const annotated = cpu() - started
const { stories } = timed('place', () => placeBatch(articles))
const bySize: { size: number; seconds: number }[] = []
for (const story of stories) {
  const before = cpu()
  const cluster = clusterOf(story.state)
  const entities = timed('entities', () => resolveStoryEntities(story.members))
  const members = timed('dates+ids', () =>
    pinStoryDates(story.members).map((member) => withStoryEntityIds(member, entities)),
  )
  const links = timed('reuse', () => findReuseLinks(members))
  const groups = independentGroups(
    members.map((m) => m.id),
    links,
  )
  const sourceOf = (id: string): string => groups.get(id) ?? id
  const conflicts = timed('conflicts', () => findConflicts(members, sourceOf))
  timed('ledger', () => buildLedger(members, sourceOf, conflicts))
  timed('whole report', () => buildStoryReport(cluster, members, links, entities))
  bySize.push({ size: story.members.length, seconds: cpu() - before })
}
console.log(
  `${SIZE} articles, annotated in ${annotated.toFixed(1)} s CPU, ${stories.length} stories; load ${loadavg()[0]?.toFixed(1)}`,
)
for (const [name, seconds] of totals) console.log(`  ${name.padEnd(14)} ${seconds.toFixed(1)} s`)
bySize.sort((a, b) => b.size - a.size)
const sumSq = bySize.reduce((sum, story) => sum + story.size ** 2, 0)
console.log(
  `  Σ members² ${sumSq}; largest: ${bySize
    .slice(0, 8)
    .map((s) => `${s.size}:${s.seconds.toFixed(2)}s`)
    .join(' ')}`,
)
