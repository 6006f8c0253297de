/**
 * What makes a brief sentence unfit to stand alone, checked by rules of their own (not the brief's): a
 * leading pronoun with no name before it, a quotation with no speaker named in the sentence, an opinion or
 * first-person line. Used by the fixture tests and the seed figures.
 */
const LEADING_PRONOUN =
  /^["“‘']?\s*(?:he|she|it|they|him|her|his|its|their|them|this|these|those)\b/i
const QUOTE = /["“”]/
const SPEAKER =
  /\b(?:said|says|say|told|tells|added|adds|according to|reported|reports|stated|announced|wrote|writes|confirmed|confirms|called)\b/i
const FIRST_PERSON_OR_OPINION = /\b(?:I|we|our|us|my|me)\b|\b(?:should|must|ought)\b|!/
const outsideQuotes = (text: string): string => text.replace(/["“][^"”]*["”]/g, ' ')

export type BriefProblem = 'leading pronoun' | 'quote without speaker' | 'opinion'

export function briefProblems(text: string): BriefProblem[] {
  const problems: BriefProblem[] = []
  if (LEADING_PRONOUN.test(text)) problems.push('leading pronoun')
  if (QUOTE.test(text) && !SPEAKER.test(outsideQuotes(text))) problems.push('quote without speaker')
  if (FIRST_PERSON_OR_OPINION.test(outsideQuotes(text))) problems.push('opinion')
  return problems
}
