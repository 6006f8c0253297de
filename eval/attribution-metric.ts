/**
 * The PolNeAR attribution metric of ../shared/tools/score_quotes.py, ported so that `npm run eval` and the
 * training script's cross-validation score in-process (the Python scorer states the rules; this follows it
 * line by line, on text as given, so no alignment step is needed).
 */
import type { GoldAttribution } from './polnear.js'
import { trimSpan } from './polnear.js'

export interface PredictedContent {
  start: number
  end: number
  speaker: string | null
}

export interface Prf {
  P: number
  R: number
  F1: number
}

export interface AttributionScores {
  direct: { gold: number; pred: number; exact: Prf; overlap: Prf; chars: Prf }
  all: { gold: number; pred: number; exact: Prf; overlap: Prf; chars: Prf }
  speaker: {
    acc: number
    n: number
    named: { acc: number; n: number }
    nominal: { acc: number; n: number }
    pronoun: { acc: number; n: number }
  }
}

const DOUBLE_MARKS = '“”"„«»'
const PRONOUNS = new Set(
  'he she they i we it you who which that him her them his hers their its me us our my whom whose this these those one'.split(
    ' ',
  ),
)
const HONORIFICS = new Set(
  'mr mrs ms miss dr sen senator rep gov gen lt col rev prof sir president the a an'.split(' '),
)
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])
const FUNCTION_WORDS = new Set(
  'as in at on for but and if when while after before to by with from so yet or nor also even both many some all'.split(
    ' ',
  ),
)
const LEAD_WORDS = new Set('the a an his her their its this that these those our my'.split(' '))

