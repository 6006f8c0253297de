import {
  type Document,
  type Element,
  attr,
  classAndId,
  descendants,
  textOf,
} from '../extract/html/dom.js'
import type { Evidence } from '../types.js'

/** What a page's markup says about itself, gathered before the body is cleaned. */
export interface PageMeta {
  titles: Evidence[]
  siteName: string | null
  authors: Evidence[]
  publisherName: string | null
  canonicalUrl: string | null
  /** Date strings with the kind of place they were found ('json-ld-published', 'meta-published', 'time'…). */
  dates: Evidence[]
  articleBody: string | null
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
    siteName: null,
    authors: [],
    publisherName: null,
    canonicalUrl: null,
    dates: [],
    articleBody: null,
    lang: null,
  }
  for (const element of descendants(document)) {
    switch (element.name) {
      case 'html':
        meta.lang ??= attr(element, 'lang') ?? attr(element, 'xml:lang')
        break
      case 'meta':
        readMetaTag(element, meta)
        break
      case 'link':
        if (/\bcanonical\b/i.test(attr(element, 'rel') ?? ''))
          meta.canonicalUrl ??= attr(element, 'href')
        break
      case 'title':
        pushText(meta.titles, 'title-tag', textOf(element))
        break
      case 'h1':
        if (meta.titles.every((title) => title.kind !== 'h1'))
          pushText(meta.titles, 'h1', textOf(element))
        break
      case 'time':
        readTimeElement(element, meta)
        break
      case 'script':
        if (/ld\+json/i.test(attr(element, 'type') ?? '')) readJsonLd(scriptText(element), meta)
        else readScriptDate(scriptText(element), meta)
        break
      default:
        if (element.attribs.itemprop !== undefined || element.attribs.property !== undefined)
          readItemprop(element, meta)
        else readDateElement(element, meta)
    }
  }
  return meta
}

// Class or id words of elements that show a date (htmldate looks in the same places before scanning the text).
const DATE_ELEMENT_HINT =
  /(^|[\s_-])(date|datum|time|published|publish-date|pubdate|posted|post-date|entry-date|byline|dateline|meta-date|article-date|fecha|data)($|[\s_-])/i
const NOT_PUBLICATION = /updat|modif|comment|event|expir/i

/** A short element whose class/id says it shows a date ("<p class="date">15 августа 2016</p>"). */
function readDateElement(element: Element, meta: PageMeta): void {
  const hints = classAndId(element)
  if (hints === '' || !DATE_ELEMENT_HINT.test(hints) || NOT_PUBLICATION.test(hints)) return
  const title = attr(element, 'title') ?? attr(element, 'data-date') ?? attr(element, 'content')
  const text = textOf(element)
  if (title !== null && /\d{4}/.test(title)) meta.dates.push({ kind: 'date-element', text: title })
  else if (text.length > 5 && text.length < 120 && /\d/.test(text))
    meta.dates.push({ kind: 'date-element', text })
}

// A publication date under a well-known key in a page's own script data (shop and app frameworks that ship
// their content as JSON: "published_at", "createdAt"…). Only the first one counts; scripts are scanned this far.
const SCRIPT_DATE =
  /"(?:datePublished|date_published|published_at|publishedAt|publishDate|publish_date|pubDate|createdAt|created_at|dateCreated)"\s*:\s*"(\d{4}-\d{2}-\d{2}[^"]{0,30})"/
const SCRIPT_SCAN = 200_000

function readScriptDate(source: string, meta: PageMeta): void {
  if (meta.dates.some((found) => found.kind === 'script-published')) return
  const match = SCRIPT_DATE.exec(
    source.length > SCRIPT_SCAN ? source.slice(0, SCRIPT_SCAN) : source,
  )
  if (match?.[1] !== undefined) meta.dates.push({ kind: 'script-published', text: match[1] })
}

/** The raw text of a script element (textOf skips scripts on purpose). */
function scriptText(element: Element): string {
  return element.children.map((child) => ('data' in child ? String(child.data) : '')).join('')
}

