import {
  type Document,
  type Element,
  attr,
  classAndId,
  descendants,
  isTag,
  isText,
  textOf,
} from '../extract/html/dom.js'
import { labelBefore } from './dates.js'
import type { Evidence } from '../types.js'
import {
  type BylineElement,
  OTHER_ENTRY_NAME,
  inForeignContext,
  readBylineElement,
  readTextByline,
} from './bylines.js'
import { type JsonObject, decodeText, parseJsonLd, readJsonLdFacts } from './json-ld.js'

/** What a page's markup says about itself, gathered before the body is cleaned. */
export interface PageMeta {
  titles: Evidence[]
  /** The page's visible headings (h1, h2) in document order, for the headline by agreement. */
  headings: { tag: string; text: string }[]
  siteName: string | null
  /** Authors named by machine-readable markup (meta tags, JSON-LD, microdata), with where. */
  authors: Evidence[]
  /** Bylines shown on the page, outside comments and teasers of other stories. */
  bylines: BylineElement[]
  /** Bylines written out in the page's text without byline markup ("Von A", "Autorin: A"). */
  textBylines: BylineElement[]
  /** Organisations the markup names (publisher, Organization nodes): never authors. */
  organisations: string[]
  publisherName: string | null
  canonicalUrl: string | null
  /** The article's own URL from JSON-LD (`url`, `mainEntityOfPage`). */
  articleUrl: string | null
  /** Date strings with the kind of place they were found ('json-ld-published', 'meta-published', 'time'…). */
  dates: Evidence[]
  articleBody: string | null
  /** The page's own summary (og:description, description), which many templates also show as the lead. */
  description: string | null
  lang: string | null
}

// Meta names and properties that carry a publication or modification date (htmldate and trafilatura document
// the same families: Open Graph article:*, Dublin Core, Parsely, sailthru, schema.org itemprop).
const PUBLISHED_META =
  /^(article:published_time|og:published_time|og:article:published_time|datepublished|date|dc\.date|dc\.date\.issued|dc\.date\.created|dcterms\.created|dcterms\.date|dcterms\.issued|pubdate|publishdate|publish-date|publish_date|published_time|published-date|article_date_original|sailthru\.date|parsely-pub-date|cxenseparse:recs:publishtime|original-publish-date|article\.published|datecreated|creation_date|date_published|pub_date|citation_publication_date|citation_date|displaydate|el:article:published_time|rnews:datepublished|release_date|og:pubdate|bt:pubdate|analyticsattributes\.articledate|createdate)$/i
const MODIFIED_META =
  /^(article:modified_time|og:updated_time|og:modified_time|datemodified|dc\.date\.modified|dcterms\.modified|lastmod|last-modified|modified_time|updated_time|article:modified|revised|dateupdated|lastmodified|update_date)$/i

export function readPageMeta(document: Document): PageMeta {
  const meta: PageMeta = {
    titles: [],
    headings: [],
    siteName: null,
    authors: [],
    bylines: [],
    textBylines: [],
    organisations: [],
    publisherName: null,
    canonicalUrl: null,
    articleUrl: null,
    dates: [],
    articleBody: null,
    description: null,
    lang: null,
  }
  const jsonLd: JsonObject[] = []
  const labels = new Map<string, string>()
  let position = 0
  for (const element of descendants(document)) {
    position++
    if (meta.bylines.length < MAX_BYLINES) {
      const byline = readBylineElement(element, position)
      if (byline !== null) meta.bylines.push(byline)
    }
    if (meta.textBylines.length < MAX_BYLINES) {
      const byline = readTextByline(element, position)
      if (byline !== null) meta.textBylines.push(byline)
    }
    switch (element.name) {
      case 'html':
        meta.lang ??= attr(element, 'lang') ?? attr(element, 'xml:lang')
        break
      case 'meta':
        readMetaTag(element, meta, labels)
        break
      case 'link':
        if (/\bcanonical\b/i.test(attr(element, 'rel') ?? ''))
          meta.canonicalUrl ??= attr(element, 'href')
        break
      case 'title':
        // Only the page's own <title>: later ones name SVG icons ("Facebook", "Email").
        if (meta.titles.every((title) => title.kind !== 'title-tag'))
          pushText(meta.titles, 'title-tag', textOf(element))
        break
      case 'h1':
      case 'h2':
        readHeading(element, meta)
        break
      case 'time':
        readTimeElement(element, meta)
        break
      case 'script':
        if (/ld\+json/i.test(attr(element, 'type') ?? ''))
          jsonLd.push(...parseJsonLd(scriptText(element)))
        else readScriptDate(scriptText(element), meta)
        break
      default:
        if (element.attribs.itemprop !== undefined || element.attribs.property !== undefined)
          readItemprop(element, meta)
        else readDateElement(element, meta)
    }
  }
  readJsonLd(jsonLd, meta)
  readTwitterLabels(labels, meta)
  return meta
}

