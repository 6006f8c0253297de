/**
 * How the claim ledger's CV chooses its setting, and what other selection rules would give (issue 11, session 25).
 * Reads the per-group join counts of every grid setting (scripts/ledger-counts.ts) and, for each corpus and each
 * of the CV's held-out folds (eval/ledger-alignment.ts: 5 folds dealt LEDGER_CV_DEALS ways):
 * - how many settings lie within noise of the best training F0.5 (paired bootstrap over training groups);
 * - each rule's pick, its held-out P / R / F0.5, and how often the rule picks the same setting on bootstrap
 *   resamples of the training groups (stability);
 * - the setting each rule picks on the whole corpus (what the product would ship).
 *   nice npx tsx scripts/ledger-selection-study.ts /tmp/ledger-counts.json [--boot 200] [--stab 40]
 */
import { readFileSync } from 'node:fs'
import type { Alignment } from '../src/corroborate/ledger.js'
import { ALIGNMENT } from '../src/corroborate/ledger.js'
import {
  dealFolds,
  fHalf,
  FOLDS,
  LEDGER_CV_DEALS,
  precisionOf,
  recallOf,
  sumJoins,
  type JoinCounts,
} from '../eval/ledger-alignment.js'
import { chooseSetting } from '../eval/ledger-selection.js'
import { random } from './perceptron-trainer.js'
import { meanSd } from '../eval/site-folds.js'

const at = (flag: string): string | undefined => {
  const k = process.argv.indexOf(flag)
  return k === -1 ? undefined : process.argv[k + 1]
}
const file = process.argv[2] ?? '/tmp/ledger-counts.json'
const BOOT = Number(at('--boot') ?? 200)
const STAB = Number(at('--stab') ?? 40)
const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
  settings: Alignment[]
}
const settings = data.settings
const shippedIndex = settings.findIndex((s) => JSON.stringify(s) === JSON.stringify(ALIGNMENT))

/** counts[setting][group] restricted to some groups (indices, repeats allowed). */
type Table = JoinCounts[][]
const pooled = (table: Table, groups: number[]): JoinCounts[] =>
  table.map((row) => sumJoins(groups.map((g) => row[g] as JoinCounts)))
const argmax = (values: number[]): number =>
  values.reduce((best, value, i) => (value > (values[best] as number) ? i : best), 0)

/** Bootstrap replicates of the training groups, the same for every setting (paired). */
function replicates(groups: number[], n: number, seed: number): number[][] {
  const next = random(seed)
  return Array.from({ length: n }, () =>
    groups.map(() => groups[Math.floor(next() * groups.length)] as number),
  )
}

interface Context {
  table: Table
  train: number[]
  seed: number
}
type Rule = (context: Context) => number

const fOf = (table: Table, groups: number[]): number[] => pooled(table, groups).map(fHalf)

/** Settings within noise of the best: the best's bootstrap F0.5 minus theirs is at most one sd of that difference. */
function withinNoise(context: Context, mode: 'paired' | 'best'): number[] {
  const f = fOf(context.table, context.train)
  const best = argmax(f)
  const boot = replicates(context.train, BOOT, context.seed).map((r) => fOf(context.table, r))
  const bestSd = meanSd(boot.map((b) => b[best] as number)).sd
  return f
    .map((value, s) => {
      const gap = (f[best] as number) - value
      if (mode === 'best') return gap <= bestSd ? s : -1
      const sd = meanSd(boot.map((b) => (b[best] as number) - (b[s] as number))).sd
      return gap <= sd ? s : -1
    })
    .filter((s) => s >= 0)
}

/** Among candidate settings, the one with the highest pooled training precision (fewest joins on ties). */
function mostPrecise(context: Context, candidates: number[]): number {
  const counts = pooled(context.table, context.train)
  return candidates.reduce((best, s) => {
    const [a, b] = [counts[s] as JoinCounts, counts[best] as JoinCounts]
    const [pa, pb] = [precisionOf(a), precisionOf(b)]
    return pa > pb || (pa === pb && a.joined < b.joined) ? s : best
  })
}

/** The classic one-standard-error rule over inner folds of the training groups. */
function innerOneSe(context: Context): number[] {
  const folds = Array.from({ length: FOLDS }, (_, k) =>
    context.train.filter((_, i) => i % FOLDS === k),
  )
  const perFold = folds.map((groups) => fOf(context.table, groups))
  const stats = settings.map((_, s) => meanSd(perFold.map((f) => f[s] as number)))
  const best = argmax(stats.map((x) => x.mean))
  const bar =
    (stats[best] as { mean: number; sd: number }).mean - (stats[best]?.sd ?? 0) / Math.sqrt(FOLDS)
  return stats.map((x, s) => (x.mean >= bar ? s : -1)).filter((s) => s >= 0)
}

function meanRank(context: Context): number {
  const total = settings.map(() => 0)
  for (const r of replicates(context.train, BOOT, context.seed)) {
    const f = fOf(context.table, r)
    f.forEach((value, s) => {
      const above = f.filter((other) => other > value).length
      const tied = f.filter((other) => other === value).length
      total[s] = (total[s] as number) + above + (tied + 1) / 2
    })
  }
  return total.reduce((best, value, s) => (value < (total[best] as number) ? s : best), 0)
}

