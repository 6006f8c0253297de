import { looksLikeJsonLines } from './jsonl.js'

/** What an input's bytes are, decided from content (the file name is only a tie-breaker). */
export type SniffedKind = 'gzip' | 'html' | 'jsonl' | 'text' | 'binary' | 'empty'

const HTML_START =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b/i
const HTML_TAGS = /<(?:html|body|div|p|article|span|a|script|br|table)\b[^>]*>/gi

/** Bytes `sniffKind` reads of an input (beyond its first two, the gzip mark). */
export const SNIFFED_BYTES = 8192

export function sniffKind(bytes: Uint8Array, name = ''): SniffedKind {
  if (bytes.length === 0) return 'empty'
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip'
  const head = bytes.subarray(0, SNIFFED_BYTES)
  if (looksBinary(head)) return 'binary'
  const text = Buffer.from(head)
    .toString('latin1')
    .replace(/^\u00ef\u00bb\u00bf/, '')
  if (text.trim() === '') return 'empty'
  if (HTML_START.test(text)) return 'html'
  if (looksLikeJsonLines(text)) return 'jsonl'
  const tagCount = text.match(HTML_TAGS)?.length ?? 0
  if (tagCount >= 3 || (tagCount >= 1 && /\.x?html?(\.gz)?$/i.test(name))) return 'html'
  return 'text'
}

/** NUL bytes or many control characters: not text in any encoding we decode. */
function looksBinary(head: Uint8Array): boolean {
  // UTF-16 with a BOM is text, decoded later.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false
  let control = 0
  for (const byte of head) {
    if (byte === 0) return true
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++
  }
  return control > head.length * 0.02
}
