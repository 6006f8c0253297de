import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { WARCRecord, WARCSerializer } from 'warcio'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { extractArticle } from '../extract/extract-article.js'
import type { RawDocument } from '../types.js'
import { DEFAULT_LIMITS, type InputLimits } from './limits.js'
import { type InputResult, readInputs } from './read-inputs.js'
import { readUnknownStream } from './sources.js'
import { fetchUrl } from './fetch-url.js'

const STORY =
  'Officials said on Monday that the bridge would reopen after repairs, ending weeks of detours for commuters in the city.'
const PAGE = (title: string): string =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${STORY}</p><p>${STORY.replace('bridge', 'tunnel')}</p></article></body></html>`

async function readAll(paths: string[], limits: Partial<InputLimits> = {}): Promise<InputResult[]> {
  const results: InputResult[] = []
  for await (const result of readInputs(paths, { ...DEFAULT_LIMITS, ...limits }))
    results.push(result)
  return results
}
const documentsOf = (results: InputResult[]): RawDocument[] =>
  results.flatMap((result) => ('document' in result ? [result.document] : []))
const problemsOf = (results: InputResult[]): string[] =>
  results.flatMap((result) => ('problem' in result ? [result.problem.ruleId] : []))

function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-')), name)
  writeFileSync(path, content)
  return path
}

const line = (id: string, text = `${STORY} (${id})`): string => JSON.stringify({ id, text })

test('a JSONL file larger than the size limit is read line by line; only an over-long line is refused', async () => {
  const lines = Array.from({ length: 40 }, (_, index) => line(`a${index}`))
  lines.splice(7, 0, line('huge', STORY.repeat(20)))
  const results = await readAll([tempFile('big.jsonl', lines.join('\n'))], { maxBytes: 1000 })
  expect(documentsOf(results)).toHaveLength(40)
  expect(problemsOf(results)).toEqual(['jsonl-too-large'])
})

test('JSONL whose first line is junk is still JSONL: one warning per junk line', async () => {
  const content = ['crawl started 2024-02-20', line('a'), 'oops {', line('b')].join('\n')
  const results = await readAll([tempFile('export.txt', content)])
  expect(documentsOf(results).map((document) => document.id)).toEqual(['a', 'b'])
  expect(problemsOf(results)).toEqual(['jsonl-malformed', 'jsonl-malformed'])
})

test('JSONL with a UTF-8 or UTF-16 byte-order mark keeps its records', async () => {
  const content = [line('é1', `Café ${STORY}`), line('é2')].join('\n')
  const utf8 = await readAll([tempFile('bom8.jsonl', `\uFEFF${content}`)])
  const utf16 = await readAll([
    tempFile(
      'bom16.jsonl',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content, 'utf16le')]),
    ),
  ])
  for (const results of [utf8, utf16]) {
    expect(documentsOf(results).map((document) => document.id)).toEqual(['é1', 'é2'])
    expect(documentsOf(results)[0]?.content.startsWith('Café')).toBe(true)
  }
})

test('a repeated JSONL id with other content is a warning, and the later article keeps a distinct id', async () => {
  const content = [line('x', STORY), line('x', STORY), line('x', `Other: ${STORY}`)].join('\n')
  const documents = documentsOf(await readAll([tempFile('dup.jsonl', content)]))
  expect(documents.map((document) => document.id?.split('~')[0])).toEqual(['x', 'x', 'x'])
  expect(documents[2]?.id).not.toBe('x')
  expect(documents[2]?.messages.map((message) => message.ruleId)).toEqual(['jsonl-duplicate-id'])
  expect(documents[1]?.messages).toEqual([])
})

test('gzipped JSONL streams too', async () => {
  const results = await readAll([
    tempFile('a.jsonl.gz', gzipSync([line('a'), line('b')].join('\n'))),
  ])
  expect(documentsOf(results).map((document) => document.id)).toEqual(['a', 'b'])
})

async function warcFile(gzip: boolean): Promise<Uint8Array> {
  const records = [
    WARCRecord.create(
      {
        url: 'https://example.org/bridge',
        type: 'response',
        httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
      },
      [new TextEncoder().encode(PAGE('Bridge reopens'))],
    ),
    WARCRecord.create({ url: 'https://example.org/bridge', type: 'request', httpHeaders: {} }, []),
    WARCRecord.create(
      {
        url: 'https://example.org/tunnel',
        type: 'response',
        httpHeaders: { 'Content-Type': 'text/html' },
      },
      [new TextEncoder().encode(PAGE('Tunnel open'))],
    ),
  ]
  const parts = await Promise.all(
    records.map((record) => WARCSerializer.serialize(record, { gzip })),
  )
  return Buffer.concat(parts)
}

test('WARC and WARC.gz files: each response record is a page of its target URL', async () => {
  for (const gzip of [false, true]) {
    const results = await readAll([
      tempFile(gzip ? 'crawl.warc.gz' : 'crawl.warc', await warcFile(gzip)),
    ])
    const documents = documentsOf(results)
    expect(documents.map((document) => document.url)).toEqual([
      'https://example.org/bridge',
      'https://example.org/tunnel',
    ])
    expect(extractArticle(documents[1] as RawDocument).title).toBe('Tunnel open')
  }
})

test('a WARC record over the size limit is a problem, and the next record is still read', async () => {
  const results = await readAll([tempFile('crawl.warc', await warcFile(false))], {
    maxBytes: PAGE('Bridge reopens').length - 1,
  })
  expect(problemsOf(results)).toEqual(['input-too-large'])
  expect(documentsOf(results).map((document) => document.url)).toEqual([
    'https://example.org/tunnel',
  ])
})

test('stdin is read as any file would be, JSONL streamed', async () => {
  const read = async (content: string): Promise<InputResult[]> => {
    const results: InputResult[] = []
    for await (const result of readUnknownStream(
      Readable.from([Buffer.from(content)]),
      '<stdin>',
      DEFAULT_LIMITS,
    ))
      results.push(result)
    return results
  }
  expect(documentsOf(await read([line('a'), line('b')].join('\n'))).map((d) => d.id)).toEqual([
    'a',
    'b',
  ])
  const text = documentsOf(await read(`Bridge reopens\n\n${STORY}`))
  expect(text.map((document) => document.kind)).toEqual(['text'])
})

// A local server stands in for the web: pages, a feed whose items name their original publisher, 304s.
let server: Server
let base = ''
const requests: { path: string; ifNoneMatch: string | undefined }[] = []
beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', ifNoneMatch: request.headers['if-none-match'] })
    if (request.url === '/feed.xml') {
      if (request.headers['if-none-match'] === '"v1"') return response.writeHead(304).end()
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' })
      return response.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>` +
          `<item><title>Bridge reopens</title><link>${base}/bridge</link><pubDate>Tue, 20 Feb 2024 10:00:00 GMT</pubDate><source url="https://example.com/rss">The Example Times</source></item>` +
          `<item><title>Tunnel reopens</title><link>${base}/gone</link><description>&lt;p&gt;${STORY}&lt;/p&gt;&lt;p&gt;${STORY}&lt;/p&gt;</description></item>` +
          `</channel></rss>`,
      )
    }
    if (request.url === '/garbage.xml') return response.writeHead(200).end('<rss><channel><item>')
    if (request.url === '/bridge') return response.writeHead(200).end(PAGE('Bridge reopens'))
    response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test("a feed's items are fetched; its <source> is the publisher; an unfetchable item falls back to its content", async () => {
  const results = await readAll([`${base}/feed.xml`], { allowPrivateNetwork: true })
  const documents = documentsOf(results)
  expect(documents.map((document) => document.url)).toEqual([`${base}/bridge`, `${base}/gone`])
  const bridge = extractArticle(documents[0] as RawDocument)
  expect(bridge.publisher).toBe('The Example Times')
  expect(bridge.publisherEvidence[0]?.kind).toBe('feed-source')
  expect(bridge.published?.startsWith('2024-02-20')).toBe(true)
  expect(documents[1]?.messages.map((message) => message.ruleId)).toContain('feed-item-content')
})

test('a file of URLs reads each URL; a garbage feed is a message and the others go on', async () => {
  const list = tempFile('urls.txt', `# feeds\n${base}/garbage.xml\n${base}/bridge\n`)
  const results = await readAll([list], { allowPrivateNetwork: true })
  expect(problemsOf(results)).toEqual(['feed-malformed'])
  expect(documentsOf(results).map((document) => document.url)).toEqual([`${base}/bridge`])
  // The guard still holds for listed URLs.
  expect(problemsOf(await readAll([list]))).toEqual(['fetch-refused', 'fetch-refused'])
})

test('conditional GET: the validators of one fetch make the next a 304', async () => {
  const limits = { ...DEFAULT_LIMITS, allowPrivateNetwork: true }
  const first = await fetchUrl(`${base}/feed.xml`, limits)
  expect('etag' in first && first.etag).toBe('"v1"')
  const second = await fetchUrl(`${base}/feed.xml`, limits, { etag: '"v1"' })
  expect('problem' in second && second.problem.ruleId).toBe('fetch-not-modified')
})
