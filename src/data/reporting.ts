/**
 * Reporting verbs and speaker roles, as data (English news usage; after the cue lists of PolNeAR's
 * annotation guidelines). Caution: "added" and "noted" also occur outside attribution.
 */
export const REPORTING_VERBS = [
  'said',
  'says',
  'told',
  'added',
  'stated',
  'noted',
  'wrote',
  'explained',
  'recalled',
  'argued',
  'insisted',
  'claimed',
  'warned',
  'asked',
  'declared',
  'announced',
  'continued',
  'remarked',
  'indicated',
]

export const SPEAKER_ROLES = [
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'president',
  'minister',
  'secretary',
  'official',
  'expert',
  'analyst',
  'director',
  'professor',
  'leader',
  'senator',
  'governor',
  'ambassador',
  'chief',
  'fellow',
  'lawmaker',
]

/** Hedges that qualify a number ("as much as $1 million"): the qualifier as written. */
export const HEDGES = [
  'as much as',
  'as many as',
  'as little as',
  'as few as',
  'more than',
  'less than',
  'fewer than',
  'up to',
  'at least',
  'at most',
  'about',
  'around',
  'roughly',
  'nearly',
  'almost',
  'approximately',
  'some',
  'over',
  'under',
  'an estimated',
  'estimated',
  'in its most basic version',
]

/**
 * Stems of words that cue an attribution (say, think, want, according…), beyond the reporting verbs above:
 * the verbs and nouns of PolNeAR's annotation guidelines (speech, belief, intention, perception) and the
 * most frequent cue heads of PolNeAR's train part. Compared after `cueStem` (lower case, -s/-ed/-ing dropped).
 * The tagger learns from these as one feature among many; a word here is not a cue by itself.
 */
export const CUE_STEMS = new Set(
  `say said tell told add state note write wrote explain recall argue insist claim warn ask declare announce
  continue remark indicate report suggest show call describe find found tweet think thought want believe accord
  accuse acknowledge admit agree allege assert blame caution charge cite comment complain concede conclude confirm
  contend criticize criticise decline defend deny denounce dismiss emphasize estimate expect explain fear feel felt
  hope imply insinuate mention predict pledge point post praise promise propose question recount refuse reject
  remind repeat reply respond reveal seem appear signal speculate stress support oppose endorse threaten urge vow
  worry know knew see saw hear heard learn learned read consider view regard doubt suspect assume wonder decide
  plan intend seek sought vote quote tout boast brag lament acknowledge disclose divulge testify inform advise
  recommend demand request require insist predict forecast project poll survey statement interview speech
  according source sources memo letter release report reportedly apparently allegedly`
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => cueStem(word)),
)

/** The stem a cue word is compared by: lower case, a final -s, -es, -ed, -d or -ing dropped. */
export function cueStem(word: string): string {
  const lower = word.toLowerCase()
  if (lower.length > 5 && lower.endsWith('ing')) return lower.slice(0, -3)
  if (lower.length > 4 && lower.endsWith('ied')) return `${lower.slice(0, -3)}y`
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`
  if (lower.length > 4 && lower.endsWith('ed')) return lower.slice(0, -2)
  if (lower.length > 3 && lower.endsWith('es')) return lower.slice(0, -2)
  if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss')) return lower.slice(0, -1)
  if (lower.length > 4 && lower.endsWith('e')) return lower.slice(0, -1)
  return lower
}

/**
 * Titles written before a speaker's name that are not part of it ("Senator Laura Whitfield" → "Laura
 * Whitfield"): honorifics, offices and ranks of English news usage, compared lower case without a final dot.
 */
export const NAME_TITLES = new Set(
  `mr mrs ms miss dr prof professor sir dame lord lady sen senator rep representative gov governor lt gen general
  col colonel maj major capt captain sgt president vice premier chancellor minister secretary ambassador judge
  justice mayor chairman chairwoman chief rev reverend father sheikh king queen prince princess pope spokesman
  spokeswoman spokesperson former the`
    .split(/\s+/)
    .filter(Boolean),
)
