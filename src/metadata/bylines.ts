import {
  type Element,
  attr,
  classAndId,
  findAll,
  leadingText,
  textOf,
} from '../extract/html/dom.js'
import { BYLINE_PREFIXES, ORGANISATION_WORDS } from '../data/byline-words.js'
import { isPersonName } from './people.js'

/** A byline shown on the page: its text, where it stands, and how strongly the markup marks it. */
export interface BylineElement {
  text: string
  /** Order of the element among the page's elements (document order). */
  position: number
  /** Marked by rel=author, itemprop=author or a vCard name: a name even when it is one word. */
  structured: boolean
  /** The element's parent, to keep the names of one byline together. */
  group: Element | null
}

// Class/id words of elements that show the article's byline (WordPress, Drupal and newsroom templates).
const BYLINE_HINT =
  /(^|[\s_-])(authors?|author-?name|authorname|byline|bylines|autor|autorin|autoren|verfasser|writer|creator|post-author|entry-author|article-author|meta-author|auth_name|username)($|[\s_-])/i
// Bylines inside these belong to something else: comments, teasers of other stories, author boxes. The word
// must begin or end a class name ("comments-area", "post-related"): inside one it names a layout
// ("sticky-sidebar-parent", "elementor-widget-container").
const FOREIGN_WORDS =
  '(?:comments?|commentlist|comment-author|reply|replies|respond|related|recommend\\w*|more-stories|sidebar|widget|popular|trending|newsletter|recent\\w*|similar|further|read-?more|most-read|author-?bio|authorbox|author-box|about-author|bio|licen[cs]e|(?:photo|image|video)-?credits?)'
const FOREIGN_NAME = new RegExp(`^${FOREIGN_WORDS}(?:[_-]|$)|(?:^|[_-])${FOREIGN_WORDS}$`, 'i')
const isForeign = (hints: string, words = FOREIGN_NAME): boolean =>
  hints.split(/\s+/).some((name) => words.test(name))
// A date's foreign context is narrower: a date under a layout class ("lay-sidebar", "widget-area") may still
// be the article's own, while comments and teasers of other stories date themselves.
const OTHER_ENTRY_WORDS =
  '(?:comments?|commentlist|comment-author|reply|replies|respond|related|recommend\\w*|more-stories|similar|further|read-?more|most-read|popular|trending|teasers?)'
/** Class names of comments and of teasers of other stories. */
export const OTHER_ENTRY_NAME = new RegExp(
  `^${OTHER_ENTRY_WORDS}(?:[_-]|$)|(?:^|[_-])${OTHER_ENTRY_WORDS}$`,
  'i',
)
/** Longest text of an element read as a byline ("Von A und B | 21. April 2020"). */
const MAX_BYLINE_CHARS = 120
/** Ancestors looked at for a foreign context. */
const CONTEXT_LEVELS = 12

/** Elements whose own short text may be a byline written out ("Ein Artikel von A | 27.01.2022"). */
const TEXT_BYLINE_TAGS = new Set([
  'p',
  'span',
  'div',
  'h4',
  'h5',
  'h6',
  'em',
  'strong',
  'b',
  'i',
  'small',
  'li',
  'address',
  'td',
])
/**
 * Prefixes read in visible text: the two-letter words "de", "di", "av" also begin names and sentences, but
 * "By" before a capital at the start of a short line is an English byline.
 */
export const readInText = (word: string): boolean => word.length > 2 || word === 'by'
const TEXT_BYLINE = new RegExp(
  `^[\\s\\-–—•·*]*(?:${BYLINE_PREFIXES.filter(readInText).join('|')})\\s*:?\\s+[\\p{Lu}]`,
  'iu',
)

/**
 * A byline written out in the page's text without byline markup ("Von A", "Autorin: A", "Written by: A"):
 * a short element whose text starts with a byline word and a capital, outside comments and teasers.
 */
