/**
 * Dates as every report shows them (text, Markdown, HTML, the server's pages): a day as ISO 8601
 * ("2024-02-20"), a span of days as its two ends around an en dash ("2024-02-17 – 2024-02-18"), the way the
 * conflicts already show a range. The JSON keeps ISO 8601's interval ("2024-02-17/2024-02-18", CONTRACT.md).
 */

const RANGE_SEPARATOR = ' – '

/** A date of the analysis as a reader sees it: an ISO interval "from/to" as "from – to"; others as given. */
export function shownDate(date: string): string {
  const [from, to, ...rest] = date.split('/')
  return to === undefined || rest.length > 0 ? date : dateRange(from ?? null, to)
}

/** The days from `start` to `end` (dates or date-times; the day is shown): one day once, else "from – to". */
export function dateRange(start: string | null, end: string | null): string {
  const [first, last] = [start?.slice(0, 10), end?.slice(0, 10)]
  if (first === undefined) return 'date unknown'
  return last === undefined || last === first ? first : `${first}${RANGE_SEPARATOR}${last}`
}
