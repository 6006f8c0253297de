/**
 * Two model states' claim-ledger figures under the eval's selection rule, fold by fold (issue 11): the held-out
 * P / F0.5 of each state in each of the CV's folds (eval/ledger-alignment.ts: 5 folds dealt LEDGER_CV_DEALS
 * ways, each fold's setting by chooseSetting), their paired differences, and the shipped setting's whole-corpus
 * joins in both. Reads two count files of scripts/ledger-counts.ts (one per models/ state).
 *   npx tsx scripts/ledger-compare.ts /tmp/shipped.json /tmp/candidate.json
 */
import { readFileSync } from 'node:fs'
import { ALIGNMENT, type Alignment } from '../src/corroborate/ledger.js'
import {
  dealFolds,
  fHalf,
  FOLDS,
  type JoinCounts,
  LEDGER_CV_DEALS,
  precisionOf,
  recallOf,
  sumJoins,
} from '../eval/ledger-alignment.js'
import { chooseSetting } from '../eval/ledger-selection.js'
import { formatMeanSd } from '../eval/site-folds.js'

interface Counts {
  settings: Alignment[]
  [corpus: string]: { groups: string[]; counts: JoinCounts[][] } | Alignment[]
}
const [baseFile, candidateFile] = process.argv.slice(2)
const read = (file: string | undefined): Counts =>
  JSON.parse(readFileSync(file ?? '', 'utf8')) as Counts
const [base, candidate] = [read(baseFile), read(candidateFile)]
const shipped = base.settings.findIndex((s) => JSON.stringify(s) === JSON.stringify(ALIGNMENT))

/** Held-out counts per fold and the fold's pick, under the eval's rule. */
function heldOut(table: JoinCounts[][], groups: string[]): { held: JoinCounts; pick: number }[] {
  const names = groups.map((name) => ({ name }))
  return Array.from({ length: LEDGER_CV_DEALS }, (_, deal) => dealFolds(names, deal)).flatMap(
    (foldOf, deal) =>
      Array.from({ length: FOLDS }, (_, fold) => {
        const train = groups.flatMap((_, i) => (foldOf[i] === fold ? [] : [i]))
        const pick = chooseSetting(table, train, 1000 * deal + fold + 1)
        const test = groups.flatMap((_, i) => (foldOf[i] === fold ? [i] : []))
        return {
          held: sumJoins(test.map((i) => (table[pick] as JoinCounts[])[i] as JoinCounts)),
          pick,
        }
      }),
  )
}

for (const corpus of ['ECB+', 'Emergent']) {
  const [a, b] = [base[corpus], candidate[corpus]] as { groups: string[]; counts: JoinCounts[][] }[]
  if (a === undefined || b === undefined) continue
  const [ha, hb] = [heldOut(a.counts, a.groups), heldOut(b.counts, b.groups)]
  const line = (name: string, h: { held: JoinCounts }[]): string =>
    `  ${name.padEnd(10)} P ${formatMeanSd(h.map((x) => precisionOf(x.held)))}  R ${formatMeanSd(h.map((x) => recallOf(x.held)))}  F0.5 ${formatMeanSd(h.map((x) => fHalf(x.held)))}`
  console.log(`${corpus}\n${line('base', ha)}\n${line('candidate', hb)}`)
  const dP = ha.map(
    (x, i) => precisionOf((hb[i] as { held: JoinCounts }).held) - precisionOf(x.held),
  )
  const dF = ha.map((x, i) => fHalf((hb[i] as { held: JoinCounts }).held) - fHalf(x.held))
  const count = (d: number[]): string =>
    `${d.filter((x) => x > 0).length} up / ${d.filter((x) => x < 0).length} down`
  console.log(
    `  candidate − base per fold: P ${formatMeanSd(dP)} (${count(dP)}), F0.5 ${formatMeanSd(dF)} (${count(dF)})`,
  )
  console.log(
    `  picks differ in ${ha.filter((x, i) => x.pick !== hb[i]?.pick).length} of ${ha.length} folds`,
  )
  for (const [name, t] of [
    ['base', a],
    ['candidate', b],
  ] as const) {
    const c = sumJoins(t.counts[shipped] as JoinCounts[])
    console.log(
      `  shipped #${shipped} whole corpus, ${name}: ${c.correct} / ${c.joined} (P ${precisionOf(c).toFixed(3)}, R ${recallOf(c).toFixed(3)}, F0.5 ${fHalf(c).toFixed(3)})`,
    )
  }
}
