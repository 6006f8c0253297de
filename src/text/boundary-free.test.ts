import { describe, expect, it } from 'vitest'
import { BOILERPLATE_PATTERNS, matchBoilerplate } from '../data/boilerplate-phrases.js'
import { prefiltered, withoutWordBoundaries } from './boundary-free.js'

// Texts where `\b` under `iu` decides: glued words, and the two characters that case-fold to ASCII word
// characters (ſ to s, the Kelvin sign to k), which `iu` counts as word characters.
const EDGES = [
  'trackback-url',
  'xtrackback-url',
  'trackback-urlx',
  'tracſback-url',
  'ſtrackback-url',
  'trackback-url\u212A',
  'In your inbox',
  'inyour inbox',
  'OUR TELEGRAM CHANNEL',
  'our telegram channelſ',
  'Straight to your phone.',
  'E-Mail (wird benötigt und nicht veröffentlicht)',
  'emailnicht veröffentlicht',
  'Hazte socio',
  'hazte sociok',
  'hazte socio\u212A',
  'Subscribe to The Times newsletters',
  'Sign up here!',
]

describe('withoutWordBoundaries', () => {
  it('drops \\b outside character classes only', () => {
    expect(withoutWordBoundaries(/\bab\b[\b]\\b/iu)?.source).toBe('ab[\\b]\\\\b')
  })

  it('leaves patterns alone that are fast already or stateful', () => {
    expect(withoutWordBoundaries(/\bab\b/i)).toBeNull()
    expect(withoutWordBoundaries(/\bab\b/u)).toBeNull()
    expect(withoutWordBoundaries(/ab/iu)).toBeNull()
    expect(withoutWordBoundaries(/\bab\b/giu)).toBeNull()
  })

  it('gives no test for a pattern with a negative lookaround, which dropping \\b would narrow', () => {
    // "ab" matches a(?!\bb) (no boundary between a and b), while a(?!b) refuses it.
    expect(/a(?!\bb)/iu.test('ab') && !/a(?!b)/iu.test('ab')).toBe(true)
    expect(withoutWordBoundaries(/a(?!\bb)/iu)).toBeNull()
    expect(withoutWordBoundaries(/(?<!\bx)a\b/iu)).toBeNull()
    expect(prefiltered(/a(?!\bb)/iu)('ab')).toBe(true)
  })
})

describe('prefiltered', () => {
  it('answers as the pattern does where its boundaries decide', () => {
    const patterns = BOILERPLATE_PATTERNS.map((entry) => entry.pattern).filter(
      (pattern) => withoutWordBoundaries(pattern) !== null,
    )
    // The lexicon's slow patterns are the ones prefiltered (five of them took most of its time on ECB+).
    expect(patterns.length).toBeGreaterThanOrEqual(5)
    for (const pattern of patterns)
      for (const text of EDGES)
        expect([pattern.source, text, prefiltered(pattern)(text)]).toEqual([
          pattern.source,
          text,
          pattern.test(text),
        ])
  })

  it("keeps the lexicon's first match", () => {
    const plain = (line: string) =>
      BOILERPLATE_PATTERNS.find((entry) => entry.pattern.test(line.trim()))?.kind ?? null
    const kinds = EDGES.map((text) => matchBoilerplate(text)?.kind ?? null)
    expect(kinds).toEqual(EDGES.map(plain))
    expect(kinds.filter((kind) => kind !== null).length).toBeGreaterThan(5)
  })
})
