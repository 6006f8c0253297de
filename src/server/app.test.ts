import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { verify } from '../corroborate/verify.js'
import { updateStore } from '../incremental.js'
import { collectArticles } from '../pipeline.js'
import { openStore, type Store } from '../store/index.js'
import type { Article, StoryReport } from '../types.js'
import { EXAMPLE } from '../../test/helpers.js'
import { HOSTILE, activeMarkup, seedStore } from '../../test/serve-fixture.js'
import { createApp } from './app.js'

let store: Store
let storyId: string
let app: ReturnType<typeof createApp>

// Seeding analyses the example story; the ceiling is a hang guard for a loaded machine, not a timing check.
beforeAll(async () => {
  ;({ store, storyId } = await seedStore())
  app = createApp({ store, verify })
}, 120_000)

// JSON answers are checked field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any
const json = async (path: string, init?: RequestInit): Promise<{ status: number; body: Json }> => {
  const response = await app.request(path, init)
  return { status: response.status, body: await response.json() }
}
const page = async (path: string): Promise<{ status: number; html: string; headers: Headers }> => {
  const response = await app.request(path)
  return { status: response.status, html: await response.text(), headers: response.headers }
}

describe('JSON API', () => {
  test('stories, one story and one article as in CONTRACT.md', async () => {
    const list = await json('/api/stories')
    expect(list.status).toBe(200)
    expect(list.body.stories).toHaveLength(1)
    expect(Object.keys(list.body.stories[0]).sort()).toEqual(
      ['articleIds', 'end', 'id', 'independentSources', 'start', 'title'].sort(),
    )
    const story = await json(`/api/stories/${storyId}`)
    expect(story.body).toEqual(await store.getStory(storyId))
    const articleId = story.body.articleIds[0]
    const article = await json(`/api/articles/${articleId}`)
    expect(article.body.id).toBe(articleId)
    expect(typeof article.body.text).toBe('string')
  })

  test('search answers articles with snippets and their stories', async () => {
    const found = await json('/api/search?q=Peskov')
    expect(found.status).toBe(200)
    expect(found.body.articles.length).toBeGreaterThan(0)
    expect(found.body.stories).toEqual([expect.objectContaining({ id: storyId })])
  })

  test('verify answers over one story and over the store, in the shape of CONTRACT.md', async () => {
    const claim = 'Putin gave Kim Jong Un a Russian-made car'
    const inStory = await json(`/api/verify?story=${storyId}&claim=${encodeURIComponent(claim)}`)
    expect(inStory.status).toBe(200)
    expect(inStory.body.claim).toBe(claim)
    expect(inStory.body.verdicts).toHaveLength(5)
    expect(inStory.body.support).toBeGreaterThanOrEqual(0)
    expect(inStory.body.dispute).toBeGreaterThanOrEqual(0)
    for (const verdict of inStory.body.verdicts) {
      expect(['agree', 'disagree', 'discuss', 'unrelated']).toContain(verdict.stance)
      const article = (await store.getArticle(verdict.articleId)) as Article
      for (const span of verdict.evidence) expect(span.end).toBeLessThanOrEqual(article.text.length)
    }
    const overStore = await json(`/api/verify?claim=${encodeURIComponent(claim)}`)
    expect(overStore.body.verdicts.length).toBeGreaterThan(0)
  })

  test('bad requests are 4xx JSON errors with a message, never a stack', async () => {
    const cases: [string, number, RequestInit?][] = [
      ['/api/stories/nope', 404],
      ['/api/articles/nope', 404],
      [`/api/articles/${'x'.repeat(5000)}`, 404],
      ['/api/search', 400],
      [`/api/search?q=${'a'.repeat(600)}`, 400],
      ['/api/search?q=x&limit=abc', 400],
      ['/api/verify', 400],
      ['/api/verify?claim=x&story=nope', 404],
      ['/api/stories?offset=-1', 400],
      ['/api/nothing-here', 404],
      ['/api/articles', 400, { method: 'POST', body: '{"text": ' }],
      ['/api/articles', 400, { method: 'POST', body: '{"title": "no text"}' }],
      ['/api/articles', 400, { method: 'POST', body: '[1, 2]' }],
      ['/api/articles', 400, { method: 'POST', body: '{"text": "ok"}\nnot json' }],
      ['/api/articles', 400, { method: 'POST', body: '{"text": 42}' }],
      ['/api/articles', 400, { method: 'POST', body: '' }],
    ]
    for (const [path, status, init] of cases) {
      const response = await json(path, init)
      expect({ path, status: response.status }).toEqual({ path, status })
      expect(response.body.error.status).toBe(status)
      expect(response.body.error.message).toMatch(/\w/)
      expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.ts:\d+/)
    }
    expect(
      (await json('/api/articles', { method: 'POST', body: '{"text": ' })).body.error.message,
    ).toMatch(/line 1/)
  })

  test('a path that exists asked with another method is a 405 naming the methods, not a 404', async () => {
    const cases: [string, string, string][] = [
      ['/api/stories', 'DELETE', 'GET, HEAD'],
      [`/api/stories/${storyId}`, 'PUT', 'GET, HEAD'],
      ['/api/articles', 'GET', 'POST'],
      [`/stories/${storyId}`, 'POST', 'GET, HEAD'],
    ]
    for (const [path, method, allow] of cases) {
      const response = await app.request(path, { method })
      expect({ path, method, status: response.status }).toEqual({ path, method, status: 405 })
      expect(response.headers.get('Allow')).toBe(allow)
    }
    const api = await json('/api/stories', { method: 'DELETE' })
    expect(api.body.error).toEqual({
      status: 405,
      message: 'DELETE is not allowed on /api/stories: use GET or HEAD',
    })
    expect((await page('/stories/')).status).toBe(404)
    expect((await app.request('/api/nothing-here', { method: 'DELETE' })).status).toBe(404)
  })

  test('POST answers each article with its warnings: what the poster would not see otherwise', async () => {
    const posted = await json('/api/articles', {
      method: 'POST',
      body: JSON.stringify({ id: 'undated-1', text: 'Short.', published: 'yesterday' }),
    })
    expect(
      posted.body.articles[0].messages.map((message: { ruleId: string }) => message.ruleId),
    ).toEqual(['published-unread', 'no-body'])
  })

  test('POST of an id the store holds with another text answers the id it is stored under, as added', async () => {
    const first = {
      id: 'posted-twice',
      text: 'The bridge reopened on Monday after repairs, officials said.',
    }
    await json('/api/articles', { method: 'POST', body: JSON.stringify(first) })
    const second = {
      ...first,
      text: 'The harbour closes on Friday for dredging works, the port said.',
    }
    const posted = await json('/api/articles', { method: 'POST', body: JSON.stringify(second) })
    const [answer] = posted.body.articles
    expect(posted.status).toBe(201)
    expect(answer).toMatchObject({ id: expect.stringMatching(/^posted-twice~\w+$/), added: true })
    expect(answer.messages.map((message: { ruleId: string }) => message.ruleId)).toEqual([
      'duplicate-id',
    ])
    expect((await json(`/api/articles/${answer.id}`)).body.text).toBe(second.text)
  })

  test('POST bodies are bounded', async () => {
    const small = createApp({ store, verify, maxBodyBytes: 1000 })
    const response = await small.request('/api/articles', {
      method: 'POST',
      body: JSON.stringify({ text: 'word '.repeat(1000) }),
    })
    expect(response.status).toBe(413)
    expect((await response.json()).error.status).toBe(413)
  })
})

