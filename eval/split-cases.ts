/**
 * The cases the split's limits are placed between (src/stories/split.ts DEFAULT_SPLIT_LIMITS): the cut the split
 * test would make of every story of the ECB+ and BASIL dev sets after the online pass, and of every gold event
 * analysed alone, each with its figures and whether it parts two gold events (B3-F1 gain > 0). Not part of
 * `npm run eval`: run `npx tsx eval/split-cases.ts` when the split test or the online pass changes.
 */
import { DEFAULT_CLUSTER_OPTIONS } from '../src/stories/cluster.js'
import { partsTwoEvents } from '../src/stories/split.js'
import type { Article } from '../src/types.js'
import { type SplitCase, loadCliDatasets, splitCases } from './clustering-cv.js'
import { shippedReference } from '../src/stories/reference.js'

const line = (corpus: string, where: string, entry: SplitCase): string =>
  [
    corpus.padEnd(6),
    where.padEnd(24),
    entry.gain > 0 ? 'parts two events' : 'one event       ',
    `overlap ${entry.candidate.crossSimilarity.toFixed(3)}`,
    `own name ${entry.candidate.ownNameShare.toFixed(3)}`,
    `within ${entry.candidate.withinSimilarity.toFixed(3)}`,
    partsTwoEvents(entry.candidate) ? 'cut' : 'kept',
  ].join('  ')

const rows: { overlap: number; text: string }[] = []
for (const dataset of await loadCliDatasets()) {
  const options = { threshold: DEFAULT_CLUSTER_OPTIONS.threshold, reference: shippedReference() }
  for (const entry of splitCases(dataset.articles, options, dataset.gold))
    rows.push({
      overlap: entry.candidate.crossSimilarity,
      text: line(dataset.name, 'after the online pass', entry),
    })
  const byEvent = new Map<string, Article[]>()
  for (const article of dataset.articles) {
    const event = dataset.gold.get(article.id) ?? ''
    byEvent.set(event, [...(byEvent.get(event) ?? []), article])
  }
  for (const [event, articles] of byEvent) {
    const reference = dataset.referenceWithout(
      new Set([dataset.group.get(articles[0]?.id ?? '') ?? '']),
    )
    for (const entry of splitCases(articles, { ...options, reference }, dataset.gold))
      rows.push({
        overlap: entry.candidate.crossSimilarity,
        text: line(dataset.name, `alone: ${event}`, entry),
      })
  }
}
for (const row of rows.sort((a, b) => a.overlap - b.overlap)) console.log(row.text)
