/** The JSON API of CONTRACT.md (`/api/...`); errors go through the app's one handler. */
import { Hono } from 'hono'
import { extract } from '../pipeline.js'
import { updateStore } from '../incremental.js'
import type { AppContext } from './app.js'
import { parseArticleInputs } from './article-inputs.js'
import { badRequest } from './errors.js'
import { intParam, textParam } from './params.js'
import { articlesOf, loadArticle, loadStory, verifyCandidates } from './queries.js'
import { MAX_CLAIM } from './pages/verify-box.js'

/** Longest search query accepted (characters). */
export const MAX_QUERY = 500

export function apiRoutes(context: AppContext): Hono {
  const { store } = context
  const api = new Hono()

  api.get('/stories', async (c) => {
    const offset = intParam(c.req.query('offset'), 'offset', 0, 0, 1e9)
    const limit = c.req.query('limit')
    const stories = await store.listStories()
    return c.json({
      stories:
        limit === undefined
          ? stories.slice(offset)
          : stories.slice(offset, offset + intParam(limit, 'limit', 0, 1, 10_000)),
    })
  })

  api.get('/stories/:id', async (c) => c.json(await loadStory(store, c.req.param('id'))))

  api.get('/articles/:id', async (c) => c.json(await loadArticle(store, c.req.param('id'))))

  api.get('/search', async (c) => {
    const query = textParam(c.req.query('q'), 'q', MAX_QUERY)
    if (query === '') throw badRequest('Missing "q": the words to search for')
    const limit = intParam(c.req.query('limit'), 'limit', 20, 1, 200)
    return c.json(await store.search(query, limit))
  })

  api.get('/verify', async (c) => {
    const claim = textParam(c.req.query('claim'), 'claim', MAX_CLAIM)
    if (claim === '') throw badRequest('Missing "claim": the statement to check')
    const storyId = c.req.query('story')
    const articles =
      storyId === undefined
        ? await verifyCandidates(store, claim)
        : await articlesOf(store, (await loadStory(store, storyId)).articleIds)
    return c.json(await context.verify(claim, articles))
  })

  api.post('/articles', async (c) => {
    const inputs = parseArticleInputs(await c.req.text())
    const articles = inputs.map((input, index) => {
      try {
        return extract(input)
      } catch (error) {
        throw badRequest(`article ${index + 1}: ${(error as Error).message}`)
      }
    })
    const result = await context.serialize(async () => {
      const renamed = new Map<string, string>()
      const update = await updateStore(store, articles, {
        // An id the store holds with another text is stored as `id~hash`: the answer says so.
        onProblem: (problem) =>
          problem.ruleId === 'duplicate-id'
            ? renamed.set(problem.input, problem.reason)
            : undefined,
      })
      const storyOf = new Map<string, string>()
      for (const id of update.changedStories)
        for (const member of (await store.getStory(id))?.articleIds ?? []) storyOf.set(member, id)
      for (const id of update.ids)
        if (!storyOf.has(id) && store.storyOfArticle !== undefined) {
          const story = await store.storyOfArticle(id)
          if (story !== null) storyOf.set(id, story)
        }
      return { update, storyOf, renamed }
    })
    const added = new Set(result.update.added)
    return c.json(
      {
        articles: articles.map((article, index) => {
          const id = result.update.ids[index] ?? article.id
          const renamed = result.renamed.get(article.path ?? article.url ?? article.id)
          return {
            id,
            added: added.has(id),
            storyId: result.storyOf.get(id) ?? null,
            // What a poster cannot see otherwise: no body found, a date that cannot be read, an id renamed.
            messages: [
              ...article.messages.filter((message) => message.severity !== 'info'),
              ...(id === article.id || renamed === undefined
                ? []
                : [{ severity: 'warning', ruleId: 'duplicate-id', reason: renamed }]),
            ],
          }
        }),
      },
      added.size > 0 ? 201 : 200,
    )
  })

  // No catch-all here: a path no route answers reaches the app's notFound, which tells a 404 from a 405.
  return api
}