export function readTextByline(element: Element, position: number): BylineElement | null {
  if (!TEXT_BYLINE_TAGS.has(element.name) || element.children.length > 12) return null
  const first = element.children.find(
    (child) => !('data' in child) || String(child.data).trim() !== '',
  )
  // Only where the byline word itself stands (not a wrapper whose first child is a whole paragraph).
  if (
    first === undefined ||
    ('name' in first && !['a', 'strong', 'b', 'em', 'i', 'span'].includes(first.name))
  )
    return null
  // The start of the text is read first: most elements fail here, without walking their subtree.
  if (!TEXT_BYLINE.test(leadingText(element, LEADING_CHARS))) return null
  const text = textOf(element)
  if (text.length > MAX_BYLINE_CHARS || !TEXT_BYLINE.test(text)) return null
  if (isForeign(classAndId(element)) || inForeignContext(element)) return null
  return {
    text: text.replace(/^[\s\-–—•·*]+/, ''),
    position,
    structured: false,
    group: element.parent !== null && 'name' in element.parent ? element.parent : null,
  }
}

/** Characters of an element's text read before deciding whether it may be a byline. */
const LEADING_CHARS = 40

/** The byline an element shows, or null when it is no byline (or one of another story or a comment). */
export function readBylineElement(element: Element, position: number): BylineElement | null {
  if (element.name === 'meta' || element.name === 'link' || element.name === 'body') return null
  const rel = attr(element, 'rel') ?? ''
  const hints = classAndId(element)
  const relAuthor = /\bauthor\b/i.test(rel)
  const vcardName = /(^|\s)fn(\s|$)/.test(hints) && /\bauthor|vcard/i.test(hintsAround(element))
  if (!relAuthor && !vcardName && !BYLINE_HINT.test(hints)) return null
  if (isForeign(hints) || inForeignContext(element)) return null
  const text = textOf(element)
  if (text === '' || text.length > MAX_BYLINE_CHARS) return null
  return {
    text,
    position,
    structured: relAuthor || vcardName || linksToOwnProfile(element, text),
    group: element.parent !== null && 'name' in element.parent ? element.parent : null,
  }
}

/** Path words of a person's page on news and blog platforms (WordPress /author/, Drupal /user/, /redaktion/). */
const PROFILE_PATH =
  /[/,_-](?:author|authors|autor|autoren|autorin|auteur|autore|user|users|profile|profil|perfil|redaktion|team|people|staff|members?|writers?|journalist\w*|contributors?|mitarbeiter)[/,_-]/
/** Links looked at inside one byline element. */
const MAX_PROFILE_LINKS = 3

/**
 * A byline that is a link to the named person's own page ("<a href="/author/lars/">Lars</a>",
 * "/redaktion/ulrike"): the name is the account's, so one word names a person as rel=author would.
 */
