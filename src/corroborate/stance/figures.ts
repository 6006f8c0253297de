import { SCALE } from '../../nlp/facts.js'

/**
 * The figures a claim states ("$245,000", "1,200 people", "$2.5 million"), as numbers, so that `verify` can tell
 * a sentence that restates the claim's figure in other words ("priced … at $245,000" for "the car cost
 * $245,000"): the word measures miss it, since a short claim shares few other words with any one sentence.
 */

/**
 * Figures below this are not evidence: small counts ("15 bodies", "3 people") recur across unrelated stories.
 * On FNC-1 train (scripts/figure-relatedness.ts), among the pairs whose headline states a figure of at least
 * this, a body sentence states every such figure, with its currency, in 5 of 2,340 unrelated pairs against 548 of
 * 750 related ones; at 10: 153 of 5,178 against 1,254 of 1,763; at 1,000: 1 of 1,481 against 341 of 442. The
 * limit sits where unrelated pairs have run out (the one left at 1,000 and above is a rumoured Apple Watch price
 * stated in a body about that watch, paired as unrelated).
 */
export const FIGURE_MIN = 100

// A number with its currency, thousands separators or plain digits, a decimal part, a scale word and a currency
// word ("$1.5 million", "US$3bn", "245,000 dollars", "€40m").
const FIGURE =
  /(?<currency>US\$|[$€£¥])?\s?(?<![\d.,])(?<digits>\d{1,3}(?:,\d{3})+|\d+)(?<decimals>\.\d+)?(?:\s?(?<scale>thousand|million|billion|trillion|bn|m|k)\b)?(?:\s(?<word>dollars|euros|pounds|yen|usd|eur|gbp)\b)?/gi

const CURRENCY: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  dollars: 'USD',
  usd: 'USD',
  '€': 'EUR',
  euros: 'EUR',
  eur: 'EUR',
  '£': 'GBP',
  pounds: 'GBP',
  gbp: 'GBP',
  '¥': 'JPY',
  yen: 'JPY',
}

/** Whether a plain four-digit number reads as a year ("in 2014"), which says when, not how much. */
const isYear = (digits: string, decimals: string | undefined, scale: string | undefined): boolean =>
  decimals === undefined &&
  scale === undefined &&
  /^\d{4}$/.test(digits) &&
  Number(digits) >= 1900 &&
  Number(digits) <= 2100

/**
 * The figures of at least `min` a text states, each as its currency and value ("USD 245000", or " 2000" for a
 * count): "$2,000" and "2,000 fighters" are not one figure. Scale words are applied; years are left out.
 */
export function figuresOf(text: string, min = FIGURE_MIN): string[] {
  const figures: string[] = []
  for (const match of text.matchAll(FIGURE)) {
    const { currency, digits = '', decimals, scale, word } = match.groups ?? {}
    if (currency === undefined && word === undefined && isYear(digits, decimals, scale)) continue
    const value =
      Number(digits.replace(/,/g, '') + (decimals ?? '')) *
      (SCALE[(scale ?? '').toLowerCase()] ?? 1)
    const unit = CURRENCY[(currency ?? word ?? '').toLowerCase()] ?? ''
    if (Number.isFinite(value) && value >= min) figures.push(`${unit} ${value}`)
  }
  return figures
}

/** Whether `text` states every one of `figures` (none wanted: false). */
export function statesFigures(figures: string[], text: string): boolean {
  if (figures.length === 0) return false
  const stated = new Set(figuresOf(text, 0))
  return figures.every((figure) => stated.has(figure))
}
