import { stemmer } from 'stemmer'

/**
 * Porter stems, memoised: the story stages stem the same words again and again (each clause, each stance
 * input, each article of every story), and the stemmer's suffix rules are regular expressions. The cache is
 * bounded (cleared when full): a long-running store sees an open vocabulary.
 */
const MAX_KEPT = 100_000
const stems = new Map<string, string>()

export function stem(word: string): string {
  let found = stems.get(word)
  if (found === undefined) {
    if (stems.size >= MAX_KEPT) stems.clear()
    stems.set(word, (found = stemmer(word)))
  }
  return found
}