function readMetaTag(element: Element, meta: PageMeta): void {
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
  if (lower === 'og:title' || lower === 'twitter:title') pushText(meta.titles, lower, content)
  else if (lower === 'og:site_name' || lower === 'application-name' || lower === 'al:ios:app_name')
    meta.siteName ??= content
  else if (
    /^(author|article:author|dc\.creator|sailthru\.author|parsely-author|byl|citation_author)$/.test(
      lower,
    )
  )
    pushText(meta.authors, lower, content)
  else if (lower === 'og:url') meta.canonicalUrl ??= content
  else if (PUBLISHED_META.test(lower))
    meta.dates.push({ kind: `meta-published:${lower}`, text: content })
  else if (MODIFIED_META.test(lower))
    meta.dates.push({ kind: `meta-modified:${lower}`, text: content })
  else if (lower === 'og:locale' || lower === 'content-language' || lower === 'language')
    meta.lang ??= content
}

function readTimeElement(element: Element, meta: PageMeta): void {
  const datetime = attr(element, 'datetime') ?? attr(element, 'content')
  const hints = `${element.attribs.class ?? ''} ${element.attribs.itemprop ?? ''} ${attr(element, 'pubdate') !== null ? 'pubdate' : ''}`
  const kind = /modif|updat/i.test(hints)
    ? 'time-modified'
    : /publish|pubdate|date-?pub|entry-date|posted/i.test(hints)
      ? 'time-published'
      : 'time'
  if (datetime !== null && datetime.trim() !== '') meta.dates.push({ kind, text: datetime.trim() })
  else {
    const text = textOf(element)
    if (text !== '' && text.length < 80) meta.dates.push({ kind: `${kind}-text`, text })
  }
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
  else if (prop === 'author') pushText(meta.authors, 'itemprop-author', value ?? textOf(element))
}

function readJsonLd(source: string, meta: PageMeta): void {
  let data: unknown
  try {
    data = JSON.parse(source)
  } catch {
    return // malformed JSON-LD is common; the other evidence still counts
  }
  for (const node of flattenJsonLd(data)) {
    const type = String(node['@type'] ?? '')
    // Creative works that carry a page's own date; images, people, organisations and the like do not.
    if (!/Article|Posting|Report|WebPage|QAPage|Question|Recipe|Review|CreativeWork/i.test(type))
      continue
    const isArticle = /Article|Posting|Report|Question|Recipe|Review/i.test(type)
    if (typeof node.headline === 'string' && isArticle)
      pushText(meta.titles, 'json-ld-headline', node.headline)
    if (typeof node.datePublished === 'string')
      meta.dates.push({
        kind: isArticle ? 'json-ld-published' : 'json-ld-page-published',
        text: node.datePublished,
      })
    if (typeof node.dateModified === 'string')
      meta.dates.push({ kind: 'json-ld-modified', text: node.dateModified })
    if (typeof node.articleBody === 'string' && isArticle) meta.articleBody ??= node.articleBody
    for (const author of asArray(node.author)) {
      const name =
        typeof author === 'string'
          ? author
          : typeof author === 'object' && author !== null
            ? (author as Record<string, unknown>).name
            : null
      const authorType =
        typeof author === 'object' && author !== null
          ? String((author as Record<string, unknown>)['@type'] ?? '')
          : ''
      if (typeof name === 'string' && authorType !== 'Organization')
        pushText(meta.authors, 'json-ld-author', name)
    }
    const publisher = asArray(node.publisher)[0]
    if (
      typeof publisher === 'object' &&
      publisher !== null &&
      typeof (publisher as Record<string, unknown>).name === 'string'
    ) {
      meta.publisherName ??= (publisher as Record<string, unknown>).name as string
    }
  }
}

type JsonObject = Record<string, unknown>

function flattenJsonLd(data: unknown): JsonObject[] {
  const found: JsonObject[] = []
  const stack: unknown[] = [data]
  while (stack.length > 0 && found.length < 200) {
    const current = stack.pop()
    if (Array.isArray(current)) stack.push(...current)
    else if (typeof current === 'object' && current !== null) {
      const object = current as JsonObject
      found.push(object)
      if (object['@graph'] !== undefined) stack.push(object['@graph'])
      if (typeof object.mainEntity === 'object') stack.push(object.mainEntity)
    }
  }
  return found
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]
}

function pushText(into: Evidence[], kind: string, text: string): void {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean !== '') into.push({ kind, text: clean })
}
