import { decodeHTML } from 'entities'

/** One JSON-LD object of a page, as parsed. */
export type JsonObject = Record<string, unknown>

/** What the article nodes of a page's JSON-LD say, after `@id` references are resolved. */
export interface JsonLdFacts {
  headlines: string[]
  /** Date strings with the kind of node they came from. */
  dates: { kind: string; text: string }[]
  /** Names given as the article's authors (Organization authors are in `organisations`). */
  authors: string[]
  /** Those of them given as Person nodes (people, even when a personal site is named after them). */
  persons: string[]
  /** Names of organisations: publishers, Organization authors, the site itself. */
  organisations: string[]
  publisher: string | null
  articleBody: string | null
  url: string | null
}

// Creative works that carry a page's own date; images, people, organisations and the like do not.
const WORK_TYPE = /Article|Posting|Report|WebPage|QAPage|Question|Recipe|Review|CreativeWork/i
const ARTICLE_TYPE = /Article|Posting|Report|Question|Recipe|Review/i
const ORGANISATION_TYPE = /Organization|Corporation|NewsMedia|WebSite|Brand/i
/** Nodes read from one page at most (a shop page can ship thousands). */
const MAX_NODES = 500

/** Parses one `<script type="application/ld+json">`; malformed JSON-LD is common and yields nothing. */
export function parseJsonLd(source: string): JsonObject[] {
  try {
    return flatten(JSON.parse(source) as unknown)
  } catch {
    return []
  }
}

/**
 * Reads the article facts from all JSON-LD nodes of a page. Authors come in every form: a string, a list of
 * strings, `{name}`, `{"@id"}` pointing at a Person elsewhere in the `@graph`, nested lists, `name` lists;
 * a node typed Organization (and not also Person) is an organisation, never an author.
 */
export function readJsonLdFacts(nodes: JsonObject[]): JsonLdFacts {
  const byId = new Map<string, JsonObject>()
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node)
  const resolve = (value: unknown): unknown =>
    isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length <= 2
      ? (byId.get(value['@id']) ?? value)
      : value
  const facts: JsonLdFacts = {
    headlines: [],
    dates: [],
    authors: [],
    persons: [],
    organisations: [],
    publisher: null,
    articleBody: null,
    url: null,
  }
  for (const node of nodes) {
    const type = typeOf(node)
    if (ORGANISATION_TYPE.test(type) && !/Person/.test(type)) {
      const name = textValue(node.name)
      if (name !== null) facts.organisations.push(name)
    }
    if (!WORK_TYPE.test(type)) continue
    const isArticle = ARTICLE_TYPE.test(type)
    const headline = textValue(node.headline)
    if (headline !== null && isArticle) facts.headlines.push(headline)
    const published = textValue(node.datePublished)
    if (published !== null)
      facts.dates.push({
        kind: isArticle ? 'json-ld-published' : 'json-ld-page-published',
        text: published,
      })
    const modified = textValue(node.dateModified)
    if (modified !== null) facts.dates.push({ kind: 'json-ld-modified', text: modified })
    if (typeof node.articleBody === 'string' && isArticle) facts.articleBody ??= node.articleBody
    if (isArticle) facts.url ??= absoluteUrl(node.url) ?? absoluteUrl(idOf(node.mainEntityOfPage))
    for (const author of asArray(node.author).flatMap((value) => asArray(resolve(value)))) {
      if (typeof author === 'string') facts.authors.push(decodeText(author))
      else if (isObject(author)) {
        const name = personName(author)
        if (name === null) continue
        if (ORGANISATION_TYPE.test(typeOf(author)) && !/Person/.test(typeOf(author)))
          facts.organisations.push(name)
        else if (/Person/.test(typeOf(author))) facts.persons.push(name)
        else facts.authors.push(name)
      }
    }
    for (const publisher of asArray(node.publisher).map(resolve)) {
      const name = isObject(publisher) ? textValue(publisher.name) : textValue(publisher)
      if (name === null) continue
      facts.publisher ??= name
      // A personal site names its owner as publisher: a Person is no organisation.
      if (!(isObject(publisher) && /Person/.test(typeOf(publisher)))) facts.organisations.push(name)
    }
  }
  return facts
}

/** A Person's name: `name` (a string or a list), else given and family names. */
function personName(node: JsonObject): string | null {
  const name = Array.isArray(node.name)
    ? node.name.filter((part) => typeof part === 'string').join(', ')
    : textValue(node.name)
  if (name !== null && name !== '') return name
  const given = textValue(node.givenName)
  const family = textValue(node.familyName)
  return given !== null && family !== null ? `${given} ${family}` : null
}

/** JSON-LD strings often carry HTML entities ("&#8217;", "&amp;#038;"): decoded until none is left. */
export function decodeText(text: string): string {
  let decoded = text
  for (let round = 0; round < 3 && /&(?:#\d+|#x[\da-f]+|[a-z]+\d*);/i.test(decoded); round++)
    decoded = decodeHTML(decoded)
  return decoded.replace(/\s+/g, ' ').trim()
}

function textValue(value: unknown): string | null {
  if (typeof value === 'string') {
    const text = decodeText(value)
    return text === '' ? null : text
  }
  if (Array.isArray(value) && typeof value[0] === 'string') return textValue(value[0])
  return null
}

function typeOf(node: JsonObject): string {
  const type = node['@type']
  return Array.isArray(type) ? type.join(' ') : String(type ?? '')
}

function idOf(value: unknown): unknown {
  return isObject(value) ? value['@id'] : value
}

function absoluteUrl(value: unknown): string | null {
  return typeof value === 'string' && /^https?:\/\/[^\s/]+/i.test(value) ? value.trim() : null
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]
}

/** All objects of a JSON-LD document: top-level lists, `@graph`, `mainEntity`, nested lists. */
function flatten(data: unknown): JsonObject[] {
  const found: JsonObject[] = []
  const stack: unknown[] = [data]
  while (stack.length > 0 && found.length < MAX_NODES) {
    const current = stack.pop()
    if (Array.isArray(current)) stack.push(...[...current].reverse())
    else if (isObject(current)) {
      found.push(current)
      if (current['@graph'] !== undefined) stack.push(current['@graph'])
      if (typeof current.mainEntity === 'object') stack.push(current.mainEntity)
    }
  }
  return found
}