function bagMode(context: Context): number {
  const wins = settings.map(() => 0)
  for (const r of replicates(context.train, BOOT, context.seed)) {
    const s = argmax(fOf(context.table, r))
    wins[s] = (wins[s] as number) + 1
  }
  return argmax(wins)
}

/** Among candidates, a more precise one than the best by F0.5 only when its precision is higher beyond noise. */
function preciseBeyondNoise(context: Context, candidates: number[]): number {
  const f = fOf(context.table, context.train)
  const best = argmax(f)
  const counts = pooled(context.table, context.train)
  const boot = replicates(context.train, BOOT, context.seed).map((r) =>
    pooled(context.table, r).map(precisionOf),
  )
  let pick = best
  for (const s of candidates) {
    const gain = precisionOf(counts[s] as JoinCounts) - precisionOf(counts[pick] as JoinCounts)
    const sd = meanSd(boot.map((b) => (b[s] as number) - (b[pick] as number))).sd
    if (gain > sd) pick = s
  }
  return pick
}

/** Among candidates, the one with the fewest joins (the most conservative ledger). */
function fewestJoins(context: Context, candidates: number[]): number {
  const counts = pooled(context.table, context.train)
  return candidates.reduce((best, s) =>
    (counts[s] as JoinCounts).joined < (counts[best] as JoinCounts).joined ? s : best,
  )
}

const RULES: [string, Rule][] = [
  ['argmax F0.5 (current)', (c) => argmax(fOf(c.table, c.train))],
  ['1-sd paired, most precise', (c) => mostPrecise(c, withinNoise(c, 'paired'))],
  ['(shipped: chooseSetting)', (c) => chooseSetting(c.table, c.train, c.seed, BOOT)],
  ['1-sd paired, precise by >1 sd', (c) => preciseBeyondNoise(c, withinNoise(c, 'paired'))],
  ['1-sd paired, fewest joins', (c) => fewestJoins(c, withinNoise(c, 'paired'))],
  ['1-sd of best, most precise', (c) => mostPrecise(c, withinNoise(c, 'best'))],
  ['inner-CV 1-SE, most precise', (c) => mostPrecise(c, innerOneSe(c))],
  ['bootstrap mean rank', meanRank],
  ['bootstrap most often best', bagMode],
  [`fixed shipped #${shippedIndex}`, () => shippedIndex],
]

