import { type Run, runsOf } from './runs.js'
import type { TagToken } from './tokens.js'

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
        !/^[\p{L}\p{N}]/u.test(token.text) ||
        PHRASE_ENDS.has(token.lower)
      )
        break
      last = k
    }
    return { first: run.first, last }
  })
}
