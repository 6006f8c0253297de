import { gunzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { verify } from '../corroborate/verify.js'
import { updateStore } from '../incremental.js'
import { openStore } from '../store/index.js'
import { HOSTILE, seedStore } from '../../test/serve-fixture.js'
import { extract } from '../pipeline.js'
import { createApp } from './app.js'
import { type CachedPage, PageCache, matchesEtag } from './page-cache.js'

const bytes = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text)
const kept = (text: string): CachedPage => ({
  body: bytes(text),
  contentType: 'text/plain',
  cacheControl: 'no-cache',
  etag: '"x"',
})

describe('PageCache', () => {
  test('drops the least recently used past its budget, and everything when the token changes', () => {
    const entry = 1000 + 2 + 512 // bytes, one-letter key, overhead
    const cache = new PageCache(8 * entry)
    cache.sync('1')
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    for (const key of keys) cache.set(key, kept('x'.repeat(1000)))
    expect(cache.size).toBe(8)
    cache.get('a') // a is now the most recently used: b goes first
    cache.set('i', kept('x'.repeat(1000)))
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBeDefined()
    expect(cache.size).toBe(8)
    expect(cache.usedBytes).toBeLessThanOrEqual(cache.maxBytes)
    cache.set('huge', kept('x'.repeat(2000))) // over an eighth of the budget: not kept
    expect(cache.get('huge')).toBeUndefined()
    cache.sync('1')
    expect(cache.size).toBe(8)
    cache.sync('2')
    expect(cache.size).toBe(0)
    expect(cache.usedBytes).toBe(0)
  })

  test('If-None-Match: lists, weak tags and * match; other tags do not', () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true)
    expect(matchesEtag('"zzz", W/"abc"', '"abc"')).toBe(true)
    expect(matchesEtag('*', '"abc"')).toBe(true)
    expect(matchesEtag('"abcd"', '"abc"')).toBe(false)
    expect(matchesEtag(undefined, '"abc"')).toBe(false)
  })
})

describe('kept pages in the app', () => {
  test('a page is served again with its ETag, 304 when the browser has it, and gzipped when asked', async () => {
    const { store, storyId } = await seedStore()
    const app = createApp({ store, verify })
    const first = await app.request(`/stories/${storyId}`)
    const html = await first.text()
    const etag = first.headers.get('ETag') ?? ''
    expect(etag).toMatch(/^"[\w-]+"$/)
    const second = await app.request(`/stories/${storyId}`)
    expect(await second.text()).toBe(html)
    expect(second.headers.get('ETag')).toBe(etag)
    // Kept responses still carry the security headers.
    expect(second.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
    expect(second.headers.get('Content-Type')).toMatch(/^text\/html/)

    const notModified = await app.request(`/stories/${storyId}`, {
      headers: { 'If-None-Match': etag },
    })
    expect(notModified.status).toBe(304)
    expect(await notModified.text()).toBe('')

    const zipped = await app.request(`/stories/${storyId}`, {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    })
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip')
    expect(zipped.headers.get('ETag')).not.toBe(etag)
    const body = Buffer.from(await zipped.arrayBuffer())
    expect(body.length).toBeLessThan(Buffer.byteLength(html) / 3)
    expect(gunzipSync(body).toString()).toBe(html)
    const refused = await app.request(`/stories/${storyId}`, {
      headers: { 'Accept-Encoding': 'gzip;q=0' },
    })
    expect(refused.headers.get('Content-Encoding')).toBeNull()

    // Errors are rendered each time, never kept.
    for (let round = 0; round < 2; round++)
      expect((await app.request('/api/stories/nope')).status).toBe(404)
    await store.close()
  })

  test("a write through the server, or an ingest in another process's connection, shows at once", async () => {
    const { store, location } = await seedStore()
    const app = createApp({ store, verify })
    const search = async (): Promise<string[]> =>
      (
        (await (await app.request('/api/search?q=rusted')).json()) as { articles: { id: string }[] }
      ).articles.map((article) => article.id)
    expect(await search()).toEqual([])
    expect(await search()).toEqual([]) // now kept
    const posted = await app.request('/api/articles', {
      method: 'POST',
      body: JSON.stringify(HOSTILE),
    })
    expect(posted.status).toBe(201)
    expect(await search()).toEqual(['hostile-1'])

    // Another connection to the same file, as `corroborate ingest` beside the server.
    const list = await (await app.request('/api/stories')).text()
    expect(await (await app.request('/api/stories')).text()).toBe(list)
    const ingest = await openStore(location)
    const tunnel = extract({
      id: 'tunnel-1',
      url: 'https://example.org/tunnel',
      title: 'A tunnel under the estuary opened',
      text: 'Engineers opened the long awaited tunnel under the estuary on Tuesday, after seven years of digging beneath the riverbed and two floods that stopped the work for months.',
    })
    await updateStore(ingest, [tunnel])
    await ingest.close()
    const after = await (await app.request('/api/stories')).text()
    expect(after).not.toBe(list)
    expect(after).toContain('tunnel-1')
    await store.close()
  })

  test('with a budget of 0, nothing is kept and no ETag is sent', async () => {
    const { store, storyId } = await seedStore()
    const app = createApp({ store, verify, cacheBytes: 0 })
    const response = await app.request(`/stories/${storyId}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('ETag')).toBeNull()
    await store.close()
  })
})
