/** A year of this era standing alone: not inside a longer number, a price ("$2019") or a decimal. */
const YEAR = /(?<![\d$€£,.])((?:19|20)\d{2})(?![\d,])/g

/** The years a text mentions, in order, repeats included. */
export function yearsMentioned(text: string): number[] {
  return [...text.matchAll(YEAR)].map((match) => Number(match[1]))
}

const MONTH_NAMES = (
  'January February March April May June July August September October November December ' +
  'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec'
).split(' ')
// Capitalised or all capitals ("JULY 29"): a lower-case "may" or "march" is a verb.
const MONTH = `(${MONTH_NAMES.flatMap((name) => [name, name.toUpperCase()]).join('|')})\\.?`
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?'
/** "December 7", "Dec. 7th", "7 December", "7th of December": an English month name next to a day number. */
const MONTH_DAY = new RegExp(`\\b(?:${MONTH}\\s+${DAY}|${DAY}\\s+(?:of\\s+)?${MONTH})\\b`, 'gu')

/** The days of the year an English text names, as "dec-7", in order, repeats included. */
export function monthDaysMentioned(text: string): string[] {
  const days: string[] = []
  for (const match of text.matchAll(MONTH_DAY)) {
    const month = (match[1] ?? match[4] ?? '').slice(0, 3).toLowerCase()
    const day = Number(match[2] ?? match[3])
    if (day >= 1 && day <= 31) days.push(`${month}-${day}`)
  }
  return days
}
