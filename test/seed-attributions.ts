import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { extract } from '../src/pipeline.js'
import type { Attribution } from '../src/types.js'

const EXAMPLE = new URL('../examples/aurus-gift', import.meta.url).pathname
const EXPECTED = new URL('./seed-attributions.json', import.meta.url)

/** A quotation of the seed story and the speaker the article names for it (its full name as written there). */
export interface SeedQuote {
  file: string
  content: string
  speaker: string
}

export interface SeedQuoteResult extends SeedQuote {
  found: string | null
  ok: boolean
}

const nameKey = (name: string): string => name.toLowerCase().replace(/[-‐]/g, ' ')

/**
 * Each seed quotation with the speaker of the attribution covering it, as `extract` gives it: the article's
 * annotations, speakers resolved to the names the annotation stage recognised.
 */
export function seedQuoteResults(): SeedQuoteResult[] {
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as SeedQuote[]
  const texts = new Map<string, string>()
  const found = new Map<string, Attribution[]>()
  return expected.map((quote) => {
    if (!texts.has(quote.file)) {
      // The article as `extract` gives it: boilerplate removed, annotated once.
      const article = extract(readFileSync(join(EXAMPLE, quote.file)))
      texts.set(quote.file, article.text)
      found.set(quote.file, article.attributions)
    }
    const text = texts.get(quote.file) ?? ''
    const at = text.indexOf(quote.content)
    const covering = (found.get(quote.file) ?? []).find(
      (a) => a.content.start <= at && a.content.end >= at + quote.content.length,
    )
    const speaker = covering?.speaker ?? null
    return {
      ...quote,
      found: speaker,
      ok: speaker !== null && nameKey(speaker) === nameKey(quote.speaker),
    }
  })
}
