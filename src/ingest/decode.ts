import { encodingExists, iconv } from './iconv.js'

export interface DecodedText {
  text: string
  encoding: string
  /** How the encoding was chosen: 'bom', 'meta', 'hint', 'utf-8-valid', 'utf-8-repaired' or 'fallback'. */
  source: string
  /** Why the decoding may not be what the input meant (a label overridden, bytes replaced), for a message. */
  note: string | null
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i

/**
 * Labels that cannot describe bytes in which an ASCII `<meta charset>` was just read: UTF-16 and UTF-32 would
 * have put NULs between its letters, and UTF-7 is refused by browsers (its decoding smuggles markup). The HTML
 * standard reads a page labelled UTF-16 this way as UTF-8; the others are ignored like unknown labels.
 */
const IMPOSSIBLE_META =
  /^(utf-?7|utf-?16(le|be)?|utf-?32(le|be)?|ucs-?2|ucs-?4|unicode(fffe)?|csunicode)$/

/**
 * Decodes bytes to a string. Order follows the HTML standard's sniffing: a BOM wins, then the caller's hint
 * (an HTTP header), then a `<meta charset>` or `http-equiv` in the first 4 KB, then UTF-8 when the bytes are
 * UTF-8 (a few invalid bytes become U+FFFD), else windows-1252 (what browsers assume for unlabelled Western
 * pages).
 */
export function decodeBytes(bytes: Uint8Array, hint: string | null = null): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const bom = bomEncoding(buffer)
  if (bom !== null)
    return { text: iconv().decode(buffer, bom), encoding: bom, source: 'bom', note: null }
  if (hint !== null && encodingExists(hint)) {
    return {
      text: decodeAs(buffer, hint.toLowerCase()),
      encoding: hint.toLowerCase(),
      source: 'hint',
      note: null,
    }
  }
  const declared = META_CHARSET.exec(
    buffer.subarray(0, 4096).toString('latin1'),
  )?.[1]?.toLowerCase()
  let overridden: string | null = null
  if (declared !== undefined && IMPOSSIBLE_META.test(declared)) overridden = declared
  else if (declared !== undefined && encodingExists(declared)) {
    // Pages often declare latin-1 while serving UTF-8; valid UTF-8 with multibyte sequences is trusted over a
    // single-byte label, as browsers' encoding detectors do.
    const singleByte = /^(iso-8859-1|latin1|windows-1252|us-ascii|ascii)$/.test(declared)
    if (!(singleByte && buffer.some((byte) => byte >= 0x80) && strictUtf8(buffer) !== null)) {
      const encoding =
        declared === 'iso-8859-1' || declared === 'latin1' ? 'windows-1252' : declared
      return { text: decodeAs(buffer, encoding), encoding, source: 'meta', note: null }
    }
  }
  const decoded = undeclared(buffer)
  if (overridden === null) return decoded
  const labelNote = `Unexpected declared charset ${overridden} for bytes that are ASCII-compatible, read as ${decoded.encoding}`
  return { ...decoded, note: decoded.note === null ? labelNote : `${labelNote}; ${decoded.note}` }
}

/** Bytes with no usable label: UTF-8 when they mostly are, windows-1252 when they are not UTF-8 at all. */
function undeclared(buffer: Buffer): DecodedText {
  const utf8 = strictUtf8(buffer)
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', source: 'utf-8-valid', note: null }
  // Invalid UTF-8: a file whose valid multibyte characters outnumber its invalid bytes is UTF-8 with a few
  // damaged bytes (each becomes U+FFFD); one with none is a single-byte encoding.
  const repaired = lenientUtf8.decode(buffer)
  let replaced = 0
  let multibyte = 0
  for (const char of repaired) {
    if (char === '\ufffd') replaced++
    else if (char > '\u007f') multibyte++
  }
  if (multibyte > replaced)
    return {
      text: repaired,
      encoding: 'utf-8',
      source: 'utf-8-repaired',
      note: `Unexpected ${replaced} invalid UTF-8 sequence${replaced === 1 ? '' : 's'}, replaced by U+FFFD`,
    }
  return {
    text: iconv().decode(buffer, 'windows-1252'),
    encoding: 'windows-1252',
    source: 'fallback',
    note: 'Unexpected bytes that are not UTF-8 and no declared charset, decoded as windows-1252',
  }
}

/**
 * The bytes in a declared encoding. Valid UTF-8 declared as UTF-8 (most pages) goes through the built-in
 * decoder, several times faster than iconv-lite's and the same string; iconv-lite decodes everything else
 * (and UTF-8 with invalid bytes, whose replacement characters it places its own way).
 */
function decodeAs(buffer: Buffer, encoding: string): string {
  if (encoding === 'utf-8' || encoding === 'utf8') {
    const text = strictUtf8(buffer)
    if (text !== null) return text
  }
  return iconv().decode(buffer, encoding)
}

function bomEncoding(buffer: Buffer): string | null {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8'
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le'
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be'
  return null
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true })
const lenientUtf8 = new TextDecoder('utf-8')

/** The text when the bytes are valid UTF-8 (decoded once), else null. */
function strictUtf8(buffer: Buffer): string | null {
  try {
    return utf8Decoder.decode(buffer)
  } catch {
    return null
  }
}
