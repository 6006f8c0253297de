import { type Stats, constants } from 'node:fs'
import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { RawDocument } from '../types.js'
import { iconv } from './iconv.js'
import { decodeBytes } from './decode.js'
import { looksLikeFeed } from './feeds.js'
import { fetchUrl } from './fetch-url.js'
import { parseJsonLines } from './jsonl.js'
import { DEFAULT_LIMITS, type InputLimits } from './limits.js'
import { type InputProblem, quoteName } from './problem.js'
import { sniffKind } from './sniff.js'
import { listingKindOf, readListing, readUnknownStream, STDIN_NAME } from './sources.js'
import { fileHead, readStreamedFile, type StreamedKind, streamedKindOf } from './streamed.js'

export type InputResult = { document: RawDocument } | { problem: InputProblem }

/**
 * Reads paths and URLs into documents, one result per document or problem, in a stable order (directories are
 * read recursively, entries sorted by name). A bad input yields a problem and reading goes on.
 */
export async function* readInputs(
  inputs: string[],
  limits: InputLimits = DEFAULT_LIMITS,
): AsyncGenerator<InputResult> {
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      yield* readUrl(input, limits)
      continue
    }
    if (input === '-') {
      yield* readUnknownStream(process.stdin, STDIN_NAME, limits)
      continue
    }
    yield* readPath(input, limits)
  }
}

/** Lists the files a set of paths stands for (for progress totals), without reading them. */
export async function listInputFiles(inputs: string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input) || input === '-') files.push(input)
    else for await (const entry of walk(input)) if (typeof entry === 'string') files.push(entry)
  }
  return files
}

/** A file to read, or why a path of the walk cannot be. */
type WalkEntry = string | InputResult

/**
 * The files a path stands for, in name order, recursively. A directory that cannot be listed (unreadable,
 * vanished) is a problem and the walk goes on; each real directory is listed once, so links to `.`, `..` or
 * to a directory already walked cannot make it endless.
 */
async function* walk(path: string, seen = new Set<string>()): AsyncGenerator<WalkEntry> {
  let info
  try {
    info = await stat(path)
  } catch {
    yield path // reported as unreadable when read
    return
  }
  if (!info.isDirectory()) {
    yield path
    return
  }
  const identity = `${info.dev}:${info.ino}`
  if (seen.has(identity)) return
  seen.add(identity)
  let entries
  try {
    entries = await readdir(path, { withFileTypes: true })
  } catch (error) {
    yield problem(path, 'input-unreadable', `Cannot list the directory (${errorCode(error)})`)
    return
  }
  entries = entries
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const child = join(path, entry.name)
    // Entry types come with the listing: a plain file needs no stat of its own.
    if (entry.isFile()) yield child
    else yield* walk(child, seen)
  }
}

/**
 * Reads the files of a path in order, one file ahead: the next file is read from disk while the current one
 * is being extracted (at most two files in memory).
 */
async function* readPath(path: string, limits: InputLimits): AsyncGenerator<InputResult> {
  const files = walk(path)[Symbol.asyncIterator]()
  let next = readNext(files, limits)
  for (let read = 0; ; read++) {
    const current = await next
    // A folder with nothing to read says so: an empty result alone would leave the user guessing why.
    if (current === null && read === 0)
      yield problem(
        path,
        'input-empty',
        'Unexpected empty folder, expected files to read (names starting with a dot are skipped)',
      )
    if (current === null) return
    next = readNext(files, limits)
    if ('streamed' in current) yield* readStreamedFile(current.file, current.streamed, limits)
    else if ('bytes' in current) yield* documentsOrListing(current.bytes, current.file, limits)
    else yield current
  }
}

async function readNext(
  files: AsyncIterator<WalkEntry>,
  limits: InputLimits,
): Promise<
  { file: string; bytes: Buffer } | { file: string; streamed: StreamedKind } | InputResult | null
> {
  const { done, value: entry } = await files.next()
  if (done === true) return null
  if (typeof entry !== 'string') return entry
  return readRegularFile(entry, limits.maxBytes)
}

/**
 * Reads a regular file of at most `maxBytes`. The file is opened without blocking and judged by the open
 * handle, so a FIFO (which would wait for a writer), a device (`/dev/zero` never ends) or a file swapped
 * after the walk saw it is refused; reading stops past the limit even if the file grows meanwhile.
 */
async function readRegularFile(
  file: string,
  maxBytes: number,
): Promise<
  { file: string; bytes: Buffer } | { file: string; streamed: StreamedKind } | InputResult
> {
  let handle
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    return problem(file, 'input-unreadable', `Cannot read the file (${errorCode(error)})`)
  }
  try {
    const info = await handle.stat()
    if (!info.isFile())
      return problem(
        file,
        'input-not-a-file',
        `Unexpected ${fileKind(info)}, expected a regular file, a directory or a URL`,
      )
    // JSONL and WARC are read record by record: their limit is per record, not per file.
    const streamed = streamedKindOf(await fileHead(handle))
    if (streamed !== null) return { file, streamed }
    if (info.size > maxBytes) return tooLarge(file, `${info.size} bytes`, maxBytes)
    const bytes = Buffer.alloc(Math.min(info.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
      if (length > maxBytes)
        return tooLarge(file, `over ${maxBytes} bytes (the file grew)`, maxBytes)
      if (length === bytes.length) break
    }
    return { file, bytes: bytes.subarray(0, length) }
  } catch (error) {
    return problem(file, 'input-unreadable', `Cannot read the file (${errorCode(error)})`)
  } finally {
    await handle.close()
  }
}

