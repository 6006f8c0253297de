import { HEDGING } from '../../data/stance-words.js'
import {
  countIn,
  NEGATE,
  type PreparedClaim,
  type PreparedSentence,
  REFUTE,
  type Word,
} from './features.js'

/**
 * Whether an article states a claim in its own voice, nearly word for word: one of its sentences holds every
 * content word of the claim (numbers and names are content words) and every pair of them in the claim's order,
 * with the same parity of negation and as many refuting words ("false", "hoax"), and it is a plain statement —
 * a single line ending as a sentence ends, no question, no quotation marks, no hedge ("reportedly",
 * "claiming"). A stance model reads the whole body and may still call such an article's stance 'disagree'
 * (the seed's 2006-resolution line); an article that asserts the claim does not dispute it.
 *
 * Checked on FNC-1 TRAIN and Emergent (scripts/stated-claims.ts): the rule never fires on a pair whose gold
 * stance is 'disagree' among those the model calls 'disagree' once headline lists, hedged and embedded
 * ("an article claiming that …") sentences are left out; see `verify` for how it is used.
 */
const MIN_CONTENT_WORDS = 3
/** The stance model's hedges, and their forms it does not list (a report "claiming that" embeds the claim). */
const HEDGE = new Set([...HEDGING, 'claiming', 'alleging', 'rumoured', 'rumored', 'supposedly'])

/** The first sentence of `sentences` that states the claim (see above), or null. */
export function statingSentence(
  claim: PreparedClaim,
  claimWords: Word[],
  text: string,
  sentences: PreparedSentence[],
): PreparedSentence | null {
  if (claim.stems.size < MIN_CONTENT_WORDS || claim.question) return null
  const negation = countIn(claimWords, NEGATE) % 2
  const refuting = countIn(claimWords, REFUTE)
  return (
    sentences.find((sentence) => {
      for (const stem of claim.stems) if (!sentence.stems.has(stem)) return false
      for (const pair of claim.bigrams) if (!sentence.bigrams.has(pair)) return false
      if (countIn(sentence.words, NEGATE) % 2 !== negation) return false
      if (countIn(sentence.words, REFUTE) !== refuting) return false
      if (sentence.quoted || sentence.words.some((word) => HEDGE.has(word.norm))) return false
      return isPlainStatement(text.slice(sentence.start, sentence.end))
    }) ?? null
  )
}

/** One line that ends as a sentence ends (not a headline nor a list of them) and asks nothing. */
function isPlainStatement(sentence: string): boolean {
  const trimmed = sentence.trim()
  return (
    !trimmed.includes('\n') && !trimmed.includes('?') && /[.!]["'\u2019\u201d)]*$/.test(trimmed)
  )
}
