/** The HTML pages: story list and search, story, article, claim check. Server-rendered, no script. */
import { Hono } from 'hono'
import type { AppContext } from './app.js'
import { badRequest } from './errors.js'
import { intParam, textParam } from './params.js'
import {
  articlesOf,
  loadArticle,
  loadStory,
  storyOfArticle,
  storyRows,
  verifyCandidates,
} from './queries.js'
import { MAX_QUERY } from './api.js'
import { articlePage, reusePartners } from './pages/article-page.js'
import { searchPage, storyListPage } from './pages/story-list.js'
import { storyPage } from './pages/story-page.js'
import { MAX_CLAIM, verifyPage } from './pages/verify-box.js'

/** Articles named by outlet in an article's reuse list (a wire story copied 500 times lists ids past these). */
const MAX_PARTNERS = 50

export function pageRoutes(context: AppContext): Hono {
  const { store } = context
  const pages = new Hono()

  pages.get('/', async (c) => {
    const query = textParam(c.req.query('q'), 'q', MAX_QUERY)
    if (query !== '') return c.html(searchPage(query, await store.search(query, 50)).value)
    const total = await store.countStories()
    const pageCount = Math.ceil(total / context.pageSize)
    const at = intParam(c.req.query('page'), 'page', 1, 1, Math.max(pageCount, 1))
    const rows = await storyRows(store, (at - 1) * context.pageSize, context.pageSize)
    return c.html(storyListPage(rows, { page: at, pages: pageCount, total }).value)
  })

  pages.get('/stories/:id', async (c) => {
    const story = await loadStory(store, c.req.param('id'))
    const articles = await articlesOf(store, story.articleIds)
    const claim = textParam(c.req.query('claim'), 'claim', MAX_CLAIM)
    const result = claim === '' ? null : await context.verify(claim, articles)
    return c.html(storyPage(story, articles, { claim, result }).value)
  })

  pages.get('/articles/:id', async (c) => {
    const article = await loadArticle(store, c.req.param('id'))
    const story = await storyOfArticle(store, article.id, c.req.query('story'))
    const [start, end] = [c.req.query('start'), c.req.query('end')]
    let cited: { start: number; end: number } | null = null
    if (start !== undefined || end !== undefined) {
      const from = intParam(start, 'start', -1, 0, article.text.length)
      const to = intParam(end, 'end', -1, 0, article.text.length)
      if (from < 0 || to <= from)
        throw badRequest('"start" and "end" must both be given, start before end')
      cited = { start: from, end: to }
    }
    const partners = await articlesOf(store, reusePartners(article, story).slice(0, MAX_PARTNERS))
    return c.html(
      articlePage(article, story, cited, new Map(partners.map((other) => [other.id, other]))).value,
    )
  })

  pages.get('/verify', async (c) => {
    const claim = textParam(c.req.query('claim'), 'claim', MAX_CLAIM)
    if (claim === '') return c.html(verifyPage('', null, new Map()).value)
    const articles = await verifyCandidates(store, claim)
    const result = await context.verify(claim, articles)
    return c.html(
      verifyPage(claim, result, new Map(articles.map((article) => [article.id, article]))).value,
    )
  })
  return pages
}