/** Bylines read from one page at most (listing pages show one per teaser). */
const MAX_BYLINES = 40
/** Headings read from one page at most. */
const MAX_HEADINGS = 40

/** Class words of a kicker (overline) printed inside the headline's element, before the headline. */
const KICKER_CLASS =
  /(^|[\s_-])(kicker|overline|dachzeile|roofline|topline|sub-?heading|eyebrow|supertitle|pretitle|spitzmarke)($|[\s_-])/i

function readHeading(element: Element, meta: PageMeta): void {
  const text = textOf(element).replace(/\u00ad/g, '')
  if (text === '' || meta.headings.length >= MAX_HEADINGS) return
  // The headline by agreement reads the heading without its kicker; the h1 title keeps the whole text, which
  // the body's extraction finds and drops as the headline's line.
  meta.headings.push({ tag: element.name, text: withoutKickerChild(element, text) })
  // A heading made of parts (a kicker span, then the headline span): each part may be the headline.
  const parts = element.children.filter(isTag).map((child) => textOf(child).replace(/\u00ad/g, ''))
  if (parts.filter((part) => part !== '').length >= 2)
    for (const part of parts) if (part !== '') meta.headings.push({ tag: element.name, text: part })
  if (element.name === 'h1' && meta.titles.every((title) => title.kind !== 'h1'))
    pushText(meta.titles, 'h1', text)
}

/**
 * A heading's text without the kicker its first part shows ("<span class="overline">Die Zukunft der
 * Arbeit</span>"Wir dekorieren …""): the headline is the rest, set apart by a break, a dash or a colon.
 */
function withoutKickerChild(element: Element, text: string): string {
  const first = element.children.find((child) => isTag(child) || textOf(child).trim() !== '')
  if (first === undefined || !isTag(first) || !KICKER_CLASS.test(classAndId(first))) return text
  const kicker = textOf(first).replace(/\u00ad/g, '')
  if (kicker === '' || !text.startsWith(kicker)) return text
  const rest = text.slice(kicker.length).replace(/^[\s\-–—:|]+/, '')
  return rest === '' ? text : rest
}

// Label words of Twitter's "label1/data1" pairs that name the author (Yoast writes them in the site language).
const WRITTEN_BY =
  /^(written by|verfasst von|geschrieben von|écrit par|escrito por|scritto da|geschreven door|autor|author)$/i

/** `twitter:label1 = "Written by"` with `twitter:data1 = "Name"`. */
function readTwitterLabels(labels: Map<string, string>, meta: PageMeta): void {
  for (const [key, label] of labels) {
    const data = labels.get(key.replace('label', 'data'))
    if (key.includes('label') && data !== undefined && WRITTEN_BY.test(label.trim()))
      pushText(meta.authors, 'twitter-written-by', data)
  }
}

// Class or id words of elements that show a date (htmldate looks in the same places before scanning the text).
const DATE_ELEMENT_HINT =
  /(^|[\s_-])(date|datum|time|published|publish-date|pubdate|posted|post-date|entry-date|byline|dateline|meta-date|article-date|fecha|data)($|[\s_-])/i
