import type { InputLimits } from './limits.js'
import type { InputResult } from './read-inputs.js'
import { documentsFromBytes } from './read-inputs.js'

/**
 * The pages of a WARC (or WARC.gz, each record gzipped as crawlers write them) file, read record by record by
 * warcio: `response` records with a 2xx HTTP status become documents of their target URL, decoded by the
 * charset of their Content-Type; other records (requests, metadata, revisits, redirects) are skipped. A record
 * over the size limit is a problem, and the next record is read.
 */
export async function* readWarcRecords(
  stream: AsyncIterable<Uint8Array>,
  source: string,
  limits: InputLimits,
): AsyncGenerator<InputResult> {
  // warcio (with its compression and hashing modules) is loaded on the first WARC file: most runs read none.
  const { WARCParser } = await import('warcio')
  const parser = new WARCParser(stream)
  let position = 0
  try {
    for await (const record of parser) {
      position++
      if (record.warcType !== 'response' && record.warcType !== 'resource') continue
      const status = Number(record.httpHeaders?.statusCode ?? 200)
      if (status < 200 || status >= 300) continue
      const url = record.warcTargetURI ?? null
      const input = `${source}#${position}${url === null ? '' : ` ${url}`}`
      const bytes = await readBoundedRecord(record.contentReader, limits.maxBytes)
      if (bytes === null) {
        yield {
          problem: {
            input,
            ruleId: 'input-too-large',
            reason: `Unexpected WARC record over ${limits.maxBytes} bytes, expected a page within the limit`,
          },
        }
        continue
      }
      const contentType =
        record.httpHeaders?.headers.get('content-type') ?? record.warcContentType ?? ''
      const charset = /charset=([\w.:-]+)/i.exec(contentType)?.[1] ?? null
      yield* documentsFromBytes(bytes, input, url, charset, limits)
    }
  } catch (error) {
    yield {
      problem: {
        input: `${source}#${position + 1}`,
        ruleId: 'warc-malformed',
        reason: `Unexpected broken WARC data (${(error as Error).message}), expected WARC/1.x records; the records before it were read`,
      },
    }
  }
}

async function readBoundedRecord(
  reader: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of reader) {
    total += chunk.byteLength
    if (total > maxBytes) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
