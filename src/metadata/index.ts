import type { Evidence, RawDocument, RemovedBlock } from '../types.js'
import { outletNamedIn, wireServiceOf } from '../data/outlets.js'
import { decideDates, type ArticleDates, type PageText } from './dates.js'
import { findDateline } from './dateline.js'
import type { PageMeta } from './html-meta.js'
import { detectLanguage } from './language.js'
import { decideAuthors, plainTextAuthors } from './authors.js'
import { namesInContributorLine, uniqueNames } from './people.js'
import { decidePublisher, hostOf } from './publisher.js'
import { chooseTitle, siteAfterTitle, stripSiteName } from './title.js'

export { readPageMeta, type PageMeta } from './html-meta.js'
export type { PageText } from './dates.js'

/** The metadata fields of an Article. */
export interface ArticleMetadata extends ArticleDates {
  /** The input's URL, else the page's own (canonical link, og:url, JSON-LD url). */
  url: string | null
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
  pageText: () => PageText
  now: Date
}

/** Decides title, people, site, publisher, dates, dateline and language from all evidence of one document. */
export function decideMetadata(input: MetadataInput): ArticleMetadata {
  const { raw, removed, page } = input
  const linesOf = (...kinds: string[]): string[] =>
    removed.filter((block) => kinds.includes(block.kind)).map((block) => block.text)
  const url = raw.url ?? ownUrl(page)
  const site =
    nonEmpty(raw.hints.site) ?? nonEmpty(page?.siteName) ?? siteFromScrape(input, linesOf)
  const host = hostOf(url)
  const siteNames = [site, page?.publisherName ?? null, host?.replace(/^www\./, '') ?? null].filter(
    (name): name is string => name !== null,
  )
  const title =
    raw.hints.title ??
    (page === null
      ? input.textTitle
      : (chooseTitle({ candidates: page.titles, headings: page.headings, siteNames }) ??
        input.textTitle))
  const contactLines = linesOf('contact', 'contributors', 'byline', 'trailer')
  const decided =
    page === null
      ? null
      : decideAuthors({
          page,
          site,
          host,
          bylineLines: linesOf('byline'),
          contactLines: linesOf('contact'),
          body: input.body,
        })
  const authors =
    decided?.authors ?? plainTextAuthors(input.body, linesOf('byline'), linesOf('contact'))
  const contributors = uniqueNames(linesOf('contributors').flatMap(namesInContributorLine)).filter(
    (name) => !authors.includes(name),
  )
  const publisher = decidePublisher({
    site,
    url: raw.url,
    canonicalUrl: page?.canonicalUrl ?? null,
    body: input.body,
    contactLines,
    markupPublisher: nonEmpty(page?.publisherName) ?? wireCredit(decided?.credits ?? []),
    feedSource: raw.hints.publisher ?? null,
  })
  const language = detectLanguage(input.body, page?.lang ?? null)
  const dates = decideDates({
    markup: page?.dates ?? [],
    url,
    shown: linesOf('date'),
    pageText: input.pageText,
    body: input.body,
    captions: linesOf('caption'),
    given: raw.hints.published,
    now: input.now,
    lang: page?.lang ?? null,
    textLanguage: language,
  })
  return {
    url,
    title: title === null ? null : page === null ? stripSiteName(title, site) : title,
    authors,
    contributors,
    site: site ?? host?.replace(/^www\./, '') ?? null,
    publisher: publisher.publisher,
    publisherEvidence: publisher.evidence,
    ...dates,
    dateline: findDateline(input.body),
    language,
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

/** The page's own URL when the input gave none: its canonical link, og:url or JSON-LD url (absolute only). */
function ownUrl(page: PageMeta | null): string | null {
  for (const candidate of [page?.canonicalUrl, page?.articleUrl]) {
    const url = candidate?.trim()
    if (url !== undefined && /^https?:\/\/[^\s/]+/i.test(url) && url.length <= MAX_URL_CHARS)
      return url
  }
  return null
}

const MAX_URL_CHARS = 2048

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim()
  return trimmed === undefined || trimmed === '' ? null : trimmed
}

/** A wire service credited where the authors are named ("dpa", "Reuters") publishes the report. */
function wireCredit(credits: string[]): string | null {
  for (const credit of credits) {
    const wire = wireServiceOf(credit)
    if (wire !== null) return wire
  }
  return null
}
