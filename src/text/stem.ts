import { stemmer } from 'stemmer'
import { boundedMemo } from './memo.js'

/**
 * Porter stems, memoised: the story stages stem the same words again and again (each clause, each stance
 * input, each article of every story), and the stemmer's suffix rules are regular expressions. The cache is
 * bounded (cleared when full): a long-running store sees an open vocabulary.
 */
const MAX_KEPT = 100_000

export const stem: (word: string) => string = boundedMemo(MAX_KEPT, stemmer)
