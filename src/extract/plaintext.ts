import type { RemovedBlock } from '../types.js'
import { comparisonKey } from '../text/normalize.js'
import { markAppeals } from './appeals.js'
import { type BlockFeatures, blockFeatures } from './blocks.js'

/** The body of a plain-text scrape, with every other line kept in `removed` under its kind. */
export interface ExtractedText {
  text: string
  removed: RemovedBlock[]
  /** The headline line, cleaned of breadcrumbs and markers, if one was found. */
  title: string | null
}

/** Lexicon kinds that end the story when they follow it (comment forms, tag lists, ratings, link lists). */
const STOP_KINDS = new Set(['comments', 'login', 'tags', 'rating'])
/** Related-link headers end the story only as a bare header line ("Related"), not as an inline teaser. */
const HEADER_MAX_WORDS = 3
const BYLINE =
  /^(by\s+)?\p{Lu}[\p{L}'.-]+(\s+(\p{Lu}\.|\p{Lu}[\p{L}'.-]+|van|de|von|da|del|bin)){1,3}$/u
const DATE_LINE =
  /\b(\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4})\b/i
// An image or link marker glued to the headline in scrapes ("NextImg:Headline").
const GLUED_MARKER = /^[A-Za-z]{2,12}:(?=\p{Lu})/u

/**
 * Extracts the body of a plain-text scrape. The body is the run of lines from the first long sentence-shaped
 * line to the last sentence-shaped line before a stop marker (comments, tags, ratings); inside it, lexicon
 * lines, captions, duplicates and appeal boxes are removed. Lines before it are the header (headline,
 * standfirst, byline, dates, site name), lines after it the trailer.
 */
export function extractPlainText(content: string): ExtractedText {
  const lines = content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const blocks = lines.map(blockFeatures)
  const kinds: (string | null)[] = blocks.map(() => null)
  markAppeals(blocks).forEach((isAppeal, index) => isAppeal && (kinds[index] = 'appeal'))
  markCaptions(blocks, kinds)
  markDuplicates(blocks, kinds)

  const isStoryLine = (index: number): boolean => {
    const block = blocks[index]
    return (
      block !== undefined &&
      kinds[index] === null &&
      block.lexiconKind === null &&
      !block.contact &&
      !block.contributors
    )
  }
  // The body starts at the first long sentence; a short scrape without one (a brief, a single line) starts
  // at its first sentence, else at its first line that is not boilerplate: text a reader can read is never
  // emptied.
  const startRules: ((block: BlockFeatures, index: number) => boolean)[] = [
    (block, index) => block.prose && block.words >= 15 && isStoryLine(index),
    (block, index) => block.prose && isStoryLine(index),
    (block, index) =>
      block.words >= 3 &&
      /[.!?…]["'”’)]*$/.test(block.text) &&
      /\p{Ll}/u.test(block.text) &&
      isStoryLine(index),
    (block, index) => block.words >= 2 && isStoryLine(index),
  ]
  const bodyStart =
    startRules.map((rule) => blocks.findIndex(rule)).find((index) => index !== -1) ?? -1
  if (bodyStart === -1)
    return { text: '', removed: lines.map((text) => ({ text, kind: 'no-body' })), title: null }
  const stop = blocks.findIndex((block, index) => index > bodyStart && isStopMarker(block))
  const limit = stop === -1 ? blocks.length : stop
  let bodyEnd = bodyStart
  for (let index = bodyStart; index < limit; index++) {
    if (blocks[index]?.prose && isStoryLine(index)) bodyEnd = index
  }

  const title = classifyHeader(blocks.slice(0, bodyStart), kinds)
  for (let index = bodyStart; index <= bodyEnd; index++)
    kinds[index] ??= bodyLineKind(blocks[index])
  for (let index = bodyEnd + 1; index < blocks.length; index++)
    kinds[index] ??= trailerKind(blocks[index])

  const body: string[] = []
  const removed: RemovedBlock[] = []
  blocks.forEach((block, index) => {
    const kind = kinds[index]
    if (kind === null || kind === undefined) body.push(block.text)
    else removed.push({ text: block.text, kind })
  })
  return { text: body.join('\n\n'), removed, title }
}

function isStopMarker(block: BlockFeatures): boolean {
  if (block.lexiconKind !== null && STOP_KINDS.has(block.lexiconKind)) return true
  return block.lexiconKind === 'related' && block.words <= HEADER_MAX_WORDS
}

/** A line followed by the same words plus a photo credit is the caption shown twice (alt text + caption). */
function markCaptions(blocks: BlockFeatures[], kinds: (string | null)[]): void {
  blocks.forEach((block, index) => {
    if (!block.caption) return
    kinds[index] = 'caption'
    const previous = blocks[index - 1]
    if (previous !== undefined && block.text.startsWith(previous.text)) kinds[index - 1] = 'caption'
  })
}

function markDuplicates(blocks: BlockFeatures[], kinds: (string | null)[]): void {
  const seen = new Set<string>()
  blocks.forEach((block, index) => {
    const key = comparisonKey(block.text)
    if (key.split(' ').length >= 3 && seen.has(key)) kinds[index] ??= 'duplicate'
    seen.add(key)
  })
}

/** Assigns kinds to header lines and returns the headline. */
function classifyHeader(header: BlockFeatures[], kinds: (string | null)[]): string | null {
  let title: string | null = null
  header.forEach((block, index) => {
    if (kinds[index] !== null) return
    // A label-and-date line ("Date: 2025-04-23", "Aktualisiert am 17.01.2021") is boilerplate in a page's
    // body, but in a plain header it is the date line the article's dates are read from.
    if (block.lexiconKind !== null && block.lexiconKind !== 'date-line')
      kinds[index] = block.lexiconKind
    else if (block.lexiconKind === 'date-line' || (block.words <= 12 && DATE_LINE.test(block.text)))
      kinds[index] = 'date'
    else if (index === 0 && block.text === block.text.toUpperCase() && /\p{Lu}/u.test(block.text))
      kinds[index] = 'site'
    else if (title === null && block.words >= 4 && /\p{Ll}/u.test(block.text)) {
      kinds[index] = 'title'
      title = block.text.replace(GLUED_MARKER, '').trim()
    } else if (title !== null && block.words >= 8 && !BYLINE.test(block.text))
      kinds[index] = 'standfirst'
    else if (BYLINE.test(block.text)) kinds[index] = 'byline'
    else kinds[index] = 'header'
  })
  return title
}

function bodyLineKind(block: BlockFeatures | undefined): string | null {
  if (block === undefined) return null
  if (block.lexiconKind !== null) return block.lexiconKind
  if (block.contact) return 'contact'
  if (block.contributors) return 'contributors'
  return null
}

/** After the story every line goes: under its own kind when it has one, else as a link list or trailer. */
function trailerKind(block: BlockFeatures | undefined): string {
  return bodyLineKind(block) ?? (block?.listItem === true ? 'link-list' : 'trailer')
}
