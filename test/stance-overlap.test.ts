import { describe, expect, it } from 'vitest'
import { MIN_WORDS_IN_TEXT, OverlapIndex, overlapKey } from '../eval/stance-overlap.js'

describe('stance leakage overlap (eval/stance-overlap.ts)', () => {
  it('compares texts by letters and digits, as Emergent cleaned its table', () => {
    expect(overlapKey("Sources: Guns N' Roses Frontman Found Dead")).toBe(
      overlapKey('Sources: Guns N Roses Frontman Found Dead'),
    )
    expect(overlapKey('Apple TV Streaming Service For $15 Per Month')).toBe(
      overlapKey('Apple TV Streaming Service For 15 Per Month'),
    )
    expect(overlapKey('Viral Photo Isn’t What It Seems')).toBe(
      overlapKey("Viral Photo Isn't What It Seems"),
    )
    expect(overlapKey('Apple buys HBO')).not.toBe(overlapKey('Apple sells HBO'))
  })

  it('finds a headline whole, or inside a text only when it is long enough to be a sentence', () => {
    const bodies = new OverlapIndex([
      'A stolen member was found. Hearing unconfirmed reports of Saudi pipeline explosion, said a trader.',
    ])
    expect(bodies.contains('Hearing Unconfirmed Reports of Saudi Pipeline Explosion')).toBe(true)
    expect('Stolen Member'.split(' ').length).toBeLessThan(MIN_WORDS_IN_TEXT)
    expect(bodies.contains('Stolen Member')).toBe(false)
    expect(bodies.contains('Saudi pipeline explosion denied by officials')).toBe(false)
    expect(bodies.has('Hearing unconfirmed reports of Saudi pipeline explosion')).toBe(false)
  })

  it('finds an indexed headline inside a short text', () => {
    const headlines = new OverlapIndex([
      "This Is The Most Passive-Aggressive Office Battle We've Ever Seen",
      'Stolen Member',
    ])
    expect(
      headlines.containedIn('This is the most passive-aggressive office battle we’ve ever seen'),
    ).toBe(true)
    expect(headlines.containedIn('Police say the stolen member was returned')).toBe(false)
    expect(headlines.containedIn('Stolen member')).toBe(true)
  })
})
