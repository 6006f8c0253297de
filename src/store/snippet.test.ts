import { describe, expect, test } from 'vitest'
import { bracketedMatches, MATCH_END, MATCH_START, readSnippet, snippetParts } from './snippet.js'

const marked = (word: string): string => `${MATCH_START}${word}${MATCH_END}`

describe('search snippets', () => {
  test('matches become offsets into the plain text; the text’s own brackets stay text', () => {
    const found = readSnippet(
      `…the car [an ${marked('Aurus')}] was a gift, ${marked('Peskov')} said`,
    )
    expect(found.snippet).toBe('…the car [an Aurus] was a gift, Peskov said')
    expect(found.highlights.map(({ start, end }) => found.snippet.slice(start, end))).toEqual([
      'Aurus',
      'Peskov',
    ])
    expect(snippetParts(found).filter((part) => part.match)).toHaveLength(2)
    expect(bracketedMatches(found)).toBe('…the car [an [Aurus]] was a gift, [Peskov] said')
  })

  test('markers a hostile text carried itself mark nothing and never reach the output', () => {
    const found = readSnippet(`a${MATCH_END}b${MATCH_START}c ${marked('d')} e${MATCH_START}`)
    expect(found.snippet).toBe('abc d e')
    expect(found.highlights).toEqual([{ start: 4, end: 5 }])
    expect(readSnippet(`${MATCH_START}${MATCH_END}x`)).toEqual({ snippet: 'x', highlights: [] })
  })
})
