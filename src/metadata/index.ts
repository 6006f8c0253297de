import type { Evidence, RawDocument, RemovedBlock } from '../types.js'
import { outletNamedIn } from '../data/outlets.js'
import { decideDates, type ArticleDates } from './dates.js'
import { findDateline } from './dateline.js'
import type { PageMeta } from './html-meta.js'
import { detectLanguage } from './language.js'
import { namesInContactLine, namesInContributorLine, splitNames, uniqueNames } from './people.js'
import { decidePublisher, hostOf } from './publisher.js'
import { chooseTitle, siteAfterTitle, stripSiteName } from './title.js'

export { readPageMeta, type PageMeta } from './html-meta.js'

/** The metadata fields of an Article. */
export interface ArticleMetadata extends ArticleDates {
  title: string | null
  authors: string[]
  contributors: string[]
  site: string | null
  publisher: string | null
  publisherEvidence: Evidence[]
  dateline: string | null
  language: string | null
}

export interface MetadataInput {
  raw: RawDocument
  body: string
  removed: RemovedBlock[]
  /** The headline the plain-text extractor found. */
  textTitle: string | null
  /** Markup facts (HTML pages only). */
  page: PageMeta | null
  /** Visible text of the whole page, for the last-resort date search (read on demand: it costs a walk). */
  pageText: () => string
  now: Date
}

/** Decides title, people, site, publisher, dates, dateline and language from all evidence of one document. */
export function decideMetadata(input: MetadataInput): ArticleMetadata {
  const { raw, removed, page } = input
  const linesOf = (...kinds: string[]): string[] =>
    removed.filter((block) => kinds.includes(block.kind)).map((block) => block.text)
  const site = raw.hints.site ?? page?.siteName ?? siteFromScrape(input, linesOf) ?? null
  const title =
    raw.hints.title ??
    (page === null ? input.textTitle : (chooseTitle(page.titles, site) ?? input.textTitle))
  const contactLines = linesOf('contact', 'contributors', 'byline', 'trailer')
  const authors = uniqueNames([
    ...(page?.authors ?? []).flatMap((found) => splitNames(found.text)),
    ...linesOf('byline').flatMap(splitNames),
    ...linesOf('contact').flatMap(namesInContactLine),
    ...bylineInBody(input.body),
  ])
  const contributors = uniqueNames(linesOf('contributors').flatMap(namesInContributorLine)).filter(
    (name) => !authors.includes(name),
  )
  const publisher = decidePublisher({
    site,
    url: raw.url,
    canonicalUrl: page?.canonicalUrl ?? null,
    body: input.body,
    contactLines,
    markupPublisher: page?.publisherName ?? null,
    feedSource: raw.hints.publisher ?? null,
  })
  const dates = decideDates({
    markup: page?.dates ?? [],
    url: raw.url,
    shown: linesOf('date'),
    pageText: input.pageText,
    body: input.body,
    captions: linesOf('caption'),
    given: raw.hints.published,
    now: input.now,
    lang: page?.lang ?? null,
  })
  return {
    title: title === null ? null : stripSiteName(title, site),
    authors,
    contributors,
    site: site ?? hostOf(raw.url)?.replace(/^www\./, '') ?? null,
    publisher: publisher.publisher,
    publisherEvidence: publisher.evidence,
    ...dates,
    dateline: findDateline(input.body),
    language: detectLanguage(input.body, page?.lang ?? null),
  }
}

/** A scrape's site: its masthead line, the words after the headline on a breadcrumb, or its own app promo. */
function siteFromScrape(
  input: MetadataInput,
  linesOf: (...kinds: string[]) => string[],
): string | null {
  const masthead = linesOf('site')[0]
  if (masthead !== undefined) return masthead
  if (input.textTitle !== null) {
    for (const line of linesOf('breadcrumb', 'header', 'title')) {
      const site = siteAfterTitle(line, input.textTitle)
      if (site !== null) return site.replace(/^[-–—|]\s*/, '')
    }
  }
  // Promo lines name the site's app, sometimes with a suffix ("the Mint News App", "the Mint app"): the
  // shortest name is the site's.
  const named = linesOf('app-promo').flatMap((line) =>
    [
      ...line.matchAll(
        /\b(?:switch to|download|get) the ([\p{Lu}][\p{L}]*(?: [\p{Lu}][\p{L}]*){0,2}) app\b/giu,
      ),
    ].map((match) => match[1] ?? ''),
  )
  const fromPromo = named.filter(Boolean).sort((a, b) => a.length - b.length)[0]
  if (fromPromo !== undefined) return fromPromo
  // A site's own boxes (reader appeals, comment forms, newsletter promos) name it: "The X is trusted by…".
  return outletNamedIn(linesOf('appeal', 'comments', 'login', 'newsletter', 'subscription'))
}

/** A "By X" line at the very start of the body. */
function bylineInBody(body: string): string[] {
  const first = body.slice(0, 200).split('\n')[0] ?? ''
  return /^by\s+/i.test(first) && first.length < 120 ? splitNames(first) : []
}
