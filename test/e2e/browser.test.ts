/**
 * End-to-end: `corroborate serve`'s app on a loopback socket, driven in Debian's chromium by playwright-core.
 * Skipped, saying so, where /usr/bin/chromium is absent (`apt-get install -y chromium`; .ci/run installs it).
 * SCREENSHOTS=1 writes the README's screenshots to docs/.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { verify } from '../../src/corroborate/verify.js'
import { type RunningServer, startServer } from '../../src/server/serve.js'
import type { Store } from '../../src/store/index.js'
import type { Article } from '../../src/types.js'
import { HOSTILE, SCRIPT_IN_TEXT, SCRIPT_IN_TITLE, seedStore } from '../serve-fixture.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const present = existsSync(CHROMIUM)
if (!present)
  console.warn(
    `browser tests skipped: ${CHROMIUM} is absent (install it with \`apt-get install -y chromium\`)`,
  )
const SHOTS =
  process.env.SCREENSHOTS === '1'
    ? new URL('../../docs/', import.meta.url).pathname
    : present
      ? mkdtempSync(join(tmpdir(), 'corroborate-shots-'))
      : ''

// CI installs chromium (.ci/run): there, its absence is a failure, not a skip.
test.runIf(!present && process.env.CI === 'true')('chromium is installed in CI', () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} missing: .ci/run should have installed it`).toBe(true)
})

describe.skipIf(!present)(`the web app in chromium (${CHROMIUM})`, () => {
  let store: Store
  let storyId: string
  let server: RunningServer
  let browser: Browser
  const offHost: string[] = []

  beforeAll(async () => {
    ;({ store, storyId } = await seedStore())
    server = await startServer({ store, verify, port: 0 })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await store?.close()
  })

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) offHost.push(request.url())
    })
    await page.goto(`${server.url}${path}`)
    return page
  }

  test('open the seed story, click a citation: the cited passage is visible and highlighted', async () => {
    const page = await open('/')
    await page.click(`a[href="/stories/${storyId}"]`)
    await page.waitForURL(`**/stories/${storyId}`)
    await page.screenshot({ path: join(SHOTS, 'serve-story.png') })
    const citation = page.locator('#brief a.cite').first()
    const href = (await citation.getAttribute('href')) ?? ''
    const [, articleId, start, end] =
      /\/articles\/([^?]+)\?.*start=(\d+)&end=(\d+)#cited$/.exec(href) ?? []
    await citation.click()
    await page.waitForURL(`**/articles/${articleId}?**`)
    const mark = page.locator('mark#cited')
    await expect.poll(() => mark.isVisible()).toBe(true)
    // Scrolled into view by #cited, not merely present further down the page.
    const box = await mark.boundingBox()
    expect(box).not.toBeNull()
    expect(box!.y).toBeGreaterThanOrEqual(0)
    expect(box!.y).toBeLessThan(900)
    const background = await mark.evaluate((element) => getComputedStyle(element).backgroundColor)
    expect(background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/)
    const article = (await store.getArticle(articleId as string)) as Article
    expect(await mark.textContent()).toBe(article.text.slice(Number(start), Number(end)))
    await page.screenshot({ path: join(SHOTS, 'serve-article.png') })
    await page.close()
  }, 120_000)

  test('the claim box answers which sources support the claim', async () => {
    const page = await open(`/stories/${storyId}`)
    await page.fill('input[name="claim"]', 'Putin gave Kim Jong Un a Russian-made car')
    await page.click('#verify button[type="submit"]')
    await page.waitForSelector('#verify-result')
    expect(await page.locator('#verify-result').textContent()).toMatch(/support: \d+/)
    // Every article of the story gets a verdict (the stance itself is the model's, measured in npm run eval).
    expect(await page.locator('#verify-result .badge').count()).toBeGreaterThanOrEqual(5)
    await page.close()
  }, 120_000)

  test('a hostile article (script in title and text) renders as text and runs nothing', async () => {
    const response = await fetch(`${server.url}/api/articles`, {
      method: 'POST',
      body: JSON.stringify(HOSTILE),
    })
    expect(response.status).toBe(201)
    const page = await open(`/articles/${HOSTILE.id}`)
    expect(await page.locator('h1').textContent()).toBe(SCRIPT_IN_TITLE)
    expect(await page.locator('.text').textContent()).toContain(SCRIPT_IN_TEXT)
    expect(await page.locator('script, img, svg').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
      undefined,
    )
    // javascript: URLs are not made into links.
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0)
    await page.close()
  }, 120_000)

  test('no page asked another host for anything', () => {
    expect(offHost).toEqual([])
  })
})
