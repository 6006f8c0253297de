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

/**
 * Whether every line that is not blank or a comment is a URL. Line by line, stopping at the first line that is
 * not: an HTML page (or gzip data) is told from its first byte, without decoding megabytes to find that out.
 */
function isUrlList(bytes: Uint8Array): boolean {
  if (bytes.length > 16 * 1024 * 1024) return false
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let urls = 0
  for (let start = 0; start < buffer.length;) {
    const newline = buffer.indexOf(0x0a, start)
    const end = newline === -1 ? buffer.length : newline
    const line = lineAt(buffer, start, end)
    start = end + 1
    if (line === '' || line.startsWith('#')) continue
    if (line.length > MAX_URL_LENGTH || !/^https?:\/\/\S+$/i.test(line)) return false
    urls++
  }
  return urls > 0
}

/**
 * One line, trimmed, as `urlLines` reads it. A line whose first byte past ASCII blanks cannot begin a URL or a
 * comment comes back as that byte alone (enough to refuse it); a non-ASCII byte may be Unicode white space that
 * trimming removes, so such a line is decoded whole.
 */
function lineAt(buffer: Buffer, start: number, end: number): string {
  let first = start
  while (first < end && ASCII_BLANKS.has(buffer[first] as number)) first++
  const byte = buffer[first]
  if (byte === undefined || first === end) return ''
  if (byte < 0x80 && byte !== 0x23 && byte !== 0x68 && byte !== 0x48)
    return String.fromCharCode(byte)
  const text = buffer.toString('utf8', start, end)
  return (start === 0 ? text.replace(/^\uFEFF/, '') : text).trim()
}

/** Space, tab, CR, vertical tab and form feed: what `trim` removes among ASCII bytes (LF ends the line). */
const ASCII_BLANKS = new Set([0x20, 0x09, 0x0d, 0x0b, 0x0c])

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
