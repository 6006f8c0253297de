import { looksLikeFeed, readFeed } from './feeds.js'
import type { InputLimits } from './limits.js'
import { documentsFromBytes, type InputResult, readInputs } from './read-inputs.js'
import { readStreamed, streamedKindOf } from './streamed.js'

/**
 * Inputs that stand for other inputs: an RSS/Atom feed (its items' pages) and a file of URLs (one per line;
 * blank lines and `#` comments allowed). Told from their bytes, like every other kind.
 */
export type ListingKind = 'feed' | 'url-list'

export function listingKindOf(bytes: Uint8Array): ListingKind | null {
  if (looksLikeFeed(bytes)) return 'feed'
  return isUrlList(bytes) ? 'url-list' : null
}

/** Lines of a URL list are bounded so that a text that merely mentions URLs is not taken for one. */
const MAX_URL_LENGTH = 4096

function isUrlList(bytes: Uint8Array): boolean {
  if (bytes.length > 16 * 1024 * 1024) return false
  const lines = urlLines(Buffer.from(bytes).toString('utf8'))
  return (
    lines.length > 0 &&
    lines.every((line) => line.length <= MAX_URL_LENGTH && /^https?:\/\/\S+$/i.test(line))
  )
}

function urlLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/**
 * Reads a listing: a feed's items, or each URL of a list (a URL that answers with a feed is read as one). URLs
 * go through the same fetch, address guard and bounds as URLs given on the command line.
 */
export async function* readListing(
  kind: ListingKind,
  bytes: Uint8Array,
  source: string,
  limits: InputLimits,
): AsyncGenerator<InputResult> {
  if (kind === 'feed') yield* readFeed(bytes, source, limits)
  else yield* readInputs(urlLines(Buffer.from(bytes).toString('utf8')), limits)
}

/** The name stdin goes by in messages and paths. */
export const STDIN_NAME = '<stdin>'

/**
 * Reads a stream whose kind is not known in advance (stdin, given as `-`): JSONL and WARC stream record by
 * record; anything else is read whole, within the size limit, as a file would be.
 */
export async function* readUnknownStream(
  stream: AsyncIterable<Uint8Array>,
  source: string,
  limits: InputLimits,
): AsyncGenerator<InputResult> {
  const iterator = stream[Symbol.asyncIterator]()
  const head: Uint8Array[] = []
  let headBytes = 0
  let ended = false
  while (headBytes < 64 * 1024) {
    const next = await iterator.next()
    if (next.done === true) {
      ended = true
      break
    }
    head.push(next.value)
    headBytes += next.value.byteLength
  }
  const start = Buffer.concat(head)
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    yield start
    if (ended) return
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next())
      yield next.value
  }
  const kind = streamedKindOf(start)
  if (kind !== null) {
    yield* readStreamed(rest(), source, kind, limits)
    return
  }
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of rest()) {
    total += chunk.byteLength
    if (total > limits.maxBytes) {
      yield {
        problem: {
          input: source,
          ruleId: 'input-too-large',
          reason: `Unexpected more than ${limits.maxBytes} bytes, expected at most ${limits.maxBytes} (raise the limit with --max-bytes)`,
        },
      }
      return
    }
    chunks.push(chunk)
  }
  const bytes = Buffer.concat(chunks)
  const listing = listingKindOf(bytes)
  if (listing !== null) yield* readListing(listing, bytes, source, limits)
  else yield* documentsFromBytes(bytes, source, null, null, limits)
}
