import { fetchUrl } from './fetch-url.js'
import type { InputLimits } from './limits.js'
import type { InputResult } from './read-inputs.js'
import { documentsFromBytes } from './read-inputs.js'

/** One entry of an RSS, Atom or RDF feed, as the feed describes it. */
export interface FeedItem {
  link: string | null
  title: string | null
  /** ISO 8601 when the feed's date parses, else null. */
  published: string | null
  /** The original publisher a syndicating feed names (RSS `<source>`, Atom `<source><title>`). */
  source: string | null
  /** Content or summary given in the feed (HTML), used when the page itself cannot be fetched. */
  html: string | null
}

const FEED_START =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b/i

/** Whether bytes are an RSS, Atom or RDF feed (by their root element). */
export function looksLikeFeed(bytes: Uint8Array): boolean {
  return FEED_START.test(
    Buffer.from(bytes.subarray(0, 4096))
      .toString('latin1')
      .replace(/^\u00ef\u00bb\u00bf/, ''),
  )
}

/**
 * The items of a feed (feedsmith parses RSS 0.9x–2.0, Atom 0.3/1.0 and RDF); throws on a broken feed.
 * feedsmith is loaded on the first feed: it is hundreds of modules, and most runs read no feed.
 */
export async function feedItems(xml: string): Promise<FeedItem[]> {
  const { parseFeed } = await import('feedsmith')
  const parsed = parseFeed(xml)
  if (parsed.format === 'atom') {
    return (parsed.feed.entries ?? []).map((entry) => ({
      link:
        entry.links?.find((link) => link.rel === undefined || link.rel === 'alternate')?.href ??
        null,
      title: text(entry.title),
      published: isoDate(entry.published ?? entry.updated),
      source: text(entry.source?.title),
      html: text(entry.content) ?? text(entry.summary),
    }))
  }
  if (parsed.format === 'rss' || parsed.format === 'rdf') {
    return (parsed.feed.items ?? []).map((item) => {
      const rich = item as {
        pubDate?: string
        source?: { title?: string }
        content?: { encoded?: string }
        dc?: { date?: string; dates?: string[] }
      }
      return {
        link: item.link ?? null,
        title: item.title ?? null,
        published: isoDate(rich.pubDate ?? rich.dc?.date ?? rich.dc?.dates?.[0]),
        source: rich.source?.title ?? null,
        html: rich.content?.encoded ?? item.description ?? null,
      }
    })
  }
  return []
}

/**
 * Reads a feed's items as documents: each item's page is fetched (with the same address guard, size and time
 * bounds as any URL); when it cannot be, the item's own content stands in for it, with a message. The feed's
 * title, date and `<source>` travel with the document as hints (a `<source>` is evidence for `publisher`).
 */
export async function* readFeed(
  bytes: Uint8Array,
  source: string,
  limits: InputLimits,
  /** Links of items read before (a polled feed): skipped; the links read now are added. */
  seen: Set<string> = new Set(),
): AsyncGenerator<InputResult> {
  let items: FeedItem[]
  try {
    items = await feedItems(Buffer.from(bytes).toString('utf8'))
  } catch (error) {
    yield {
      problem: {
        input: source,
        ruleId: 'feed-malformed',
        reason: `Unexpected broken feed (${(error as Error).message}), expected RSS or Atom`,
      },
    }
    return
  }
  for (const [index, item] of items.entries()) {
    if (item.link !== null && seen.has(item.link)) continue
    yield* readFeedItem(item, `${source}#${index + 1}`, limits)
    if (item.link !== null) seen.add(item.link)
  }
}

async function* readFeedItem(
  item: FeedItem,
  input: string,
  limits: InputLimits,
): AsyncGenerator<InputResult> {
  const fetched = item.link === null ? null : await fetchUrl(item.link, limits)
  if (fetched !== null && !('problem' in fetched)) {
    for (const result of documentsFromBytes(
      fetched.bytes,
      item.link ?? input,
      item.link,
      fetched.charset,
      limits,
    ))
      yield withFeedHints(result, item)
    return
  }
  if (item.html === null || item.html.trim() === '') {
    yield {
      problem: {
        input: item.link ?? input,
        ruleId: 'feed-item-unread',
        reason: `Unexpected feed item without a readable page or content${fetched === null ? '' : ` (${fetched.problem.reason})`}`,
      },
    }
    return
  }
  const html = `<html><body><article>${item.html}</article></body></html>`
  for (const result of documentsFromBytes(
    Buffer.from(html),
    item.link ?? input,
    item.link,
    'utf-8',
    limits,
  )) {
    if ('document' in result && fetched !== null)
      result.document.messages.push({
        severity: 'info',
        ruleId: 'feed-item-content',
        reason: `Cannot fetch the item's page (${fetched.problem.reason}); the feed's content was read instead`,
      })
    yield withFeedHints(result, item)
  }
}

function withFeedHints(result: InputResult, item: FeedItem): InputResult {
  if (!('document' in result)) return result
  const hints = result.document.hints
  result.document.hints = {
    ...hints,
    title: hints.title ?? item.title,
    published: hints.published ?? item.published,
    ...(item.source === null ? {} : { publisher: item.source }),
  }
  return result
}

function text(value: string | { value?: string } | undefined): string | null {
  if (value === undefined) return null
  return (typeof value === 'string' ? value : (value.value ?? null)) || null
}

function isoDate(value: string | undefined): string | null {
  if (value === undefined) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}
