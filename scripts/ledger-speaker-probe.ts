/**
 * Why a speaker model moves the claim ledger's alignment figures (issue 16): eval/ledger-alignment.ts's
 * cross-validation (its first deal), fold by fold — the setting each fold's training groups choose, and the held-out joins it
 * gives — plus every setting's whole-corpus counts and the joined unit pairs of the shipped setting (to
 * `--pairs FILE`, one per line with whether gold calls them one claim), so that two runs with different
 * models/attributions.json.gz can be compared join by join.
 *   nice npx tsx scripts/ledger-speaker-probe.ts [--corpus ECB+|Emergent] [--pairs /tmp/pairs.tsv] [--setting N]
 * (`--setting N`: the pairs of grid setting N instead of the shipped one.)
 */
import { writeFileSync } from 'node:fs'
import { ALIGNMENT, type Alignment } from '../src/corroborate/ledger.js'
import {
  ALIGNMENT_GRID,
  countJoins,
  ecbGroups,
  emergentGroups,
  fHalf,
  precisionOf,
  recallOf,
  sumJoins,
  joinedPairs,
  type JoinCounts,
} from '../eval/ledger-alignment.js'
import { chooseSetting } from '../eval/ledger-selection.js'

const at = (flag: string): string | undefined => {
  const k = process.argv.indexOf(flag)
  return k === -1 ? undefined : process.argv[k + 1]
}
const corpus = at('--corpus') ?? 'ECB+'
const groups = corpus === 'ECB+' ? ecbGroups() : emergentGroups()
const FOLDS = 5

const fmt = (c: JoinCounts): string =>
  `P ${precisionOf(c).toFixed(3)} R ${recallOf(c).toFixed(3)} F0.5 ${fHalf(c).toFixed(3)} (${c.correct}/${c.joined}, gold ${c.gold})`
const same = (a: Alignment, b: Alignment): boolean => JSON.stringify(a) === JSON.stringify(b)

const grid = ALIGNMENT_GRID
const pairsBySetting = grid.map((setting) => groups.map((group) => joinedPairs(group, setting)))
const counts = pairsBySetting.map((list) => list.map((pairs, i) => countJoins(groups[i]!, pairs)))
const shippedIndex = grid.findIndex((setting) => same(setting, ALIGNMENT))
console.log(
  `${corpus}: ${groups.length} groups, ${grid.length} settings; shipped = #${shippedIndex}`,
)
grid.forEach((setting, index) =>
  console.log(`  #${index} ${JSON.stringify(setting)} ${fmt(sumJoins(counts[index]!))}`),
)
const held: JoinCounts[] = []
for (let fold = 0; fold < FOLDS; fold++) {
  const inFold = (i: number): boolean => i % FOLDS === fold
  const train = (index: number): JoinCounts => sumJoins(counts[index]!.filter((_, i) => !inFold(i)))
  // The eval's choice (eval/ledger-selection.ts), with deal 0's seed for this fold.
  const best = chooseSetting(
    counts,
    groups.flatMap((_, i) => (inFold(i) ? [] : [i])),
    fold + 1,
  )
  // The best and the runner-up by training F0.5: how close the argmax was.
  const ranked = grid
    .map((_, index) => ({ index, f: fHalf(train(index)) }))
    .sort((a, b) => b.f - a.f)
  const out = sumJoins(counts[best]!.filter((_, i) => inFold(i)))
  const shippedOut = sumJoins(counts[shippedIndex]!.filter((_, i) => inFold(i)))
  held.push(out)
  const shippedTrain = fHalf(train(shippedIndex))
  console.log(
    `fold ${fold}: picks #${best} (train F0.5 ${fHalf(train(best)).toFixed(4)}; best #${ranked[0]!.index} ${ranked[0]!.f.toFixed(4)}, shipped #${shippedIndex} ${shippedTrain.toFixed(4)}, next #${ranked[1]!.index} ${ranked[1]!.f.toFixed(4)}); held out ${fmt(out)}; shipped setting held out ${fmt(shippedOut)}`,
  )
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)))
console.log(
  `held out: P ${mean(held.map(precisionOf)).toFixed(3)} ± ${sd(held.map(precisionOf)).toFixed(3)}, F0.5 ${mean(held.map(fHalf)).toFixed(3)} ± ${sd(held.map(fHalf)).toFixed(3)}`,
)
const file = at('--pairs')
const dumped = at('--setting') === undefined ? shippedIndex : Number(at('--setting'))
if (file !== undefined)
  writeFileSync(
    file,
    groups
      .flatMap((group, i) =>
        [...pairsBySetting[dumped]![i]!].map(
          (key) => `${group.name}\t${key}\t${group.same.has(key) ? 'gold' : 'wrong'}`,
        ),
      )
      .sort()
      .join('\n') + '\n',
  )