function fileKind(info: Stats): string {
  if (info.isFIFO()) return 'named pipe (FIFO)'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device'
  if (info.isSocket()) return 'socket'
  return 'special file'
}

/** File-system error codes in words (the code stays in brackets, for a search or a script). */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
}

/** A file-system error in words, its code in brackets ("no such file or folder: ENOENT"). */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === undefined) return (error as Error).message
  return code in FILE_ERRORS ? `${FILE_ERRORS[code] as string}: ${code}` : code
}

async function* readUrl(url: string, limits: InputLimits): AsyncGenerator<InputResult> {
  const fetched = await fetchUrl(url, limits)
  if ('problem' in fetched) {
    yield fetched
    return
  }
  if (looksLikeFeed(fetched.bytes)) yield* readListing('feed', fetched.bytes, url, limits)
  else yield* documentsFromBytes(fetched.bytes, url, url, fetched.charset, limits)
}

/** A file's documents; a feed or a file of URLs stands for the documents it lists. */
function documentsOrListing(
  bytes: Uint8Array,
  file: string,
  limits: InputLimits,
): AsyncGenerator<InputResult> | Generator<InputResult> {
  const listing = listingKindOf(bytes)
  return listing === null
    ? documentsFromBytes(bytes, file, null, null, limits)
    : readListing(listing, bytes, file, limits)
}

/** Sniffs, inflates and decodes one input's bytes. Exported for callers that hold bytes (the server). */
export function* documentsFromBytes(
  bytes: Uint8Array,
  source: string,
  url: string | null,
  charsetHint: string | null,
  limits: InputLimits = DEFAULT_LIMITS,
): Generator<InputResult> {
  bytes = utf16AsUtf8(bytes)
  let kind = sniffKind(bytes, source)
  if (kind === 'gzip') {
    try {
      // The size limit is on what is read, after inflation: a small gzip must not become a huge page.
      bytes = gunzipSync(bytes, { maxOutputLength: limits.maxBytes })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        yield tooLarge(source, `more than ${limits.maxBytes} bytes when inflated`, limits.maxBytes)
        return
      }
      yield problem(
        source,
        'input-gzip',
        `Unexpected broken or oversized gzip data (${(error as Error).message})`,
      )
      return
    }
    bytes = utf16AsUtf8(bytes)
    kind = sniffKind(bytes, source.replace(/\.gz$/i, ''))
  }
  if (kind === 'empty') {
    yield problem(source, 'input-empty', 'Unexpected empty input, expected an article')
    return
  }
  if (kind === 'binary' && isSqliteFile(bytes)) {
    // A store given as an input (`ingest news.db pages/`, --db forgotten) is the likely mistake: say so.
    yield problem(
      source,
      'input-binary',
      `Unexpected SQLite database, expected HTML, text or JSONL; a store is given with --db ${quoteName(source)}`,
    )
    return
  }
  if (kind === 'binary' || kind === 'gzip') {
    yield problem(source, 'input-binary', 'Unexpected binary content, expected HTML, text or JSONL')
    return
  }
  const decoded = decodeBytes(bytes, charsetHint)
  if (kind === 'jsonl') {
    const { documents, problems } = parseJsonLines(decoded.text, source)
    for (const document of documents) yield { document }
    for (const found of problems) yield { problem: found }
    return
  }
  const messages =
    decoded.note === null
      ? []
      : [{ severity: 'info' as const, ruleId: 'input-encoding', reason: decoded.note }]
  yield {
    document: {
      id: null,
      path: url === null ? source : null,
      url,
      kind,
      content: decoded.text,
      hints: { title: null, published: null, site: null },
      messages,
    },
  }
}

/**
 * UTF-16 with a BOM as UTF-8 (BOM kept, so decoding still says why): sniffing the kind of input and splitting
 * JSONL lines read bytes as ASCII-compatible text, which UTF-16 is not.
 */
function utf16AsUtf8(bytes: Uint8Array): Uint8Array {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : null
  if (encoding === null) return bytes
  return Buffer.from(`\ufeff${iconv().decode(Buffer.from(bytes), encoding)}`, 'utf8')
}

function tooLarge(input: string, what: string, max: number): InputResult {
  return problem(
    input,
    'input-too-large',
    `Unexpected ${what}, expected at most ${max} bytes (raise the limit with --max-bytes)`,
  )
}

function problem(input: string, ruleId: string, reason: string): InputResult {
  return { problem: { input, ruleId, reason } }
}

/** The header every SQLite database file starts with (a corroborate store, among others). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

function isSqliteFile(bytes: Uint8Array): boolean {
  return SQLITE_HEADER.equals(bytes.subarray(0, SQLITE_HEADER.length))
}
