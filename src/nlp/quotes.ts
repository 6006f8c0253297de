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

/** A role and at most one more name word right before the end of a window ("Kremlin spokesman Dmitry "). */
const ROLE_BEFORE = new RegExp(
  String.raw`((?:\p{Lu}[\p{L}-]*\s+)?(?:${SPEAKER_ROLES.join('|')}))\s+(?:\p{Lu}[\p{L}-]+\s+)?$`,
  'iu',
)
/** Enough characters before a name to hold a role and a first name. */
const ROLE_WINDOW = 120

/**
 * The role written before a speaker's name anywhere in the text ("Kremlin spokesman Dmitry Peskov"), at its
 * first such mention. Only the places the surname occurs are examined, not the whole text per quote.
 */
function roleOf(text: string, speaker: string): string | null {
  const surname = speaker.split(/\s+/).at(-1) ?? ''
  if (surname === '') return null
  const mentions = new RegExp(`${surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'giu')
  for (const mention of text.matchAll(mentions)) {
    const start = Math.max(0, mention.index - ROLE_WINDOW)
    // A window that starts inside a word starts at the next word.
    const window = text.slice(start, mention.index)
    const before = start === 0 ? window : window.replace(/^\S*\s/, '')
    const role = ROLE_BEFORE.exec(before)?.[1]?.trim()
    if (role !== undefined) return role
  }
  return null
}
