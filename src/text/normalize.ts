/**
 * The one place where text is normalised. Offsets always refer to the un-normalised text; these helpers
 * produce comparison keys only.
 */

const QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u201d]/g
const DASHES = /[\u2010-\u2015\u2212]/g

/** Straight quotes, ASCII dashes, single spaces; keeps case. */
export function normalizePunctuation(text: string): string {
  return text
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\u00a0/g, ' ')
}

/**
 * A comparison key: lower case, letters and digits only, single spaces. (Punctuation needs no normalising
 * first: quotes, dashes and no-break spaces, whatever their form, become the one space here.)
 */
export function comparisonKey(text: string): string {
  const lower = text.toLowerCase()
  // The same key: in ASCII the letters and digits are [a-z0-9] once lower-cased, and the plain class costs
  // less to compile and to match than Unicode's properties (this runs on every block of every page).
  return (
    NON_ASCII.test(lower)
      ? lower.replace(NOT_LETTER_OR_DIGIT, ' ')
      : lower.replace(NOT_ASCII_ALNUM, ' ')
  ).trim()
}

const NON_ASCII = /[\u0080-\uffff]/
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu
const NOT_ASCII_ALNUM = /[^a-z0-9]+/g