function linksToOwnProfile(element: Element, text: string): boolean {
  const links = (element.name === 'a' ? [element] : findAll(element, (child) => child.name === 'a'))
    .slice(0, MAX_PROFILE_LINKS)
    .filter((link) => textOf(link).trim() === text.trim())
  const slug = text
    .trim()
    .toLowerCase()
    .replace(/[\s.]+/g, '-')
  if (!/^[\p{L}][\p{L}\p{N}-]{1,40}$/u.test(slug)) return false
  const inPath = new RegExp(`[/,=]${escapeRegExp(slug)}(?:[/.,?#_-]|$)`, 'u')
  return links.some((link) => {
    const path = safePath(attr(link, 'href') ?? '')
    return PROFILE_PATH.test(path) && inPath.test(path)
  })
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The lower-case path of a link, or '' when it cannot be decoded. */
function safePath(href: string): string {
  try {
    return decodeURIComponent(href).toLowerCase()
  } catch {
    return ''
  }
}

function hintsAround(element: Element): string {
  const parent = element.parent
  return parent !== null && 'attribs' in parent ? classAndId(parent) : ''
}

/** Inside comments, teasers of other stories, sidebars or author boxes (within a few ancestors). */
export function inForeignContext(element: Element, words = FOREIGN_NAME): boolean {
  let current = element.parent
  for (let level = 0; level < CONTEXT_LEVELS && current !== null && 'attribs' in current; level++) {
    // The page's own classes ("two-column content-sidebar") say nothing about one element.
    if (current.name === 'body' || current.name === 'html') return false
    // Asides and navigation hold other stories; figures the credits of their pictures.
    if (['aside', 'nav', 'figure', 'figcaption'].includes(current.name)) return true
    if (isForeign(classAndId(current), words)) return true
    current = current.parent
  }
  return false
}

const PREFIX = new RegExp(`^[\\s\\-–—•·*]*(?:${BYLINE_PREFIXES.join('|')})\\s*:?\\s+`, 'iu')
/** Where a byline's names end: a date, a time, a separator before other facts. */
const AFTER_NAMES =
  /\s*(?:[|•·]|\s[-–—]\s|\bam\s+\d|\bon\s+\p{Lu}|\bhace\b|\bpublished\b|\bveröffentlicht\b|\bupdated\b|\baktualisiert\b|\d{1,2}\.\s*\d{1,2}\.|\d{1,2}\.?\s+\p{L}+\s+\d{4}|\p{L}+\s+\d{1,2},\s+\d{4}|\d{4}-\d{2}-\d{2}).*$/u
/** Titles and professions written before a name ("Rechtsanwalt X", "Dr. X"): not part of the name. */
const HONORIFIC =
  /^(?:(?:dr|prof|mag|dipl|ing)\.(?:-\w+\.)?\s+|(?:rechtsanwalt|rechtsanwältin|redakteur|redakteurin|reporter|reporterin|korrespondent|korrespondentin)\s+)+/iu
// An interview credits both sides: "A im Gespräch mit B", "A in conversation with B".
const NAME_SEPARATOR =
  /\s*(?:,|;|\/|&|\+|\bim gespräch mit\b|\bin conversation with\b|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bmit\b|\bwith\b)\s*/iu

/**
 * The names of one byline ("Von A und B | 21. April 2020", "By A, B and C", "Autorin: A, Projektleiterin").
 * Structured bylines (rel=author, vCard, JSON-LD, meta) may name a one-word handle; visible text must show a
 * person's name of two to four words.
 */
export function namesInByline(text: string, structured: boolean): string[] {
  if (/^\s*https?:/i.test(text)) return []
  const clean = text
    .replace(/\u00ad/g, '') // soft hyphens of justified text ("Mat\u00adthi\u00adas")
    .replace(/\s+/g, ' ')
    // An aside after a name ("A (Sponsored Post)", "A (AP)"); one naming a domain ("Deutsche Welle
    // (www.dw.com)") marks an outlet, and stays to keep the whole from reading as a person's name.
    .replace(/\s*\([^().]*\)/g, '')
    .replace(/\s@\w+/g, '') // "Williams Perdomo @wperdomod": the handle is not part of the name
    .replace(PREFIX, '')
    .replace(AFTER_NAMES, '')
    .trim()
  if (clean === '') return []
  const parts = clean.split(NAME_SEPARATOR).map((part) =>
    part
      .replace(PREFIX, '')
      .replace(HONORIFIC, '')
      .replace(/^[\s,.:;]+|[\s,;:]+$/g, ''),
  )
  // "Autorin: A, Projektleiterin der HSS": a role after the name is no second name.
  const names: string[] = []
  // After a part that is no name, a one-word part is a word of it, not a handle ("Bayerische Landesanstalt
  // für Wald und Forstwirtschaft" names no "Forstwirtschaft"); a full name may still follow ("A im Gespräch
  // mit B").
  let failed = false
  for (const part of parts) {
    if (isAuthorName(part, structured) && !(failed && !part.includes(' ')))
      names.push(displayName(part))
    else if (names.length > 0) break
    else failed = true
  }
  return names
}

/** A person's name (or, from structured markup, a one-word handle), never an organisation or a role. */
export function isAuthorName(text: string, structured: boolean): boolean {
  if (text.length < 2 || text.length > 60 || isOrganisationName(text)) return false
  const tokens = text.split(/\s+/)
  if (structured && tokens.length === 1)
    return (
      /^[\p{L}][\p{L}\p{N}_-]{1,29}$/u.test(text) && !/^(https?|null|undefined|none)$/i.test(text)
    )
  if (isPersonName(text)) return true
  // All capitals ("MORITZ GATHMANN") read as the same name in title case.
  return text === text.toUpperCase() && isPersonName(titleCase(text))
}

export function isOrganisationName(text: string): boolean {
  return ORGANISATION_WORDS.test(text)
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, space, letter) => space + letter.toUpperCase())
}

function displayName(name: string): string {
  return name.replace(/\s+/g, ' ').trim()
}
