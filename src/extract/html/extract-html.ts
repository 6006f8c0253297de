import type { RemovedBlock } from '../../types.js'
import { countWords, isCaption, isContact } from '../blocks.js'
import { boundedMemo } from '../../text/memo.js'
import { comparisonKey, mayStartKey } from '../../text/normalize.js'
import { matchBoilerplate } from '../../data/boilerplate-phrases.js'
import { dropNonContent } from './clean.js'
import { RELAXED_DROP_TAGS } from './hints.js'
import { Element as ElementNode } from 'domhandler'
import {
  type Document,
  type Element,
  classAndId,
  findAll,
  findFirst,
  leadingText,
  textOf,
} from './dom.js'
import { findContentRoots } from './score.js'
import { type HtmlBlock, blocksOf, isHeading } from './serialize.js'

// Calibrated on the dev half of the ScrapingHub benchmark: below this many characters an attempt is taken
// as a failure and the cascade relaxes one rule (Readability uses 500 for the same purpose).
const MIN_ARTICLE_CHARS = 500
/** Short blocks that are mostly link text are navigation or teasers. */
const MAX_LINK_DENSITY = 0.5
const SHORT_BLOCK_WORDS = 30
/**
 * A paragraph this long seen twice is a duplicated region (a pull quote, a second copy of the story for
 * another layout). Shorter repeats are the page's own structure (the same line under each heading of a
 * plan, a table), and kept.
 */
const MIN_DUPLICATE_WORDS = 20

/** How much longer the relaxed attempt must be to replace a short result. */
const RELAXED_GAIN = 2

export interface ExtractedHtml {
  text: string
  removed: RemovedBlock[]
  /** Which attempt of the cascade was kept. */
  attempt: string
  /** Puts back what cleaning removed from the parsed page (for a read of the whole page's text). */
  restorePage: () => void
}

interface Attempt {
  name: string
  kept: string[]
  removed: RemovedBlock[]
}

/**
 * Extracts the story from a parsed page. Cascade: scored container with class hints; then without class
 * hints; then JSON-LD `articleBody` when the page has one and the attempts fall short of it. The longest
 * attempt that passes is kept.
 */
export function extractHtmlBody(
  document: Document,
  options: { title: string | null; articleBody: string | null; description?: string | null },
): ExtractedHtml {
  let restorePage = dropNonContent(document)
  // Pages without <body> (fragments, feeds, broken heads) are read from <html>, or from all their nodes.
  const body =
    findFirst(document, (element) => element.name === 'body') ??
    findFirst(document, (element) => element.name === 'html') ??
    wrapInBody(document)
  const attempts: Attempt[] = []
  for (const useClassHints of [true, false]) {
    const attempt = attemptExtraction(body, useClassHints, options.title)
    attempts.push(attempt)
    if (textLength(attempt) >= MIN_ARTICLE_CHARS) break
  }
  let best = attempts.reduce((a, b) => (textLength(b) > textLength(a) * 1.2 ? b : a))
  if (textLength(best) < MIN_ARTICLE_CHARS / 2) {
    // Last resort: the story may live in an element that never holds one elsewhere (an <aside>).
    restorePage()
    restorePage = dropNonContent(document, RELAXED_DROP_TAGS)
    const relaxed = { ...attemptExtraction(body, false, options.title), name: 'relaxed-tags' }
    if (textLength(relaxed) > Math.max(1, textLength(best)) * RELAXED_GAIN) best = relaxed
  }
  const fromJsonLd = articleBodyAttempt(options.articleBody)
  const chosen =
    fromJsonLd !== null && textLength(fromJsonLd) > textLength(best) * 1.5 ? fromJsonLd : best
  const lead = leadOutside(body, chosen, options.description ?? null)
  return {
    text: (lead === null ? chosen.kept : [lead, ...chosen.kept]).join('\n\n'),
    removed: chosen.removed,
    attempt: chosen.name,
    restorePage: () => restorePage(),
  }
}

/** A lead this short is a tagline, not a paragraph of the story. */
const MIN_LEAD_CHARS = 60
/** Characters of the summary's opening compared first, cheaply, with the start of each element. */
const LEAD_OPENING_CHARS = 24
/** Characters of the summary compared with the page's paragraphs. */
const LEAD_KEY_CHARS = 80

/**
 * The lead paragraph the template shows above the story's container (a teaser under the headline), found as
 * the visible paragraph that the page's own summary (og:description) begins. Only when the extracted text
 * does not already hold it.
 */
function leadOutside(body: Element, chosen: Attempt, description: string | null): string | null {
  if (description === null || description.length < MIN_LEAD_CHARS) return null
  const key = comparisonKey(description).slice(0, LEAD_KEY_CHARS)
  if (key.length < MIN_LEAD_CHARS / 2) return null
  if (comparisonKey(chosen.kept.slice(0, 3).join(' ')).includes(key.slice(0, 40))) return null
  if (comparisonKey(chosen.kept.join(' ')).includes(key)) return null
  const opening = key.slice(0, LEAD_OPENING_CHARS)
  for (const element of findAll(body, (candidate) => LEAD_TAGS.has(candidate.name))) {
    // Most elements fail on their first words, before their whole text is read, and most on their first
    // letter, before a key is built.
    const leading = leadingText(element, LEAD_OPENING_CHARS * 2)
    if (!mayStartKey(leading, opening) || !comparisonKey(leading).startsWith(opening)) continue
    const text = textOf(element)
    if (text.length < MIN_LEAD_CHARS || text.length > description.length * 2 + 40) continue
    const own = comparisonKey(text)
    if (!own.startsWith(key) && !key.startsWith(own.slice(0, LEAD_KEY_CHARS))) continue
    if (LEAD_HINT.test(classAndId(element)) || LEAD_HINT.test(parentHints(element))) return text
  }
  return null
}

