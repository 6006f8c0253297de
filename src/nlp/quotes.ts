import { findQuotations } from '../text/quotations.js'
import { REPORTING_VERBS, SPEAKER_ROLES } from '../data/reporting.js'

/** A direct quotation in one article, with its speaker when the sentence names one. */
export interface QuoteMention {
  text: string
  start: number
  end: number
  speaker: string | null
  speakerRole: string | null
}

const MIN_QUOTE_WORDS = 6
const NAME = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}`
const VERBS = REPORTING_VERBS.join('|')
// "…," Peskov said / "…," said Andrei Lankov / Mr Peskov added / Kremlin spokesman Dmitry Peskov said
// A role may stand before the name ("Kremlin spokesman Dmitry Peskov said"): skip up to three words.
const AFTER = new RegExp(
  String.raw`^[\s,.”"’]*(?:(?:${VERBS})\s+((?:Mr\.?|Ms\.?|Mrs\.?)?\s*${NAME})|(?:[\p{L}-]+\s+){0,3}?((?:Mr\.?|Ms\.?|Mrs\.?)?\s*${NAME})\s+(?:${VERBS}))`,
  'u',
)
const BEFORE = new RegExp(
  String.raw`((?:Mr\.?|Ms\.?|Mrs\.?)?\s*${NAME})\s+(?:${VERBS})[^.“"]{0,60}[:,]?\s*$`,
  'u',
)

/** Quotations of at least six words, each with the speaker named right after or right before it. */
export function extractQuotes(text: string): QuoteMention[] {
  return findQuotations(text)
    .filter(
      (quotation) =>
        text.slice(quotation.start, quotation.end).split(/\s+/).length >= MIN_QUOTE_WORDS,
    )
    .map((quotation) => {
      const after = AFTER.exec(text.slice(quotation.end, quotation.end + 120))
      const before = BEFORE.exec(
        text.slice(Math.max(0, quotation.start - 150), quotation.start - 1),
      )
      const speaker = cleanSpeaker(after?.[1] ?? after?.[2] ?? before?.[1] ?? null)
      return {
        text: text.slice(quotation.start, quotation.end),
        start: quotation.start,
        end: quotation.end,
        speaker,
        speakerRole: speaker === null ? null : roleOf(text, speaker),
      }
    })
}

function cleanSpeaker(name: string | null): string | null {
  if (name === null) return null
  const clean = name.replace(/^(Mr|Ms|Mrs)\.?\s+/, '').trim()
  return /^(He|She|They|It|The|This|That|We|I)$/.test(clean) ? null : clean
}

/** The role written before a speaker's full name ("Kremlin spokesman Dmitry Peskov"). */
function roleOf(text: string, speaker: string): string | null {
  const pattern = new RegExp(
    String.raw`((?:\p{Lu}[\p{L}-]*\s+)?(?:${SPEAKER_ROLES.join('|')}))\s+(?:\p{Lu}[\p{L}-]+\s+)?${speaker.split(/\s+/).at(-1) ?? ''}\b`,
    'iu',
  )
  return pattern.exec(text)?.[1]?.trim() ?? null
}
