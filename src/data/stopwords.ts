// The package's ES module build: its `main` is a 240 KB CommonJS file that Node scans for exports before
// an ES import can use it (about 0.1 s of CPU per process, on every command's start-up); same lists.
import * as stopword from 'stopword/dist/stopword.esm.mjs'

/**
 * Function words left out of story vectors. English list after the SMART stop list (Salton, via
 * scikit-learn's ENGLISH_STOP_WORDS), shortened; plus reporting words every news story uses.
 */
export const STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
off on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves said says say told according would
could also one two three new last first year years week day days time like just since still even many much may might
mr mrs ms per cent percent including including however though although while well back made make get got us
monday tuesday wednesday thursday friday saturday sunday january february march april june july august september
october november december`.split(/\s+/),
)

/**
 * The stop lists of the `stopword` package by the ISO 639-1 codes language detection gives. Without them a
 * language that is rare in a batch makes its function words rare terms, and its articles one "story" (five
 * unrelated French pages matched on "les, dans, par, une").
 */
const OTHER_LANGUAGES: Record<string, string[]> = {
  ar: stopword.ara,
  cs: stopword.ces,
  da: stopword.dan,
  de: stopword.deu,
  el: stopword.ell,
  es: stopword.spa,
  fa: stopword.fas,
  fi: stopword.fin,
  fr: stopword.fra,
  he: stopword.heb,
  hu: stopword.hun,
  id: stopword.ind,
  it: stopword.ita,
  nl: stopword.nld,
  no: stopword.nob,
  pl: stopword.pol,
  pt: stopword.por,
  ro: stopword.ron,
  ru: stopword.rus,
  sv: stopword.swe,
  tr: stopword.tur,
  uk: stopword.ukr,
}
const byLanguage = new Map<string, Set<string>>()

/** English function words, and those of the given language (ISO 639-1) when it has a list. */
export function stopwordsFor(language: string | null): Set<string> {
  const list = language === null ? undefined : OTHER_LANGUAGES[language]
  if (list === undefined) return STOPWORDS
  let set = byLanguage.get(language as string)
  if (set === undefined) {
    set = new Set([...STOPWORDS, ...list.map((word) => word.toLowerCase())])
    byLanguage.set(language as string, set)
  }
  return set
}
