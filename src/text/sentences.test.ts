import { describe, expect, it } from 'vitest'
import { cpuMillisOf } from '../../test/cpu-time.js'
import { randomTexts } from '../../test/random-texts.js'
import { splitSentences } from './sentences.js'

/**
 * The splitter as it was before the last word before a stop was read back from the stop: the expression
 * `([\p{L}.]+)$` over the sentence so far. The reading back must find the same word in every text.
 */
function splitSentencesByExpression(text: string): { start: number; end: number }[] {
  const abbreviations = new Set(
    'mr mrs ms dr prof gen col lt sgt rep sen gov st jr sr inc corp co ltd vs no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e a.m p.m'.split(
      ' ',
    ),
  )
  const sentences: { start: number; end: number }[] = []
  const push = (start: number, end: number): void => {
    while (start < end && /\s/.test(text[start] ?? '')) start++
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--
    if (end > start) sentences.push({ start, end })
  }
  const boundary = /([.!?]["'\u201d\u2019)]*)\s+(?=["'\u201c\u2018(]?[\p{Lu}\p{N}])|\n\s*\n/gu
  let start = 0
  for (const match of text.matchAll(boundary)) {
    const punct = match[1]
    if (punct !== undefined) {
      const before = text.slice(start, match.index)
      const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase().replace(/\.$/, '')
      if (lastWord !== undefined && (abbreviations.has(lastWord) || /^\p{Lu}$/u.test(lastWord)))
        continue
      if (lastWord !== undefined && lastWord.length === 1) continue
    }
    push(start, match.index + (punct?.length ?? 0))
    start = match.index + match[0].length
  }
  push(start, text.length)
  return sentences
}

/** Pieces of random texts: the characters that matter here, letters (a surrogate pair among them), dots, stops. */
const PIECES = [
  'a',
  'B',
  'é',
  'É',
  '𝐀',
  '\uD835',
  '\uDC00',
  '.',
  '. ',
  '! ',
  '? ',
  ' ',
  '\n\n',
  '"',
  ')',
  '1',
  'Mr',
  'U.S',
  '’',
  ',',
]

describe('splitSentences', () => {
  it('does not end a sentence after an abbreviation, an initial or a dotted initialism', () => {
    const text = 'Mr. Kim met Gen. Lee in the U.S. Army base. J. R. Smith said so. The end.'
    expect(splitSentences(text).map((sentence) => sentence.text)).toEqual([
      'Mr. Kim met Gen. Lee in the U.S. Army base.',
      'J. R. Smith said so.',
      'The end.',
    ])
  })

  it('splits as the expression it replaced did, on random texts', () => {
    for (const text of randomTexts(PIECES, 3000, 7, 60))
      expect(
        splitSentences(text).map(({ start, end }) => ({ start, end })),
        JSON.stringify(text),
      ).toEqual(splitSentencesByExpression(text))
  })

  it('stays linear on a long run of initials', () => {
    // 20,000 dotted initials in one sentence: the expression read the sentence again at every stop.
    const text = `${'A. '.repeat(20_000)}End.`
    const { value: sentences, millis } = cpuMillisOf(() => splitSentences(text))
    expect(sentences).toHaveLength(1)
    expect(millis).toBeLessThan(1000)
  })
})
