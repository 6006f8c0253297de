import { stem } from '../text/stem.js'
import { REPORTING_EVENTS } from '../data/event-verbs.js'
import { STOPWORDS } from '../data/stopwords.js'
import { IndexGroups } from '../text/index-groups.js'
import { tokenize } from '../text/tokens.js'
import type { EventDate } from './event-dates.js'

/**
 * What ends the clause a dated event is told in: punctuation (as event-dates.ts reads its verb) and the words
 * that open another clause ("the woman who handed him the gavel on Wednesday": the hand-over's clause starts
 * at "who"; "found out on Thursday as volunteers gave voice": the date's clause ends at "as").
 */
const CLAUSE_BOUNDARY =
  /[,;:()\u2013\u2014]|\b(?:who|whom|whose|which|that|when|while|as|because|before|after|since|although|though|if|unless|until|where)\b/i
/** Words that say when, not who or what. */
const TIME_WORD =
  /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow|tonight|week|weekend|month|year|morning|afternoon|evening|night|ago|last|next|earlier|later|early|late)s?$/
const REPORTING = new Set(REPORTING_EVENTS)
/** Before a noun: "the gift", "Tuesday's gift" name the thing handed over, a participant. */
const DETERMINER = /^(?:the|a|an|his|her|its|their|this|that|s|[\p{L}]+['’]s)$/u

/**
 * Who and what a dated event is about: the content words of the clause that tells it, without the verb that
 * dates it, its date and reporting words ("Putin on Tuesday gifted Kim Jong-un a limousine" → putin, kim,
 * jong-un, limousin). Stemmed, so "articles" and "article" are one word. An event noun stays ("Tuesday's
 * gift" is about the gift).
 */
export function participantWords(event: EventDate): Set<string> {
  const { text, start } = event.sentence
  const at = event.expression.start - start
  const before = text.slice(0, at).split(CLAUSE_BOUNDARY).at(-1) ?? ''
  const after = text.slice(event.expression.end - start).split(CLAUSE_BOUNDARY)[0] ?? ''
  // The date stays in the text read, so that "Tuesday's gift" is still a possessive before the noun.
  const tokens = tokenize(`${before}${event.expression.text}${after}`).map((token) => token.norm)
  const dating = (index: number): boolean =>
    tokens[index] === event.verb && !DETERMINER.test(tokens[index - 1] ?? '')
  const expression = new Set(tokenize(event.expression.text).map((token) => token.norm))
  return new Set(
    tokens
      .filter((word, index) => !dating(index) && !expression.has(word))
      .map((word) => word.replace(/['’]s$/, ''))
      .filter(
        (word) =>
          word.length > 2 &&
          !STOPWORDS.has(word) &&
          !REPORTING.has(word) &&
          !TIME_WORD.test(word) &&
          !/\d/.test(word),
      )
      .map((word) => stem(word)),
  )
}

/**
 * Dated events of one kind told of one happening: linked when their clauses share a participant or an object
 * (a name, "the gift", "the Legislature"), joined through such links. "Volunteers gave voice to the articles
 * on Thursday" and "the woman who handed him the gavel on Wednesday" are both hand-overs by their verbs, and
 * share no one: two events, whose days cannot contradict each other.
 */
export function sameHappenings(events: EventDate[]): EventDate[][] {
  const words = events.map(participantWords)
  const groups = new IndexGroups(events.length)
  for (let i = 0; i < events.length; i++)
    for (let j = i + 1; j < events.length; j++) {
      const [a, b] = [words[i] as Set<string>, words[j] as Set<string>]
      if ([...a].some((word) => b.has(word))) groups.join(i, j)
    }
  return groups.groups().map((group) => group.map((index) => events[index] as EventDate))
}
