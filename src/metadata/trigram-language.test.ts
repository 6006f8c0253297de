import { franc } from 'franc-min'
import { data } from 'franc-min/data.js'
import { expect, test } from 'vitest'
import { francLanguage } from './trigram-language.js'

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const scripts = Object.values(data).map((models) =>
  Object.values(models).map((model) => model.split('|')),
)
// Characters of other scripts, digits, punctuation, whitespace of several kinds and case pairs.
const NOISE = [
  ...'0123456789 .,;:!?-–"\'()\n\t\u00a0\u2003ÄÖÜẞİıΣσ日本語中文한국어ไทยעבריתहिंदीবাংলাاردو',
]

/** Texts made of real trigrams of one or two languages of one script, with noise, of any length. */
function sampleText(next: () => number): string {
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T
  const script = pick(scripts)
  const languages = [pick(script), pick(script)]
  const parts: string[] = []
  const length = Math.floor(next() * 700)
  for (let size = 0; size < length;) {
    const part =
      next() < 0.8
        ? pick(next() < 0.7 ? (languages[0] as string[]) : (languages[1] as string[]))
        : pick(NOISE)
    parts.push(next() < 0.2 ? part.toUpperCase() : part)
    size += part.length
  }
  return parts.join(next() < 0.5 ? '' : ' ')
}

test('the language is the one franc gives, on texts of every script franc-min models', () => {
  const next = random(17)
  for (let index = 0; index < 1000; index++) {
    const text = sampleText(next)
    expect(francLanguage(text), JSON.stringify(text)).toBe(franc(text, { minLength: 40 }))
  }
})

test('short, empty, digit-only and single-script texts are answered as franc answers them', () => {
  const texts = [
    '',
    'Too short to tell.',
    '1234567890 '.repeat(10),
    '!!!! ???? .... '.repeat(5),
    '日本語のテキストはここにあります。'.repeat(4),
    '한국어 텍스트가 여기에 있습니다. '.repeat(4),
    'The council voted on Tuesday to approve the budget for the coming year, after a long debate.',
    'Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr nach langer Debatte beschlossen.',
  ]
  for (const text of texts) expect(francLanguage(text)).toBe(franc(text, { minLength: 40 }))
})