const LEAD_TAGS = new Set(['p', 'div', 'h2', 'strong', 'span', 'section'])
/**
 * Class words of a lead paragraph (the teaser the story opens with), as opposed to a subheadline ("dek",
 * "sub-head"), which the ScrapingHub benchmark's articles leave out of the body and trafilatura's keep.
 */
const LEAD_HINT =
  /lead|intro|teaser|einleitung|excerpt|abstract|bajada|epigraph|strapline|standfirst/i

function parentHints(element: Element): string {
  const parent = element.parent
  return parent !== null && 'attribs' in parent ? classAndId(parent) : ''
}

function wrapInBody(document: Document): Element {
  const body = new ElementNode('body', {}, [...document.children])
  for (const child of body.children) child.parent = body
  return body
}

function attemptExtraction(body: Element, useClassHints: boolean, title: string | null): Attempt {
  const found = findContentRoots(body, { useClassHints })
  const roots = found.length === 0 ? [body] : found
  const name = useClassHints ? 'scored-with-class-hints' : 'scored-without-class-hints'
  const kept: HtmlBlock[] = []
  const removed: RemovedBlock[] = []
  const titleKey = title === null ? null : comparisonKey(title)
  const seen = new Set<string>()
  const blocks = roots.flatMap(blocksOf)
  const dense = blocks.map(isLinkDense)
  const commentsFrom = commentSectionStart(blocks)
  blocks.forEach((block, index) => {
    // A link-dense line is navigation when it stands among others like it or is not a sentence; a single
    // linked sentence inside the story ("Get more meal ideas here!") is the story's own.
    const inLinkRun = dense[index - 1] === true || dense[index + 1] === true
    const linkList = dense[index] === true && (inLinkRun || !/[.!?]["”’)]*$/.test(block.text))
    const kind =
      index >= commentsFrom
        ? 'comments'
        : linkList
          ? 'link-list'
          : rejectKind(block, useClassHints, titleKey, seen)
    if (kind === null) kept.push(block)
    else removed.push({ text: block.text, kind })
  })
  // A heading left at the end introduces something that was dropped (a "Related" list).
  while (kept.length > 0 && isHeading(kept.at(-1) as HtmlBlock)) {
    removed.push({ text: (kept.pop() as HtmlBlock).text, kind: 'trailing-heading' })
  }
  return { name, kept: kept.map((block) => block.text), removed }
}

/** Words of kept prose before a comment header that may end the story. */
const MIN_STORY_WORDS_BEFORE_COMMENTS = 40

/**
 * Where the story's comment section starts: the first comment header (in any of the covered languages,
 * "3 Kommentare", "Leave a reply") after some prose. Everything from there on is comments.
 */
function commentSectionStart(blocks: HtmlBlock[]): number {
  let words = 0
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as HtmlBlock
    if (
      words >= MIN_STORY_WORDS_BEFORE_COMMENTS &&
      block.text.length < 80 &&
      boilerplateKind(block.text.trim()) === 'comments'
    )
      return index
    words += block.text.split(/\s+/).length
  }
  return blocks.length
}

/**
 * The phrase lexicon's kind for a short block's trimmed text, remembered: the comment-section scan and the block
 * judgement ask for the same blocks, each attempt asks again, and a site's labels ("Share", "Read more") recur
 * on its pages; each answer runs about fifty patterns. Bounded, as the texts are an open set.
 */
const boilerplateKind = boundedMemo(20_000, (trimmed) => matchBoilerplate(trimmed)?.kind ?? null)

function rejectKind(
  block: HtmlBlock,
  useClassHints: boolean,
  titleKey: string | null,
  seen: Set<string>,
): string | null {
  if (useClassHints && block.negative) return 'class-hint'
  const trimmed = block.text.trim()
  const { tokens, words } = countWords(trimmed)
  const key = comparisonKey(block.text)
  if (titleKey !== null && key === titleKey) return 'title'
  // Only short blocks are judged by the phrase lexicon, so a paragraph of the story is never run through it.
  const lexiconKind = words <= SHORT_BLOCK_WORDS ? boilerplateKind(trimmed) : null
  if (lexiconKind !== null) return lexiconKind
  if (isCaption(trimmed, tokens.length)) return 'caption'
  if (isContact(trimmed, tokens.length)) return 'contact'
  if (words >= MIN_DUPLICATE_WORDS && seen.has(key)) return 'duplicate'
  seen.add(key)
  if (!isHeading(block) && words < 2 && !/[.!?。！？]$/.test(block.text)) return 'fragment'
  return null
}

function isLinkDense(block: HtmlBlock): boolean {
  return (
    block.text.split(/\s+/).length <= SHORT_BLOCK_WORDS &&
    block.linkChars / block.text.length > MAX_LINK_DENSITY
  )
}

function articleBodyAttempt(articleBody: string | null): Attempt | null {
  if (articleBody === null || articleBody.trim() === '') return null
  const kept = articleBody
    .split(/\n\s*\n|\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
  return { name: 'json-ld-articleBody', kept, removed: [] }
}

function textLength(attempt: Attempt): number {
  return attempt.kept.reduce((sum, text) => sum + text.length, 0)
}