const NOT_PUBLICATION = /updat|modif|comment|event|expir/i

/** A short element whose class/id says it shows a date ("<p class="date">15 августа 2016</p>"). */
function readDateElement(element: Element, meta: PageMeta): void {
  const hints = classAndId(element)
  if (hints === '' || !DATE_ELEMENT_HINT.test(hints) || NOT_PUBLICATION.test(hints)) return
  // The dates of comments and of teasers of other stories are theirs, not the article's.
  if (inForeignContext(element, OTHER_ENTRY_NAME)) return
  const title = attr(element, 'title') ?? attr(element, 'data-date') ?? attr(element, 'content')
  const text = textOf(element)
  if (title !== null && /\d{4}/.test(title)) meta.dates.push({ kind: 'date-element', text: title })
  else if (text.length > 5 && text.length < 120 && /\d/.test(text))
    meta.dates.push({ kind: 'date-element', text })
}

// A publication date under a well-known key in a page's own script data (shop and app frameworks that ship
// their content as JSON: "published_at", "createdAt"…). Only the first one counts; scripts are scanned this far.
const SCRIPT_DATE =
  /"(?:datePublished|date_published|published_at|publishedAt|publishDate|publish_date|pubDate|publishedDate|publicationDate|createdAt|created_at|dateCreated)"\s*:\s*"(\d{4}-\d{2}-\d{2}[^"]{0,30})"/
const SCRIPT_SCAN = 200_000

function readScriptDate(source: string, meta: PageMeta): void {
  if (meta.dates.some((found) => found.kind === 'script-published')) return
  const match = SCRIPT_DATE.exec(
    source.length > SCRIPT_SCAN ? source.slice(0, SCRIPT_SCAN) : source,
  )
  if (match?.[1] !== undefined) meta.dates.push({ kind: 'script-published', text: match[1] })
}

/**
 * The raw text of a script element (textOf skips scripts on purpose). A loop rather than `map(…).join`: an
 * empty script's empty array gave that call a second shape, and V8 threw away readPageMeta's optimised code
 * each time it met one (issue 17).
 */
function scriptText(element: Element): string {
  let text = ''
  for (const child of element.children) if ('data' in child) text += String(child.data)
  return text
}

function readMetaTag(element: Element, meta: PageMeta, labels: Map<string, string>): void {
  const key = (
    attr(element, 'property') ??
    attr(element, 'name') ??
    attr(element, 'itemprop') ??
    attr(element, 'http-equiv') ??
    ''
  ).trim()
  const content = (attr(element, 'content') ?? '').trim()
  if (key === '' || content === '') return
  const lower = key.toLowerCase()
  if (/^twitter:(label|data)\d$/.test(lower)) labels.set(lower, content)
  else if (lower === 'og:title' || lower === 'twitter:title') pushText(meta.titles, lower, content)
  else if (lower === 'og:site_name' || lower === 'application-name' || lower === 'al:ios:app_name')
    meta.siteName ??= content
  else if (
    /^(author|article:author|dc\.creator|dc:creator|dcterms\.creator|dcterms:creator|sailthru\.author|parsely-author|shareaholic:article_author_name|byl|citation_author)$/.test(
      lower,
    ) &&
    !/^https?:/i.test(content)
  )
    pushText(meta.authors, lower, content)
  else if (lower === 'og:url') meta.canonicalUrl ??= content
  else if (lower === 'og:description' || lower === 'description' || lower === 'twitter:description')
    meta.description ??= decodeText(content)
  else if (PUBLISHED_META.test(lower))
    meta.dates.push({ kind: `meta-published:${lower}`, text: content })
  else if (MODIFIED_META.test(lower))
    meta.dates.push({ kind: `meta-modified:${lower}`, text: content })
  else if (lower === 'og:locale' || lower === 'content-language' || lower === 'language')
    meta.lang ??= content
}

