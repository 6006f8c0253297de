/** A year of this era standing alone: not inside a longer number, a price ("$2019") or a decimal. */
const YEAR = /(?<![\d$€£,.])((?:19|20)\d{2})(?![\d,])/g

/** The years a text mentions, in order, repeats included. */
export function yearsMentioned(text: string): number[] {
  return [...text.matchAll(YEAR)].map((match) => Number(match[1]))
}
