import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { RawDocument } from '../types.js'
import { decodeBytes } from './decode.js'
import { looksLikeFeed } from './feeds.js'
import { fetchUrl } from './fetch-url.js'
import { parseJsonLines } from './jsonl.js'
import { DEFAULT_LIMITS, type InputLimits } from './limits.js'
import type { InputProblem } from './problem.js'
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
    else for await (const file of walk(input)) files.push(file)
  }
  return files
}

async function* walk(path: string): AsyncGenerator<string> {
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
  yield* walkDirectory(path)
}

/** A directory's files in name order, recursively; entry types come with the listing (no stat per file). */
async function* walkDirectory(path: string): AsyncGenerator<string> {
  const entries = (await readdir(path, { withFileTypes: true }))
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const child = join(path, entry.name)
    if (entry.isDirectory()) yield* walkDirectory(child)
    else if (entry.isFile()) yield child
    else yield* walk(child) // a link or something stranger: stat decides
  }
}

/**
 * Reads the files of a path in order, one file ahead: the next file is read from disk while the current one
 * is being extracted (at most two files in memory).
 */
async function* readPath(path: string, limits: InputLimits): AsyncGenerator<InputResult> {
  const files = walk(path)[Symbol.asyncIterator]()
  let next = readNext(files, limits)
  for (;;) {
    const current = await next
    if (current === null) return
    next = readNext(files, limits)
    if ('streamed' in current) yield* readStreamedFile(current.file, current.streamed, limits)
    else if ('bytes' in current) yield* documentsOrListing(current.bytes, current.file, limits)
    else yield current
  }
}

async function readNext(
  files: AsyncIterator<string>,
  limits: InputLimits,
): Promise<
  { file: string; bytes: Buffer } | { file: string; streamed: StreamedKind } | InputResult | null
> {
  const { done, value: file } = await files.next()
  if (done === true) return null
  try {
    const info = await stat(file)
    // JSONL and WARC are read record by record: their limit is per record, not per file.
    const streamed = info.isFile() ? streamedKindOf(await fileHead(file)) : null
    if (streamed !== null) return { file, streamed }
    if (info.size > limits.maxBytes) return tooLarge(file, info.size, limits.maxBytes)
    return { file, bytes: await readFile(file) }
  } catch (error) {
    return problem(
      file,
      'input-unreadable',
      `Cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    )
  }
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
  let kind = sniffKind(bytes, source)
  if (kind === 'gzip') {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: limits.maxInflatedBytes })
    } catch (error) {
      yield problem(
        source,
        'input-gzip',
        `Unexpected broken or oversized gzip data (${(error as Error).message})`,
      )
      return
    }
    kind = sniffKind(bytes, source.replace(/\.gz$/i, ''))
  }
  if (kind === 'empty') {
    yield problem(source, 'input-empty', 'Unexpected empty input, expected an article')
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
    decoded.source === 'fallback'
      ? [
          {
            severity: 'info' as const,
            ruleId: 'input-encoding',
            reason:
              'Unexpected bytes that are not UTF-8 and no declared charset, decoded as windows-1252',
          },
        ]
      : []
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

function tooLarge(input: string, size: number, max: number): InputResult {
  return problem(
    input,
    'input-too-large',
    `Unexpected ${size} bytes, expected at most ${max} (raise the limit with --max-bytes)`,
  )
}

function problem(input: string, ruleId: string, reason: string): InputResult {
  return { problem: { input, ruleId, reason } }
}