describe('pages', () => {
  test('the story list shows the story with its outlets, source count and conflict badge, under a strict CSP', async () => {
    const { status, html, headers } = await page('/')
    expect(status).toBe(200)
    expect(html).toContain(`/stories/${storyId}`)
    expect(html).toMatch(/4 independent\s+sources/)
    expect(html).toContain('Mint (from The Wall Street Journal)')
    expect(html).toMatch(/[1-9]\d* conflicts?/)
    expect(html).not.toMatch(/<script/i)
    expect(headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    expect(headers.get('content-security-policy')).not.toMatch(/script-src|unsafe/)
    // The icon the page names is served from this origin (the CSP's img-src), and /favicon.ico is no 404.
    const icon = html.match(/<link rel="icon" href="([^"]+)"/)?.[1] as string
    for (const path of [icon, '/favicon.ico']) {
      const response = await app.request(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/svg+xml')
    }
  })

  test('a story dated by its pages only says so on the list, as its page does; the seed story does not', async () => {
    expect((await page('/')).html).not.toContain('original date unknown')
    const location = join(mkdtempSync(join(tmpdir(), 'corroborate-serve-')), 'republished.db')
    const republished = await openStore(location)
    await updateStore(
      republished,
      await collectArticles([join(EXAMPLE, '000_c4af87845c3e2fcc.txt')]),
    )
    // The SQLite list rows, and the fallback a store without them takes (getStory and getArticle).
    const withoutRows: Store = Object.create(republished, { listStoryRows: { value: undefined } })
    for (const store of [republished, withoutRows]) {
      const list = await createApp({ store, verify }).request('/')
      expect(await list.text()).toContain('2025-06-24 (republished; original date unknown)')
    }
    const api = await createApp({ store: republished, verify }).request('/api/stories')
    expect((await api.json()).stories[0].datedByPages).toBe(true)
    await republished.close()
  })

  test('search, paging and bad page numbers', async () => {
    const found = (await page('/?q=Peskov')).html
    expect(found).toContain(`/stories/${storyId}`)
    // The matched word is marked as such, not written between brackets like the text's own "[…]".
    expect(found).toContain('<mark>Peskov</mark>')
    expect(found).not.toContain('[Peskov]')
    expect((await page('/?page=1')).status).toBe(200)
    expect((await page('/?page=9')).status).toBe(400)
    expect((await page('/?page=x')).status).toBe(400)
  })

  test('the story page cites passages that exist, and each citation opens its article at the passage', async () => {
    const { status, html } = await page(`/stories/${storyId}`)
    expect(status).toBe(200)
    for (const heading of [
      'What happened',
      'Where sources disagree',
      'Claims',
      'Quotes by speaker',
      'Timeline',
      'Sources side by side',
      'What each source alone reports',
    ])
      expect(html).toContain(heading)
    const cites = [
      ...html.matchAll(
        /href="\/articles\/([^"?]+)\?story=[^"&]+&amp;start=(\d+)&amp;end=(\d+)#cited"/g,
      ),
    ]
    expect(cites.length).toBeGreaterThan(20)
    const [, articleId, start, end] = cites[0] as unknown as string[]
    const article = (await store.getArticle(articleId as string)) as Article
    const passage = article.text.slice(Number(start), Number(end))
    const opened = await page(`/articles/${articleId}?story=${storyId}&start=${start}&end=${end}`)
    expect(opened.status).toBe(200)
    const marked = /<mark class="cited" id="cited">([\s\S]*?)<\/mark>/.exec(opened.html)?.[1] ?? ''
    const unescape = (text: string): string =>
      text
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
    expect(unescape(marked)).toBe(passage)
  })

  test('the figures a source alone reports are written as the conflicts write theirs', async () => {
    const { html } = await page(`/stories/${storyId}`)
    const alone = html.slice(html.indexOf('What each source alone reports'))
    expect(alone).toMatch(/price: in its most basic version 245,000 USD/)
    expect(alone).toMatch(/as much as 1 million USD/)
    expect(alone).not.toMatch(/\b\d{5,} USD/)
  })

  test('the claim box’s example, asked on the seed story, finds a source that supports it', async () => {
    const { html } = await page(`/stories/${storyId}`)
    const example = /placeholder="[^"]*e\.g\. ([^"]+)"/.exec(html)?.[1] ?? ''
    expect(example).not.toBe('')
    const answer = (await page(`/stories/${storyId}?claim=${encodeURIComponent(example)}`)).html
    expect(answer).toMatch(/support: [1-9]/)
  })

  test('the claim box answers on the story page and over the store', async () => {
    const claim = encodeURIComponent('Putin gave Kim Jong Un a Russian-made car')
    // The stance of each article is the model's (measured in npm run eval); the box shows every verdict.
    const inStory = (await page(`/stories/${storyId}?claim=${claim}`)).html
    expect(inStory).toMatch(/support: \d+/)
    expect(
      inStory.match(/class="badge (agree|disagree|discuss|unrelated)"/g)?.length,
    ).toBeGreaterThanOrEqual(5)
    expect((await page(`/verify?claim=${claim}`)).html).toMatch(/support: \d+/)
  })

  test('bad citation offsets and unknown ids are 4xx pages', async () => {
    const [articleId] = (await store.getStory(storyId))?.articleIds ?? []
    expect((await page(`/articles/${articleId}?start=5`)).status).toBe(400)
    expect((await page(`/articles/${articleId}?start=9&end=3`)).status).toBe(400)
    expect((await page(`/articles/${articleId}?start=0&end=99999999`)).status).toBe(400)
    const missing = await page('/stories/none')
    expect(missing.status).toBe(404)
    expect(missing.html).toContain('Story none not found')
    expect((await page('/no/such/page')).status).toBe(404)
  })

  test('a hostile article posted through the API renders as text everywhere', async () => {
    const posted = await json('/api/articles', { method: 'POST', body: JSON.stringify(HOSTILE) })
    expect(posted.status).toBe(201)
    expect(posted.body.articles).toEqual([
      { id: 'hostile-1', added: true, storyId: expect.any(String), messages: [] },
    ])
    const again = await json('/api/articles', { method: 'POST', body: JSON.stringify(HOSTILE) })
    expect(again.body.articles[0].added).toBe(false)
    const pages = [
      await page('/articles/hostile-1'),
      await page(`/stories/${posted.body.articles[0].storyId}`),
      await page('/'),
      await page('/?q=bridge'),
    ]
    for (const { html } of pages) {
      expect(activeMarkup(html)).toEqual([])
      // The check itself sees markup that would run.
      expect(activeMarkup(`<p>${HOSTILE.title}</p>`)).toEqual(['<script>', '<img>', 'img[onerror]'])
    }
    expect(pages[0]?.html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;')
    expect(pages[0]?.html).toContain('&lt;script&gt;window.__pwned = 3&lt;/script&gt;')
  })
})

describe('reports with fields left empty or absent', () => {
  test('the story page renders what the report has', async () => {
    const story = (await store.getStory(storyId)) as StoryReport
    const bare = {
      ...story,
      claims: [],
      quotes: [],
      conflicts: [],
      timeline: [],
      summary: [],
      entities: [],
      facts: [],
    } as Partial<StoryReport>
    delete bare.membership
    delete bare.reuse
    const thin: Store = Object.assign(Object.create(store) as Store, {
      getStory: async () => bare as StoryReport,
      listStoryRows: undefined,
      storyOfArticle: undefined,
    })
    const thinApp = createApp({ store: thin, verify })
    const response = await thinApp.request(`/stories/${storyId}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Sources side by side')
    expect(html).not.toContain('What happened')
    const list = await thinApp.request('/')
    expect(await list.text()).toContain(`/stories/${storyId}`)
  })
})

describe('corroborate serve', () => {
  test('refuses a missing store and a bad port, saying why', async () => {
    const { runCaptured } = await import('../../test/helpers.js')
    const missing = await runCaptured(['serve', '--db', '/nonexistent/corroborate.db'])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/no store at \/nonexistent\/corroborate\.db/)
    expect((await runCaptured(['serve', '--port', 'http'])).status).toBe(2)
  })
})

test('the story page says what a disputed claim is disputed on, as the reports do', async () => {
  const story = (await store.getStory(storyId)) as StoryReport
  const disputed = story.claims.find(
    (claim) => claim.status === 'disputed' && claim.independentSources > 1,
  )
  expect(disputed?.disputedOn?.length).toBeGreaterThan(0)
  const { html } = await page(`/stories/${storyId}`)
  expect(html).toContain(`disputed on ${disputed?.disputedOn?.join('; ') ?? ''}`)
})
