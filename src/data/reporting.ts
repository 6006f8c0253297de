/**
 * Reporting verbs and speaker roles, as data (English news usage; after the cue lists of PolNeAR's
 * annotation guidelines). Caution: "added" and "noted" also occur outside attribution.
 */
export const REPORTING_VERBS = [
  'said', 'says', 'told', 'added', 'stated', 'noted', 'wrote', 'explained', 'recalled', 'argued', 'insisted',
  'claimed', 'warned', 'asked', 'declared', 'announced', 'continued', 'remarked', 'indicated',
]

export const SPEAKER_ROLES = [
  'spokesman', 'spokeswoman', 'spokesperson', 'president', 'minister', 'secretary', 'official', 'expert',
  'analyst', 'director', 'professor', 'leader', 'senator', 'governor', 'ambassador', 'chief', 'fellow', 'lawmaker',
]

/** Hedges that qualify a number ("as much as $1 million"): the qualifier as written. */
export const HEDGES = [
  'as much as', 'as many as', 'as little as', 'as few as', 'more than', 'less than', 'fewer than', 'up to',
  'at least', 'at most', 'about', 'around', 'roughly', 'nearly', 'almost', 'approximately', 'some', 'over',
  'under', 'an estimated', 'estimated', 'in its most basic version',
]
