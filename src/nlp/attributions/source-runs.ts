import { DEMONYMS } from '../../data/name-lexicon.js'
import { REPORTING_VERBS, cueStem } from '../../data/reporting.js'
import { type Run, nameRuns, runsOf } from './runs.js'
import type { TagToken } from './tokens.js'
import { LETTER, NUMBER, startsWithClass } from '../../text/char-class.js'

// Words that name nobody alone: a source run of only these was cut by the tagger before its noun ("according to
// the|budget office", "a|person close to the talks").
const DETERMINERS = new Set(['the', 'a', 'an'])
// Where a noun phrase after a determiner ends: a clause opens, a verb or an auxiliary follows.
const PHRASE_ENDS = new Set(
  "that which who whom whose when while but because as if although though after before since where and or so than whether said says say told has have had 's is are was were will would could may might can did does do not".split(
    ' ',
  ),
)
// How many words a completed source may take after its determiner (a bound; "person close to the talks" is five).
const PHRASE_WORDS = 6

/**
 * The source runs of the source/cue tagger's labels, a run of a bare determiner completed to the noun phrase
 * after it: the words of its sentence up to a mark, a cue, a quotation, a clause opener or a verb. The tagger
 * often marks only the first word of an untitled source after "according to", and "the" resolves to nobody.
 */
export function sourceRuns(tokens: TagToken[], roles: string[]): Run[] {
  return runsOf(roles, 'SRC').map((run) => {
    const words = tokens.slice(run.first, run.last + 1)
    if (words.length === 0 || !words.every((token) => DETERMINERS.has(token.lower))) return run
    const opening = tokens[run.first] as TagToken
    let last = run.last
    for (let k = run.last + 1; k <= run.last + PHRASE_WORDS; k++) {
      const token = tokens[k]
      if (
        token === undefined ||
        token.sentence !== opening.sentence ||
        token.inQuote !== opening.inQuote ||
        (roles[k] ?? 'O') !== 'O' ||
        !startsWithClass(token.text, LETTER | NUMBER) ||
        PHRASE_ENDS.has(token.lower)
      )
        break
      last = k
    }
    return { first: run.first, last }
  })
}

// Verbs whose object is a reported clause with its own subject ("X said Mr. Trump had disrespected…"), compared
// by `cueStem`; "told" and "asked" are left out, their object is a listener.
const CLAUSE_VERBS = new Set(
  'say said add argue claim insist note contend write wrote believe think thought suggest acknowledge admit assert explain predict warn'
    .split(' ')
    .map(cueStem),
)

/**
 * The role labels with the subject of a reported clause taken back out of the sources: in "Mr. Coffman said
 * Mr. Trump had disrespected American troops" the tagger reads "Mr. Trump" as a source and "had disrespected"
 * as its cue, so that the content loses its subject and the speaker becomes Mr. Trump. When a cue that takes a
 * clause has a subject of its own before it (a source or a word, not a quotation: "…,” said X, urging" is
 * another shape) and is followed, "that" aside, by a source run and at once by a cue run, those two runs are
 * the reported clause's start and are labelled O, so the content tagger sees them as what was said. (Out of
 * fold on PolNeAR train the rule relabels 47 sources: 44 lie inside a gold content, one is a gold source; 46 of
 * the 47 inner cues are no gold cue.)
 */