const fmt = (values: number[]): string => {
  const { mean, sd } = meanSd(values)
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)}`
}

for (const corpus of ['ECB+', 'Emergent']) {
  const part = data[corpus] as { groups: string[]; counts: Table } | undefined
  if (part === undefined) continue
  const table = part.counts
  const names = part.groups.map((name) => ({ name }))
  const all = names.map((_, i) => i)
  console.log(
    `\n== ${corpus}: ${names.length} groups, ${settings.length} settings, shipped #${shippedIndex}`,
  )
  pooled(table, all).forEach((c, s) =>
    console.log(
      `  #${s} P ${precisionOf(c).toFixed(3)} R ${recallOf(c).toFixed(3)} F0.5 ${fHalf(c).toFixed(4)} joins ${c.joined}  ${JSON.stringify(settings[s])}`,
    ),
  )
  const folds = Array.from({ length: LEDGER_CV_DEALS }, (_, deal) =>
    dealFolds(names, deal),
  ).flatMap((foldOf, deal) => Array.from({ length: FOLDS }, (_, fold) => ({ deal, fold, foldOf })))
  const held = RULES.map(() => [] as JoinCounts[])
  const picks = RULES.map(() => [] as number[])
  const stable = RULES.map(() => [] as number[])
  const noise: string[] = []
  folds.forEach(({ deal, fold, foldOf }, n) => {
    const train = all.filter((i) => foldOf[i] !== fold)
    const test = all.filter((i) => foldOf[i] === fold)
    const context: Context = { table, train, seed: 1000 * deal + fold + 1 }
    const f = fOf(table, train)
    const ranked = f.map((value, s) => ({ s, value })).sort((a, b) => b.value - a.value)
    const near = withinNoise(context, 'paired')
    const nearBest = withinNoise(context, 'best')
    const heldAll = pooled(table, test)
    noise.push(
      `  deal ${deal} fold ${fold}: best #${ranked[0]?.s} ${ranked[0]?.value.toFixed(4)}, 2nd #${ranked[1]?.s} gap ${((ranked[0]?.value ?? 0) - (ranked[1]?.value ?? 0)).toFixed(4)}; within 1 sd paired: ${near.length} [${near.join(' ')}] (held-out P ${Math.min(...near.map((s) => precisionOf(heldAll[s] as JoinCounts))).toFixed(3)}–${Math.max(...near.map((s) => precisionOf(heldAll[s] as JoinCounts))).toFixed(3)}); within 1 sd of best: ${nearBest.length}`,
    )
    RULES.forEach(([, rule], r) => {
      const pick = rule(context)
      picks[r]?.push(pick)
      held[r]?.push(heldAll[pick] as JoinCounts)
      // Stability: the rule on bootstrap resamples of the training groups, how often it picks the same setting.
      if (STAB > 0 && n % 1 === 0) {
        const same = replicates(train, STAB, 77 + n)
          .map((r2, k) => rule({ table, train: r2, seed: 5000 + 97 * n + k }))
          .filter((p) => p === pick).length
        stable[r]?.push(same / STAB)
      }
    })
  })
  console.log('\n  per fold: the training F0.5 ranking and the settings within noise of the best')
  for (const line of noise) console.log(line)
  console.log(
    `\n  ${'rule'.padEnd(30)} ${'held-out P'.padEnd(15)} ${'R'.padEnd(15)} ${'F0.5'.padEnd(15)} stability (same pick on resamples)  distinct picks  whole corpus`,
  )
  RULES.forEach(([name, rule], r) => {
    const h = held[r] as JoinCounts[]
    const tally = new Map<number, number>()
    for (const p of picks[r] as number[]) tally.set(p, (tally.get(p) ?? 0) + 1)
    const whole = rule({ table, train: all, seed: 424242 })
    console.log(
      `  ${name.padEnd(30)} ${fmt(h.map(precisionOf)).padEnd(15)} ${fmt(h.map(recallOf)).padEnd(15)} ${fmt(h.map(fHalf)).padEnd(15)} ${fmt(stable[r] as number[]).padEnd(35)} ${[
        ...tally,
      ]
        .sort((a, b) => b[1] - a[1])
        .map(([s, k]) => `#${s}×${k}`)
        .join(' ')
        .padEnd(15)} #${whole}`,
    )
  })
  // Sensitivity: the floored figure (mean held-out P over all folds) when one group's counts move by a few pairs
  // in each setting independently — the size of change a speaker or name model makes (session 22: 12 pairs).
  const TRIALS = Number(at('--trials') ?? 0)
  if (TRIALS > 0) {
    const base = RULES.map((_, r) => meanSd((held[r] as JoinCounts[]).map(precisionOf)).mean)
    const baseF = RULES.map((_, r) => meanSd((held[r] as JoinCounts[]).map(fHalf)).mean)
    const moved = RULES.map(() => [] as number[])
    const movedF = RULES.map(() => [] as number[])
    const next = random(99)
    const int = (k: number): number => Math.floor(next() * (2 * k + 1)) - k
    for (let t = 0; t < TRIALS; t++) {
      const g = Math.floor(next() * names.length)
      const perturbed: Table = table.map((row) =>
        row.map((c, i) => {
          if (i !== g) return c
          const a = int(12)
          const correct = Math.max(0, Math.min(c.gold, c.correct + a))
          return { correct, joined: Math.max(correct, c.joined + a + int(6)), gold: c.gold }
        }),
      )
      RULES.forEach(([, rule], r) => {
        const h = folds.map(({ deal, fold, foldOf }) => {
          const train = all.filter((i) => foldOf[i] !== fold)
          const test = all.filter((i) => foldOf[i] === fold)
          const pick = rule({ table: perturbed, train, seed: 1000 * deal + fold + 1 })
          return sumJoins(test.map((i) => (perturbed[pick] as JoinCounts[])[i] as JoinCounts))
        })
        moved[r]?.push(meanSd(h.map(precisionOf)).mean - (base[r] as number))
        movedF[r]?.push(meanSd(h.map(fHalf)).mean - (baseF[r] as number))
      })
    }
    console.log(
      `\n  sensitivity: ${TRIALS} trials, one group's counts moved by up to 12 pairs per setting`,
    )
    RULES.forEach(([name], r) =>
      console.log(
        `  ${name.padEnd(30)} floored P moves ${fmt(moved[r] as number[])} (max |Δ| ${Math.max(...(moved[r] as number[]).map(Math.abs)).toFixed(3)}), F0.5 ${fmt(movedF[r] as number[])}`,
      ),
    )
  }
  // Paired per fold against the current rule.
  console.log('\n  paired against argmax, per held-out fold (mean ± sd; folds up / down)')
  RULES.slice(1).forEach(([name], k) => {
    const r = k + 1
    const dP = (held[r] as JoinCounts[]).map(
      (c, i) => precisionOf(c) - precisionOf((held[0] as JoinCounts[])[i] as JoinCounts),
    )
    const dF = (held[r] as JoinCounts[]).map(
      (c, i) => fHalf(c) - fHalf((held[0] as JoinCounts[])[i] as JoinCounts),
    )
    console.log(
      `  ${name.padEnd(30)} ΔP ${fmt(dP)} (${dP.filter((d) => d > 0).length}/${dP.filter((d) => d < 0).length})  ΔF0.5 ${fmt(dF)} (${dF.filter((d) => d > 0).length}/${dF.filter((d) => d < 0).length})`,
    )
  })
}
