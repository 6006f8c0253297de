import { wireServiceOf } from '../data/outlets.js'
import { BYLINE_PREFIXES } from '../data/byline-words.js'
import type { BylineElement } from './bylines.js'
import { isOrganisationName, namesInByline, readInText } from './bylines.js'
import type { PageMeta } from './html-meta.js'
import { isPersonName, namesInContactLine, splitNames, uniqueNames } from './people.js'

export interface AuthorSources {
  page: PageMeta | null
  /** The site's name and host, and the organisations the page names: a byline equal to one is no person. */
  site: string | null
  host: string | null
  /** Lines extraction removed as bylines and contact lines ("Write to …"). */
  bylineLines: string[]
  contactLines: string[]
  body: string
}

export interface DecidedAuthors {
  authors: string[]
  /** Organisations and agencies found where authors are named (credits, never authors). */
  credits: string[]
}

// Markup made for machines names the article's authors most reliably; the byline shown near the headline
// comes next; a "By …"/"Von …" line of the text last. The first source that names a person is used, so that
// the bylines of related stories and comments further down never add to it.
const MARKUP_GROUPS = [
  /^json-ld-(person|author)$/,
  /^(author|dc[.:]creator|dcterms[.:]creator|article:author|sailthru\.author|parsely-author|shareaholic:article_author_name|byl|citation_author|twitter-written-by)$/,
  /^itemprop-author$/,
]
/** A leading article: "El Colombiano", "Die Zeit", "The Times" name titles, not people. */
const TITLE_ARTICLE = /^(?:the|el|la|las|los|le|les|der|die|das|il|lo|de|het|een)\s/i
/** Lines of the body's start and end searched for a byline in text. */
const EDGE_LINES = 3

/** Decides who wrote an article: people only; organisations named as authors become credits. */
export function decideAuthors(sources: AuthorSources): DecidedAuthors {
  const organisationKeys = new Set(
    [
      sources.site,
      sources.host?.replace(/^www\./, '').split('.')[0] ?? null,
      ...(sources.page?.organisations ?? []),
    ]
      .filter((name): name is string => name !== null)
      .map(nameKey)
      .filter((key) => key.length >= 3),
  )
  const credits: string[] = []
  const isSiteName = (name: string): boolean => organisationKeys.has(nameKey(name))
  // A name equal to the site's is the site speaking, except in markup a JSON-LD Person node or a person's
  // name (a personal site named after its owner, "Wolfgang Michal" on wolfgangmichal.de); a name that starts
  // with an article ("El Colombiano", "The Times") is a title, not a person.
  const people = (names: string[], personalSite: 'person-node' | 'person-name' | null = null) =>
    names.filter((name) => {
      const organisation =
        (isSiteName(name) &&
          !(
            personalSite === 'person-node' ||
            (personalSite === 'person-name' && isPersonName(name) && !TITLE_ARTICLE.test(name))
          )) ||
        isOrganisationName(name) ||
        wireServiceOf(name) !== null
      if (organisation) credits.push(name)
      return !organisation
    })
  // JSON-LD before meta tags before microdata: microdata also marks the bylines of teasers on the page.
  const markup = sources.page?.authors ?? []
  const fromMarkup = firstNonEmpty(
    ...MARKUP_GROUPS.map((group) =>
      markup
        .filter((found) => group.test(found.kind))
        .flatMap((found) =>
          people(
            namesInByline(found.text, true).concat(organisationIn(found.text)),
            found.kind === 'json-ld-person' ? 'person-node' : 'person-name',
          ),
        ),
    ),
  )
  // A one-word markup name (a login, "Lynn") or the site's own name gives way to a full name shown in a
  // byline.
  const fullNames = fromMarkup.filter((name) => name.includes(' ') && !isSiteName(name))
  const shown = (): string[] => {
    return firstNonEmpty(
      people(bylineNames(sources.page?.bylines ?? [])),
      people(bylineNames(sources.page?.textBylines ?? [])),
      people(textBylines(sources.body, sources.bylineLines)),
    )
  }
  const chosen = fullNames.length > 0 ? fromMarkup : firstNonEmpty(shown(), fromMarkup)
  const authors = uniqueNames(
    chosen.length > 0 ? chosen : people(sources.contactLines.flatMap(namesInContactLine)),
  )
  return { authors, credits: uniqueNames(credits) }
}

function firstNonEmpty(...lists: string[][]): string[] {
  return lists.find((list) => list.length > 0) ?? []
}

/** A markup author that is one organisation ("Condé Nast", "dpa"): kept to be told apart, not as a name. */
function organisationIn(text: string): string[] {
  const clean = text.trim()
  return clean.length <= 60 && (isOrganisationName(clean) || wireServiceOf(clean) !== null)
    ? [clean]
    : []
}

/**
 * The names of the first byline shown on the page, with the bylines beside it (one author per link inside
 * one byline box); a later byline is another story's.
 */
function bylineNames(bylines: BylineElement[]): string[] {
  for (const byline of bylines) {
    const names = namesInByline(byline.text, byline.structured)
    if (names.length === 0) continue
    const beside = bylines.filter(
      (other) =>
        other !== byline &&
        ((other.group !== null &&
          other.group === byline.group &&
          Math.abs(other.position - byline.position) < 40) ||
          nestedIn(other, byline)),
    )
    return [...names, ...beside.flatMap((other) => namesInByline(other.text, other.structured))]
  }
  return []
}

/** Elements of a byline's own subtree that follow it in document order. */
const NESTED_POSITIONS = 12

/**
 * A byline element inside another ("<div class=byline><div class=name>A, B y C</div>Hace 13 horas</div>"):
 * the outer text runs the last name into the next words ("C" + "Hace"), the inner one reads it cleanly.
 */
function nestedIn(inner: BylineElement, outer: BylineElement): boolean {
  return (
    inner.position > outer.position &&
    inner.position - outer.position <= NESTED_POSITIONS &&
    inner.text.length < outer.text.length &&
    outer.text.includes(inner.text)
  )
}

// A dash or bullet may lead the line ("---- by A", "— Von A").
const BYLINE_LINE = new RegExp(
  `^[\\s\\-–—•·*]*(?:${BYLINE_PREFIXES.filter(readInText).join('|')})\\s*:?\\s+\\p{Lu}`,
  'iu',
)

/** "By A and B" / "Von A" / "Autorin: A" as a line of its own at the start or end of the text. */
function textBylines(body: string, bylineLines: string[]): string[] {
  const lines = body.split('\n').filter((line) => line.trim() !== '')
  const edges = [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES), ...bylineLines]
  return edges
    .filter((line) => line.length < 120 && BYLINE_LINE.test(line))
    .flatMap((line) => namesInByline(line, false))
    .slice(0, 6)
}

/** Letters only, lower case: "FOCUS Online" and "focus-online" are one key. */
function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/** Plain-text scrapes: a "By X" line at the start of the body, byline lines, contact lines. */
export function plainTextAuthors(
  body: string,
  bylineLines: string[],
  contactLines: string[],
): string[] {
  const first = body.slice(0, 200).split('\n')[0] ?? ''
  return uniqueNames([
    ...bylineLines.flatMap(splitNames),
    ...contactLines.flatMap(namesInContactLine),
    ...(/^by\s+/i.test(first) && first.length < 120 ? splitNames(first) : []),
  ])
}