export function withoutReportedSubjects(tokens: TagToken[], roles: string[]): string[] {
  const cues = runsOf(roles, 'CUE')
  const sources = runsOf(roles, 'SRC')
  const sourceAt = new Map(sources.map((run) => [run.first, run]))
  const cueAt = new Map(cues.map((run) => [run.first, run]))
  let relabelled: string[] | null = null
  for (const cue of cues) {
    const verb = tokens[cue.last] as TagToken
    if (cue.first !== cue.last || !CLAUSE_VERBS.has(cueStem(verb.lower))) continue
    const before = tokens[cue.first - 1]
    const subjectBefore =
      sources.some((run) => run.last < cue.first && run.last >= cue.first - 2) ||
      (before !== undefined &&
        before.sentence === verb.sentence &&
        !before.inQuote &&
        /^\p{L}/u.test(before.text))
    if (!subjectBefore) continue
    const start = tokens[cue.last + 1]?.lower === 'that' ? cue.last + 2 : cue.last + 1
    const source = sourceAt.get(start)
    const inner = source === undefined ? undefined : cueAt.get(source.last + 1)
    if (source === undefined || inner === undefined) continue
    relabelled ??= [...roles]
    for (let i = source.first; i <= inner.last; i++) relabelled[i] = 'O'
  }
  return relabelled ?? roles
}

const NATIONALITIES = new Set(DEMONYMS)
const REPORTING_FORMS = new Set(REPORTING_VERBS)
const REPORTING_STEMS = new Set(REPORTING_VERBS.map(cueStem))
// A verb of saying as written after a subject ("said", "wrote", "notes"); a bare stem is no verb here ("North
// Korean state media": after a nationality, "state" is a noun).
const saying = (word: string): boolean =>
  REPORTING_FORMS.has(word) || (word.endsWith('s') && REPORTING_STEMS.has(cueStem(word)))
// Where the noun phrase of a nationality ends besides PHRASE_ENDS: a preposition ("a Russian delegation over
// the weekend"), an adverb or a time word ("an Egyptian textbook just published", "the German state next
// month"), an auxiliary, a verb in -ed ("North Korean media, monitored"), a verb of saying.
const NOUN_PHRASE_ENDS = new Set(
  'of in on at for to with by from about over under during into via also reportedly then now just next last this still already even often never again too recently once later would will could may might can should must be been being'.split(
    ' ',
  ),
)
// How many lower-case words a nationality's noun phrase may take ("North Korean state media" takes two).
const NOUN_WORDS = 3

/**
 * The token runs of the name mentions, a nationality adjective's run completed to the noun it qualifies: the
 * name finder types "North Korean" in "North Korean state media said" or "North Korean media, monitored in
 * Seoul, reported" as a place, and the bare adjective names no speaker, where "North Korean state media" does.
 * The lower-case words after it in its sentence are taken, up to a mark, a verb of saying, a preposition, an
 * adverb, a verb in -ed or in -s, or a word that opens a clause (at most NOUN_WORDS).
 */
export function namePhraseRuns(
  tokens: TagToken[],
  mentions: { start: number; end: number }[],
): Run[] {
  return nameRuns(tokens, mentions).map((run) => {
    const adjective = tokens[run.last] as TagToken
    if (!NATIONALITIES.has(adjective.lower)) return run
    const inPhrase = (token: TagToken | undefined): token is TagToken =>
      token !== undefined &&
      token.sentence === adjective.sentence &&
      token.inQuote === adjective.inQuote &&
      /^\p{Ll}+$/u.test(token.text) &&
      !PHRASE_ENDS.has(token.lower) &&
      !NOUN_PHRASE_ENDS.has(token.lower) &&
      !saying(token.lower) &&
      !/(?:ly|ed)$/.test(token.lower)
    let last = run.last
    for (let k = run.last + 1; k <= run.last + NOUN_WORDS && inPhrase(tokens[k]); k++) {
      const plural = /[^su]s$/.test((tokens[k] as TagToken).lower) && tokens[k]?.lower !== 'news'
      // A word in -s after the noun, with more words after it, is a verb ("a North Korean leader evokes
      // memories"); at the end of the phrase it is a plural noun ("South Korean defense officials said").
      if (k > run.last + 1 && plural && inPhrase(tokens[k + 1])) break
      last = k
      // A plural noun ends the phrase: a word in -s after it is its verb ("Republican voters appears").
      if (plural) break
    }
    return { first: run.first, last }
  })
}
