/**
 * How often a body sentence states every figure its headline states (src/corroborate/stance/figures.ts), on
 * FNC-1 TRAIN's related and unrelated pairs, at several least figures: what FIGURE_MIN is chosen on. The FNC-1
 * test half is evaluation only and is not read here.
 *
 *   nice npx tsx scripts/figure-relatedness.ts
 */
import { figuresOf, statesFigures } from '../src/corroborate/stance/figures.js'
import { splitSentences } from '../src/text/sentences.js'
import { readJsonLines } from '../eval/data.js'

const bodies = new Map(
  readJsonLines<{ bodyId: number; text: string }>('stance-fnc1', 'train', 'bodies.jsonl').map(
    (body) => [body.bodyId, splitSentences(body.text).map((sentence) => sentence.text)],
  ),
)
const pairs = readJsonLines<{ claim: string; bodyId: number; stance: string }>(
  'stance-fnc1',
  'train',
  'stances.jsonl',
)
for (const least of [10, 100, 1_000, 10_000]) {
  const counts = { unrelated: { pairs: 0, stated: 0 }, related: { pairs: 0, stated: 0 } }
  for (const pair of pairs) {
    const figures = [...new Set(figuresOf(pair.claim, least))]
    if (figures.length === 0) continue
    const side = counts[pair.stance === 'unrelated' ? 'unrelated' : 'related']
    side.pairs++
    if ((bodies.get(pair.bodyId) ?? []).some((sentence) => statesFigures(figures, sentence)))
      side.stated++
  }
  console.log(
    `least ${least}: unrelated ${counts.unrelated.stated} of ${counts.unrelated.pairs}, related ${counts.related.stated} of ${counts.related.pairs}`,
  )
}
