import { HEDGES } from '../data/reporting.js'

/** A number with its unit, what it measures, and a hedge, found in one article. */
export interface FactMention {
  about: string
  value: string
  unit: string | null
  qualifier: string | null
  start: number
  end: number
}

const MONEY =
  /(?<currency>[$€£¥]|US\$)\s?(?<amount>\d[\d,]*(?:\.\d+)?)(?:\s?(?<scale>million|billion|trillion|thousand|m|bn|k)\b)?/gi
// What a money amount measures, from the words just before it. Price words come first: "priced at",
// "cost as much as"; "worth of" is a value of goods, not a price.
const ABOUT_CUES: [RegExp, string][] = [
  [/\b(price[ds]?|costs?|costing|sells? for|sold for|retails? for)\b/i, 'price'],
  [/\bworth\b|\bvalued\b/i, 'value'],
]
/** What a scale word after a number multiplies it by ("$1.5 million", "$3bn"). */
export const SCALE: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
}

/** Money amounts with what they measure (when the sentence says) and their hedge. */
export function extractFacts(text: string): FactMention[] {
  const facts: FactMention[] = []
  for (const match of text.matchAll(MONEY)) {
    const groups = match.groups ?? {}
    const before = text.slice(Math.max(0, match.index - 80), match.index)
    const sentenceBefore = before.split(/[.!?]\s/).at(-1) ?? before
    const about = ABOUT_CUES.find(([pattern]) => pattern.test(sentenceBefore))?.[1] ?? 'amount'
    const amount =
      Number((groups.amount ?? '0').replace(/,/g, '')) *
      (SCALE[(groups.scale ?? '').toLowerCase()] ?? 1)
    facts.push({
      about,
      value: String(amount),
      unit:
        groups.currency === '$' || groups.currency === 'US$'
          ? 'USD'
          : groups.currency === '€'
            ? 'EUR'
            : groups.currency === '£'
              ? 'GBP'
              : 'JPY',
      qualifier: hedgeBefore(sentenceBefore),
      start: match.index,
      end: match.index + match[0].length,
    })
  }
  return facts
}

function hedgeBefore(text: string): string | null {
  const tail = text.toLowerCase().replace(/[—–-]/g, ' ').replace(/\s+/g, ' ').trim()
  return (
    HEDGES.find((hedge) => tail.endsWith(hedge) || tail.endsWith(`${hedge} at`)) ??
    HEDGES.find((hedge) => tail.includes(hedge) && tail.length - tail.lastIndexOf(hedge) < 30) ??
    null
  )
}
