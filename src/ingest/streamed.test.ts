import { constants, gzipSync, gunzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import { looksLikeJsonLines } from './jsonl.js'
import { sniffKind } from './sniff.js'
import { type StreamedKind, streamedKindOf } from './streamed.js'

/** The kind as told before the short first inflation: the whole head (64 KB) inflated, then judged. */
function kindFromWholeHead(head: Uint8Array): StreamedKind | null {
  let inflated: Uint8Array
  try {
    inflated = gunzipSync(head, {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: 512 * 1024,
    })
  } catch {
    inflated = new Uint8Array()
  }
  if (Buffer.from(inflated.subarray(0, 8)).toString('latin1').startsWith('WARC/')) return 'warc'
  if (inflated.length === 0) return null
  const utf16 =
    (inflated[0] === 0xff && inflated[1] === 0xfe) || (inflated[0] === 0xfe && inflated[1] === 0xff)
  if (!utf16 && sniffKind(inflated) !== 'jsonl') return null
  const encoding = inflated[0] === 0xfe ? 'utf-16be' : utf16 ? 'utf-16le' : 'utf-8'
  return looksLikeJsonLines(new TextDecoder(encoding).decode(inflated)) ? 'jsonl.gz' : null
}

/** A deterministic pseudo-random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

const WORDS = ['the', 'bridge', 'reopened', '{"id": 1}', '<p>', '</div>', 'WARC/1.0', '\n', '  ']

function randomText(next: () => number, length: number): string {
  const parts: string[] = []
  for (let size = 0; size < length;) {
    const word = WORDS[Math.floor(next() * WORDS.length)] as string
    // Random characters too, so that some heads compress badly (a long compressed start).
    const noise = String.fromCharCode(32 + Math.floor(next() * 400))
    parts.push(word, next() < 0.3 ? noise : ' ')
    size += word.length + 1
  }
  return parts.join('')
}

test('a gzipped page is told from gzipped JSON Lines and WARC as when the whole head was inflated', () => {
  const next = random(17)
  const starts = ['', '<!doctype html><html><body>', '{"id": "a", "text": "x"}\n', 'WARC/1.1\r\n']
  const heads: Uint8Array[] = []
  for (let index = 0; index < 400; index++) {
    const start = starts[index % starts.length] as string
    const body = randomText(next, Math.floor(next() * 40_000))
    const text = index % 7 === 0 ? `\ufeff${start}${body}` : `${start}${body}`
    const bytes =
      index % 11 === 0 ? Buffer.from(`\ufeff${text}`, 'utf16le') : Buffer.from(text, 'utf8')
    const gzipped = gzipSync(bytes)
    // Cut heads (a file longer than 64 KB) and broken ones.
    const cut =
      index % 5 === 0 ? gzipped.subarray(0, 1 + Math.floor(next() * gzipped.length)) : gzipped
    if (index % 13 === 0 && cut.length > 100) {
      const at = 50 + Math.floor(next() * (cut.length - 50))
      cut[at] = (cut[at] ?? 0) ^ 0xff
    }
    heads.push(cut.subarray(0, 64 * 1024))
  }
  // JSON Lines long enough that the short first inflation sees a whole 8 KB of them.
  heads.push(
    gzipSync(Array.from({ length: 400 }, (_, i) => `{"id": ${i}, "text": "a b c"}`).join('\n')),
  )
  const kinds = heads.map(streamedKindOf)
  expect(kinds).toEqual(heads.map(kindFromWholeHead))
  // The sample holds every answer.
  expect(new Set(kinds)).toEqual(new Set([null, 'jsonl.gz', 'warc']))
})

test('a gzipped page longer than the first inflation is no stream; gzipped JSON Lines are', () => {
  const page = `<!doctype html><html><body>${'<p>The bridge reopened.</p>'.repeat(2000)}</body></html>`
  expect(streamedKindOf(gzipSync(page))).toBe(null)
  const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, text: 'x' }))
  expect(streamedKindOf(gzipSync(lines.join('\n')))).toBe('jsonl.gz')
})