export function nameWords(s: string): string[] {
  const normal = s.normalize('NFKC').replace(/’/g, "'").toLowerCase().replace(/'s\b/g, '')
  return (normal.match(/[\p{L}\p{M}]+(?:[-'][\p{L}\p{M}]+)*/gu) ?? []).filter(
    (w) => !SUFFIXES.has(w),
  )
}

function surname(s: string): string | null {
  return (
    nameWords(s)
      .filter((w) => !HONORIFICS.has(w))
      .at(-1) ?? null
  )
}

export type SourceKind = 'pronoun' | 'named' | 'nominal'

export function sourceKind(source: string): SourceKind {
  const words = source.split(/\s+/).filter(Boolean)
  const names = nameWords(source)
  if (names.length === 1 && PRONOUNS.has(names[0] ?? '')) return 'pronoun'
  const body =
    words.length > 0 && LEAD_WORDS.has((words[0] ?? '').toLowerCase()) ? words.slice(1) : words
  return body.some((w) => /^\p{Lu}/u.test(w)) ? 'named' : 'nominal'
}

function sameSpeaker(predicted: string | null, gold: string | null): boolean {
  if (!predicted || !gold) return false
  const name = surname(predicted)
  const goldWords = nameWords(gold)
  return (
    name !== null &&
    (goldWords.includes(name) || nameWords(predicted).join(' ') === goldWords.join(' '))
  )
}

function headSurname(source: string): string | null {
  const head = source.split(/[,(]/)[0] ?? ''
  const runs: string[][] = []
  let run: string[] = []
  for (const w of head.match(/[\p{L}\p{M}]+(?:[-'’.][\p{L}\p{M}]+)*\.?/gu) ?? []) {
    const ws = nameWords(w)
    const first = ws[0]
    if (
      /^\p{Lu}/u.test(w) &&
      first !== undefined &&
      !LEAD_WORDS.has(first) &&
      !FUNCTION_WORDS.has(first)
    )
      run.push(first)
    else {
      if (run.length > 0) runs.push(run)
      run = []
    }
  }
  if (run.length > 0) runs.push(run)
  const kept = runs
    .map((r) => r.filter((w) => w.length > 1 && !HONORIFICS.has(w)))
    .filter((r) => r.length > 0)
  if (kept.length === 0) return null
  // max over reversed runs by length: the longest, the last one on ties
  let best = kept[kept.length - 1] as string[]
  for (let k = kept.length - 1; k >= 0; k--)
    if ((kept[k] as string[]).length > best.length) best = kept[k] as string[]
  return best.at(-1) ?? null
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The metric's two guesses at whom a pronoun Source stands for (head surnames of the article's named gold
 * Sources): the one written last before it, and the one annotated last before it. A predicted speaker is right
 * when its last word is one of them (scripts/speaker-convention-probe.ts lists the misses against them).
 */
export function antecedents(
  text: string,
  unit: GoldAttribution,
  units: GoldAttribution[],
): Set<string> {
  const named = units.filter((u) => u.source !== null && sourceKind(u.source) === 'named')
  const names = new Set(
    named.map((u) => headSurname(u.source as string)).filter((n): n is string => n !== null),
  )
  const start = unit.sourceStart ?? 0
  const before = text.slice(0, start).toLowerCase().replace(/’/g, "'")
  let best: string | null = null
  let bestPosition = -1
  for (const name of names)
    for (const match of before.matchAll(new RegExp(`\\b${escapeRegExp(name)}\\b`, 'g')))
      if (match.index > bestPosition) {
        best = name
        bestPosition = match.index
      }
  const previous = named.filter((u) => (u.sourceStart ?? 0) < start)
  let last: string | null = null
  if (previous.length > 0) {
    const latest = previous.reduce((a, b) => ((b.sourceStart ?? 0) > (a.sourceStart ?? 0) ? b : a))
    last = headSurname(latest.source as string)
  }
  return new Set([best, last].filter((n): n is string => n !== null))
}

/** Whether a predicted speaker is right for a gold unit with a Source, by the metric's rule for its kind. */
export function speakerRight(
  text: string,
  unit: GoldAttribution,
  units: GoldAttribution[],
  predicted: string | null,
): boolean {
  if (unit.source === null) return false
  return sourceKind(unit.source) === 'pronoun'
    ? antecedents(text, unit, units).has(surname(predicted ?? '') ?? '\u0000')
    : sameSpeaker(predicted, unit.source)
}

function prf(tpP: number, nP: number, tpG: number, nG: number): Prf {
  const P = nP > 0 ? tpP / nP : 0
  const R = nG > 0 ? tpG / nG : 0
  return { P, R, F1: P + R > 0 ? (2 * P * R) / (P + R) : 0 }
}

/** Scores per-article predictions against gold, as score_quotes.py does over a whole part. */
export function scoreAttributions(
  articles: { text: string; gold: GoldAttribution[]; predictions: PredictedContent[] }[],
): AttributionScores {
  const subsets = ['direct', 'all'] as const
  const counts = (): Record<string, number> => ({
    np: 0,
    tppX: 0,
    tppO: 0,
    ng: 0,
    tpgX: 0,
    tpgO: 0,
    cp: 0,
    lp: 0,
    cg: 0,
    lg: 0,
  })
  const acc = { direct: counts(), all: counts() }
  const speakers: Record<SourceKind, [number, number]> = {
    named: [0, 0],
    nominal: [0, 0],
    pronoun: [0, 0],
  }
  for (const { text, gold: units, predictions } of articles) {
    const seen = new Set<string>()
    const ps: { span: [number, number]; speaker: string | null }[] = []
    for (const p of predictions) {
      const key = `${p.start}:${p.end}`
      if (seen.has(key)) continue
      seen.add(key)
      const span = trimSpan(text, p.start, p.end)
      if (span[1] > span[0]) ps.push({ span, speaker: p.speaker })
    }
    const ov = ps.map((p) =>
      units.map((u) =>
        u.frags.reduce(
          (sum, [fs, fe]) => sum + Math.max(0, Math.min(p.span[1], fe) - Math.max(p.span[0], fs)),
          0,
        ),
      ),
    )
    const plen = ps.map((p) => p.span[1] - p.span[0])
    const match = ps.map((_, i) =>
      units.map((u, j) => {
        const o = ov[i]?.[j] ?? 0
        return o > 0 && o >= 0.5 * Math.min(plen[i] ?? 0, u.length)
      }),
    )
    const isFrag = (span: [number, number], u: GoldAttribution): boolean =>
      u.frags.some(([s, e]) => s === span[0] && e === span[1])
    for (const sub of subsets) {
      const a = acc[sub]
      const gsel = units.flatMap((u, j) => (sub === 'all' || u.direct ? [j] : []))
      const psel: number[] = []
      ps.forEach((p, i) => {
        if (sub === 'all') return void psel.push(i)
        const hits = units.flatMap((_, j) => (match[i]?.[j] ? [j] : []))
        if (hits.length > 0) {
          if (hits.some((j) => units[j]?.direct)) psel.push(i)
        } else {
          const [s, e] = p.span
          const around = text.slice(Math.max(0, s - 2), s) + text.slice(e, e + 2)
          if ([...around].some((c) => DOUBLE_MARKS.includes(c))) psel.push(i)
        }
      })
      a.np! += psel.length
      a.ng! += gsel.length
      const gs = new Set(gsel)
      for (const i of psel) {
        const p = ps[i]!
        a.tppO! += gsel.some((j) => match[i]?.[j]) ? 1 : 0
        a.tppX! += gsel.some((j) => isFrag(p.span, units[j]!)) ? 1 : 0
        const covered = new Set<number>()
        for (const j of gs)
          for (const [fs, fe] of units[j]!.frags)
            for (let c = Math.max(p.span[0], fs); c < Math.min(p.span[1], fe); c++) covered.add(c)
        a.cp! += covered.size
        a.lp! += p.span[1] - p.span[0]
      }
      for (const j of gsel) {
        const u = units[j]!
        a.tpgO! += psel.some((i) => match[i]?.[j]) ? 1 : 0
        a.tpgX! += u.frags.every(([s, e]) =>
          psel.some((i) => ps[i]!.span[0] === s && ps[i]!.span[1] === e),
        )
          ? 1
          : 0
        const covered = new Set<number>()
        for (const i of psel) {
          const [s, e] = ps[i]!.span
          for (const [fs, fe] of u.frags)
            for (let c = Math.max(s, fs); c < Math.min(e, fe); c++) covered.add(c)
        }
        a.cg! += covered.size
        a.lg! += u.length
      }
    }
    units.forEach((u, j) => {
      const hits = ps.flatMap((_, i) => (match[i]?.[j] ? [i] : []))
      if (hits.length === 0 || u.source === null) return
      // the prediction with the most overlap (the first on ties, as Python's max)
      let best = hits[0]!
      for (const i of hits) if ((ov[i]?.[j] ?? 0) > (ov[best]?.[j] ?? 0)) best = i
      const predicted = ps[best]!.speaker
      const kind = sourceKind(u.source)
      const ok = speakerRight(text, u, units, predicted)
      speakers[kind][0] += ok ? 1 : 0
      speakers[kind][1] += 1
    })
  }
  const result = (sub: (typeof subsets)[number]) => {
    const a = acc[sub]
    return {
      gold: a.ng!,
      pred: a.np!,
      exact: prf(a.tppX!, a.np!, a.tpgX!, a.ng!),
      overlap: prf(a.tppO!, a.np!, a.tpgO!, a.ng!),
      chars: prf(a.cp!, a.lp!, a.cg!, a.lg!),
    }
  }
  const right = Object.values(speakers).reduce((sum, [r]) => sum + r, 0)
  const n = Object.values(speakers).reduce((sum, [, m]) => sum + m, 0)
  const kindAcc = (kind: SourceKind) => ({
    acc: speakers[kind][1] > 0 ? speakers[kind][0] / speakers[kind][1] : 0,
    n: speakers[kind][1],
  })
  return {
    direct: result('direct'),
    all: result('all'),
    speaker: {
      acc: n > 0 ? right / n : 0,
      n,
      named: kindAcc('named'),
      nominal: kindAcc('nominal'),
      pronoun: kindAcc('pronoun'),
    },
  }
}
