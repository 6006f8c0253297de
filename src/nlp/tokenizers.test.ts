import { describe, expect, it } from 'vitest'
import { BEYOND_ASCII, randomTexts } from '../../test/random-texts.js'
import { tagTokens } from './attributions/tokens.js'
import { tokenize } from './ner/tokenize.js'

/**
 * The two tokenisers' patterns as they were before they were read by character codes (issue 16; the name
 * tokeniser's hyphen stops before an initialism since session 26): the scanners
 * must find the same tokens, at the same offsets, in every text.
 */
const NAME_TOKEN =
  /\p{Lu}(?:\.\p{Lu})+\.?|\p{Lu}\.(?=\s+\p{Lu}\p{Ll})|[\p{L}\p{M}\p{N}]+(?:(?:[-‐'’&][\p{L}\p{M}\p{N}]{2,}|[-‐](?!\p{Lu}\.\p{Lu})[\p{L}\p{M}\p{N}]+))*|['’]s\b|\S/gu
const TAG_TOKEN = /[\p{L}\p{N}]+(?:['’.\-&][\p{L}\p{N}]+)*|\S/gu

const spans = (text: string, pattern: RegExp): [number, number][] =>
  [...text.matchAll(pattern)].map((match) => [match.index, match.index + match[0].length])
const offsets = (tokens: { start: number; end: number }[]): [number, number][] =>
  tokens.map((token) => [token.start, token.end])

/**
 * Pieces of random texts, what the patterns tell apart: capitals and lower case (accented, caseless, astral), a
 * combining mark, digits (an astral one), the joiners and dots, the possessive, white space beyond ASCII
 * (no-break, ideographic), lone surrogates, an emoji.
 */
const PIECES = [
  'a',
  'b',
  's',
  'B',
  'K',
  ...BEYOND_ASCII,
  'ß',
  '😀',
  '1',
  '_',
  '.',
  '-',
  '‐',
  "'",
  '’',
  '&',
  '"',
  ',',
  ' ',
  '  ',
  '\n',
  '\u00a0',
  '\u3000',
  '\ufeff',
  'ﬁ',
  '\t',
]

const SAMPLE =
  "Raj K. Chohan of the U.S. Army and the U.N., Kim Jong-un's sister Kim Yo‐Jong, O'Brien’s AT&T don’t co-op. " +
  "“Rolls-Royce,” said Mr. Peskov in Moscow — 5.000 km; the F.B.I. U.Shaped K.  Xy 's 'sa ’s\n\nÉlysée 𝐀𝐚 café\u0301."

describe('tokenisers read by character codes', () => {
  it('find the tokens the name tokeniser’s pattern found', () => {
    for (const text of [SAMPLE, ...randomTexts(PIECES, 4000, 11, 40)])
      expect(offsets(tokenize(text)), JSON.stringify(text)).toEqual(spans(text, NAME_TOKEN))
  })

  it('find the tokens the attribution tokeniser’s pattern found', () => {
    for (const text of [SAMPLE, ...randomTexts(PIECES, 4000, 13, 40)])
      expect(offsets(tagTokens(text)), JSON.stringify(text)).toEqual(spans(text, TAG_TOKEN))
  })
})
