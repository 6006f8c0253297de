import { describe, expect, it } from 'vitest'
import { seedQuoteResults } from './seed-attributions.js'

describe('seed story attributions (examples/aurus-gift)', () => {
  it('gives every quotation its speaker’s full name as the article writes it', () => {
    const wrong = seedQuoteResults()
      .filter((result) => !result.ok)
      .map(({ file, content, speaker, found }) => ({ file, content, speaker, found }))
    expect(wrong).toEqual([])
  })
})
