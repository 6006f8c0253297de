import { createReadStream } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { constants, createGunzip, gunzipSync } from 'node:zlib'
import type { InputLimits } from './limits.js'
import { looksLikeJsonLines, streamJsonLines } from './jsonl.js'
import type { InputResult } from './read-inputs.js'
import { SNIFFED_BYTES, sniffKind } from './sniff.js'
import { readWarcRecords } from './warc.js'

/**
 * Inputs read as a stream, record by record, with a limit per record and none per file: a crawler's JSONL
 * export or a WARC file can be gigabytes while each article in it is small.
 */
export type StreamedKind = 'jsonl' | 'jsonl.gz' | 'warc'

/** Bytes looked at to tell a streamed kind (a JSONL export's first lines, a WARC record's version line). */
const HEAD_BYTES = 64 * 1024

/** What a file's first bytes say it is, when it is read as a stream; null for every other kind. */
export function streamedKindOf(head: Uint8Array): StreamedKind | null {
  if (head[0] === 0x1f && head[1] === 0x8b) {
    if (isPlainGzip(head)) return null
    const inflated = inflateHead(head)
    if (startsWithWarc(inflated)) return 'warc'
    return isJsonLines(inflated) ? 'jsonl.gz' : null
  }
  if (startsWithWarc(head)) return 'warc'
  return isJsonLines(head) ? 'jsonl' : null
}

/**
 * The first bytes of a regular file already open (no more than HEAD_BYTES), read at offset 0 so the handle's
 * own position is left where it was: the caller reads the whole file through the same handle, without
 * opening it a second time.
 */
export async function fileHead(handle: FileHandle): Promise<Uint8Array> {
  const buffer = Buffer.alloc(HEAD_BYTES)
  const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0)
  return buffer.subarray(0, bytesRead)
}

/** Reads a file of a streamed kind: one result per record, memory flat whatever the file's size. */
export async function* readStreamedFile(
  file: string,
  kind: StreamedKind,
  limits: InputLimits,
): AsyncGenerator<InputResult> {
  yield* readStreamed(createReadStream(file), file, kind, limits)
}

/** Reads a stream of a streamed kind (a file, stdin). */
export async function* readStreamed(
  stream: AsyncIterable<Uint8Array>,
  source: string,
  kind: StreamedKind,
  limits: InputLimits,
): AsyncGenerator<InputResult> {
  if (kind === 'warc') yield* readWarcRecords(stream, source, limits)
  else {
    const chunks = kind === 'jsonl.gz' ? gunzipStream(stream) : stream
    yield* streamJsonLines(chunks, source, limits.maxBytes)
  }
}

async function* gunzipStream(stream: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip()
  const pump = (async () => {
    try {
      for await (const chunk of stream) if (!gunzip.write(chunk)) await once(gunzip, 'drain')
      gunzip.end()
    } catch (error) {
      gunzip.destroy(error as Error)
    }
  })()
  for await (const chunk of gunzip) yield chunk as Uint8Array
  await pump
}

function once(emitter: NodeJS.EventEmitter, event: string): Promise<void> {
  return new Promise((resolve) => emitter.once(event, () => resolve()))
}

/**
 * Compressed bytes inflated first (see `isPlainGzip`): a gzipped page's first 4 KB inflate to more than the
 * 8 KB that `sniffKind` looks at, unless the page is shorter than that.
 */
const GZIP_SNIFF_BYTES = 4096

/**
 * Whether a gzip head is neither WARC nor JSON Lines, told from the inflated start of its first few KB. A
 * gzipped page (`.html.gz`) is inflated whole when it is read; inflating its head here as well, to learn
 * that it is no stream, inflated most pages twice. The answer is `streamedKindOf`'s: the start inflates to the
 * same first bytes as the whole head, `sniffKind` reads only its first 8 KB, and every other case (a start
 * too short to tell, one that may be WARC or JSON Lines, a UTF-16 mark) goes on to the whole head.
 */
function isPlainGzip(head: Uint8Array): boolean {
  const start = inflateHead(head.subarray(0, GZIP_SNIFF_BYTES))
  if (start.length < SNIFFED_BYTES || startsWithWarc(start)) return false
  const utf16 = (start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff)
  return !utf16 && sniffKind(start) !== 'jsonl'
}

/** As much of a gzip member's start as inflates from the head (a partial stream is expected). */
function inflateHead(head: Uint8Array): Uint8Array {
  try {
    return gunzipSync(head, {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: HEAD_BYTES * 8,
    })
  } catch {
    return new Uint8Array()
  }
}

function startsWithWarc(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 8)).toString('latin1').startsWith('WARC/')
}

function isJsonLines(head: Uint8Array): boolean {
  if (head.length === 0) return false
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
  if (!utf16 && sniffKind(head) !== 'jsonl') return false
  const text = new TextDecoder(head[0] === 0xfe ? 'utf-16be' : utf16 ? 'utf-16le' : 'utf-8').decode(
    head,
  )
  return looksLikeJsonLines(text)
}