function readTimeElement(element: Element, meta: PageMeta): void {
  // The times of comments and of teasers of other stories are theirs, not the article's.
  if (inForeignContext(element, OTHER_ENTRY_NAME)) return
  const datetime = attr(element, 'datetime') ?? attr(element, 'content')
  const hints = `${element.attribs.class ?? ''} ${element.attribs.itemprop ?? ''} ${attr(element, 'pubdate') !== null ? 'pubdate' : ''}`
  // The words just before the element label it as well as its class does ("Updated <time …>").
  const label = labelBefore(textBefore(element))
  const kind =
    /modif|updat/i.test(hints) || label === 'modified'
      ? 'time-modified'
      : /publish|pubdate|date-?pub|entry-date|posted/i.test(hints) || label === 'published'
        ? 'time-published'
        : 'time'
  if (datetime !== null && datetime.trim() !== '') meta.dates.push({ kind, text: datetime.trim() })
  else {
    const text = textOf(element)
    if (text !== '' && text.length < 80) meta.dates.push({ kind: `${kind}-text`, text })
  }
}

/** Characters of text before an element read for a label. */
const LABEL_CHARS = 60

/** The text just before an element inside its parent ("Last updated: " before a <time>). */
function textBefore(element: Element): string {
  const parent = element.parent
  if (parent === null) return ''
  let text = ''
  for (let index = parent.children.indexOf(element) - 1; index >= 0; index--) {
    const sibling = parent.children[index]
    if (sibling === undefined) break
    text = (isText(sibling) ? sibling.data : isTag(sibling) ? textOf(sibling) : '') + text
    if (text.length >= LABEL_CHARS) break
  }
  return text.replace(/\s+/g, ' ').slice(-LABEL_CHARS)
}

// Microdata `itemprop` and RDFa `property` names (vocabulary prefix removed) of the page's own dates.
const PUBLISHED_PROPERTY = /^(datepublished|datecreated|date|created|issued)$/
const MODIFIED_PROPERTY = /^(datemodified|modified)$/

/** Microdata (`itemprop`) or RDFa (`property` on a body element, e.g. `schema:dateCreated`). */
function readItemprop(element: Element, meta: PageMeta): void {
  const prop = (element.attribs.itemprop ?? element.attribs.property ?? '')
    .toLowerCase()
    .replace(/^(schema|dc|dcterms|sioc):/, '')
  const value = attr(element, 'content') ?? attr(element, 'datetime')
  if (PUBLISHED_PROPERTY.test(prop))
    meta.dates.push({ kind: 'itemprop-published', text: value ?? textOf(element) })
  else if (MODIFIED_PROPERTY.test(prop))
    meta.dates.push({ kind: 'itemprop-modified', text: value ?? textOf(element) })
  else if (prop === 'author') {
    // <span itemprop="author" itemscope><meta itemprop="name" content="A"></span>: the name is in a child.
    const named = descendants(element).find((child) => attr(child, 'itemprop') === 'name')
    const name = value ?? (named === undefined ? null : (attr(named, 'content') ?? textOf(named)))
    pushText(meta.authors, 'itemprop-author', name ?? textOf(element))
  }
}

function readJsonLd(nodes: JsonObject[], meta: PageMeta): void {
  const facts = readJsonLdFacts(nodes)
  for (const headline of facts.headlines) pushText(meta.titles, 'json-ld-headline', headline)
  meta.dates.push(...facts.dates)
  for (const author of facts.persons) pushText(meta.authors, 'json-ld-person', author)
  for (const author of facts.authors) pushText(meta.authors, 'json-ld-author', author)
  meta.organisations.push(...facts.organisations)
  meta.publisherName ??= facts.publisher
  meta.articleBody ??= facts.articleBody
  meta.articleUrl ??= facts.url
}

function pushText(into: Evidence[], kind: string, text: string): void {
  const clean = decodeText(text)
  if (clean !== '') into.push({ kind, text: clean })
}
