import { looksLikeFeed, readFeed } from './ingest/feeds.js'
import { fetchUrl } from './ingest/fetch-url.js'
import type { InputLimits } from './ingest/limits.js'
import type { InputProblem } from './ingest/problem.js'
import { type AnalyzeOptions, safeExtract } from './pipeline.js'
import { placePending } from './queue/worker.js'
import type { Store } from './store/store.js'
import type { Article } from './types.js'

/** What a poller remembers of a feed between polls: its validators and the items already read. */
export interface FeedState {
  etag: string | null
  lastModified: string | null
  seen: Set<string>
}

export interface PollResult {
  /** Feeds that answered 304 Not Modified. */
  unchanged: number
  articles: number
  problems: InputProblem[]
}

/**
 * Polls feeds once: each feed is fetched with a conditional GET (ETag / Last-Modified of the previous poll),
 * its new items read and extracted, and the articles added to the store and placed (the ingest path). A feed
 * that fails or returns garbage is a problem, and the other feeds go on.
 */
export async function pollFeeds(
  feeds: string[],
  store: Store,
  states: Map<string, FeedState>,
  limits: InputLimits,
  analysis: AnalyzeOptions = {},
): Promise<PollResult> {
  const result: PollResult = { unchanged: 0, articles: 0, problems: [] }
  const articles: Article[] = []
  for (const feed of feeds) {
    const state = states.get(feed) ?? { etag: null, lastModified: null, seen: new Set<string>() }
    states.set(feed, state)
    const fetched = await fetchUrl(feed, limits, state)
    if ('problem' in fetched) {
      if (fetched.problem.ruleId === 'fetch-not-modified') result.unchanged++
      else result.problems.push(fetched.problem)
      continue
    }
    if (!looksLikeFeed(fetched.bytes)) {
      result.problems.push({
        input: feed,
        ruleId: 'feed-malformed',
        reason: 'Unexpected content that is not RSS or Atom, expected a feed',
      })
      continue
    }
    state.etag = fetched.etag ?? null
    state.lastModified = fetched.lastModified ?? null
    for await (const read of readFeed(fetched.bytes, feed, limits, state.seen)) {
      if ('problem' in read) result.problems.push(read.problem)
      else articles.push(safeExtract(read.document, analysis))
    }
  }
  if (articles.length > 0) {
    result.articles = (await store.addArticles(articles)).added.length
    await placePending(store, analysis)
  }
  return result
}

/** The feed URLs of a list (one per line; blank lines and `#` comments skipped). */
export function feedList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** '90s', '10m', '1h' (or plain seconds) as milliseconds; null when it is none of these. */
export function parseInterval(value: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/i.exec(value.trim())
  if (match === null) return null
  const unit = { s: 1, m: 60, h: 3600 }[(match[2] ?? 's').toLowerCase() as 's' | 'm' | 'h']
  const ms = Number(match[1]) * unit * 1000
  return ms >= 1000 ? ms : null
}
