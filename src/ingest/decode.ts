import iconv from 'iconv-lite'

export interface DecodedText {
  text: string
  encoding: string
  /** How the encoding was chosen: 'bom', 'meta', 'hint', 'utf-8-valid' or 'fallback'. */
  source: string
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i

/**
 * Decodes bytes to a string. Order follows the HTML standard's sniffing: a BOM wins, then the caller's hint
 * (an HTTP header), then a `<meta charset>` or `http-equiv` in the first 4 KB, then UTF-8 when the bytes are
 * valid UTF-8, else windows-1252 (what browsers assume for unlabelled Western pages).
 */
export function decodeBytes(bytes: Uint8Array, hint: string | null = null): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const bom = bomEncoding(buffer)
  if (bom !== null) return { text: iconv.decode(buffer, bom), encoding: bom, source: 'bom' }
  if (hint !== null && iconv.encodingExists(hint)) {
    return { text: iconv.decode(buffer, hint), encoding: hint.toLowerCase(), source: 'hint' }
  }
  const declared = META_CHARSET.exec(
    buffer.subarray(0, 4096).toString('latin1'),
  )?.[1]?.toLowerCase()
  if (declared !== undefined && iconv.encodingExists(declared)) {
    // Pages often declare latin-1 while serving UTF-8; valid UTF-8 with multibyte sequences is trusted over a
    // single-byte label, as browsers' encoding detectors do.
    const singleByte = /^(iso-8859-1|latin1|windows-1252|us-ascii|ascii)$/.test(declared)
    if (!(singleByte && buffer.some((byte) => byte >= 0x80) && strictUtf8(buffer) !== null)) {
      const encoding =
        declared === 'iso-8859-1' || declared === 'latin1' ? 'windows-1252' : declared
      return { text: iconv.decode(buffer, encoding), encoding, source: 'meta' }
    }
  }
  const utf8 = strictUtf8(buffer)
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', source: 'utf-8-valid' }
  return {
    text: iconv.decode(buffer, 'windows-1252'),
    encoding: 'windows-1252',
    source: 'fallback',
  }
}

function bomEncoding(buffer: Buffer): string | null {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8'
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le'
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be'
  return null
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true })

/** The text when the bytes are valid UTF-8 (decoded once), else null. */
function strictUtf8(buffer: Buffer): string | null {
  try {
    return utf8Decoder.decode(buffer)
  } catch {
    return null
  }
}
