import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { runCli } from './cli/main.js'
import { DEFAULT_LIMITS } from './ingest/limits.js'
import { openStore } from './store/index.js'
import { type FeedState, feedList, parseInterval, pollFeeds } from './watch.js'

const STORY =
  'Officials said on Monday that the bridge would reopen after repairs, ending weeks of detours for commuters in the city.'

// A local server stands in for the feeds: one with an ETag, one that answers garbage.
let server: Server
let base = ''
let items = 1
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/news.xml') {
      const etag = `"items-${items}"`
      if (request.headers['if-none-match'] === etag) return response.writeHead(304).end()
      const entries = Array.from(
        { length: items },
        (_, index) =>
          `<entry><title>Bridge ${index}</title><link href="${base}/page/${index}"/><updated>2024-02-2${index}T00:00:00Z</updated></entry>`,
      ).join('')
      response.writeHead(200, { etag, 'content-type': 'application/atom+xml' })
      return response.end(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>${entries}</feed>`,
      )
    }
    if (request.url?.startsWith('/page/'))
      return response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<html><body><article><h1>Bridge</h1><p>${STORY} Report ${request.url}.</p><p>${STORY}</p></article></body></html>`,
        )
    response.writeHead(200).end('this is not a feed at all')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test('polling reads new items only, a 304 costs nothing, and a garbage feed is a message while the others go on', async () => {
  const store = await openStore(':memory:')
  const states = new Map<string, FeedState>()
  const limits = { ...DEFAULT_LIMITS, allowPrivateNetwork: true }
  const feeds = feedList(`# desk feeds\n${base}/garbage\n\n${base}/news.xml\n`)
  const first = await pollFeeds(feeds, store, states, limits)
  expect(first).toMatchObject({ articles: 1, unchanged: 0 })
  expect(first.problems.map((problem) => problem.ruleId)).toEqual(['feed-malformed'])
  const second = await pollFeeds(feeds, store, states, limits)
  expect(second).toMatchObject({ articles: 0, unchanged: 1 })
  items = 2
  const third = await pollFeeds(feeds, store, states, limits)
  expect(third).toMatchObject({ articles: 1, unchanged: 0 })
  expect(await store.listArticles()).toHaveLength(2)
  expect(await store.unclusteredArticles()).toEqual([])
  await store.close()
})

test('intervals read as seconds, minutes or hours', () => {
  expect(parseInterval('10m')).toBe(600_000)
  expect(parseInterval('90s')).toBe(90_000)
  expect(parseInterval('1h')).toBe(3_600_000)
  expect(parseInterval('soon')).toBeNull()
  expect(parseInterval('0s')).toBeNull()
})

test('watch --once reports its round in words that agree with the counts ("1 feed", "1 new article")', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'corroborate-watch-'))
  const feeds = join(folder, 'feeds.txt')
  writeFileSync(feeds, `${base}/news.xml\n`)
  let stdout = ''
  const status = await runCli(
    ['watch', feeds, '--db', join(folder, 'news.db'), '--once', '--allow-private'],
    { stdout: (text) => void (stdout += text), stderr: () => undefined, stderrIsTty: false },
  )
  expect(status).toBe(0)
  expect(stdout).toMatch(/ polled 1 feed: \d+ new articles?, 0 unchanged, 0 problems\n$/)
  expect(stdout).not.toMatch(/\b1 (feeds|new articles|problems)\b/)
})
