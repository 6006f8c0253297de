/**
 * The HTTP app of `corroborate serve`: the JSON API and the pages of CONTRACT.md over a Store, built with
 * Hono (typed routes, `app.request()` for tests without sockets). The claim checker is a dependency, so the
 * app is tested and run with whichever `verify` the library provides.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { VerifyResult } from '../corroborate/verify.js'
import type { Store } from '../store/index.js'
import type { Article } from '../types.js'
import { apiRoutes } from './api.js'
import { allowedMethods, handleError, httpError, notFound } from './errors.js'
import { cachedPages, PageCache } from './page-cache.js'
import { pageRoutes } from './pages.js'
import { ICON, STYLESHEET } from './pages/style.js'

export type VerifyFn = (claim: string, articles: Article[]) => VerifyResult | Promise<VerifyResult>

export interface AppOptions {
  store: Store
  verify: VerifyFn
  /** Largest POST body accepted, in bytes (default: 8 MiB). */
  maxBodyBytes?: number
  /** Stories per page of the story list (default: 25). */
  pageSize?: number
  /**
   * Bytes of rendered responses kept until the store changes (default: 64 MiB; 0 keeps none). Each worker
   * process keeps its own.
   */
  cacheBytes?: number
}

/** Default budget of kept responses: about 600 story pages of ten articles, or all 374 of a 10,000-article store. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024

export interface AppContext {
  store: Store
  verify: VerifyFn
  pageSize: number
  /** Runs store writes one at a time (ingests read, cluster and write a story state). */
  serialize: <T>(write: () => Promise<T>) => Promise<T>
}

/** Nothing but this origin's stylesheet; no script at all, no frames, forms post only here. */
const CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
}

export function createApp(options: AppOptions): Hono {
  let queue: Promise<unknown> = Promise.resolve()
  const context: AppContext = {
    store: options.store,
    verify: options.verify,
    pageSize: options.pageSize ?? 25,
    serialize: (write) => {
      const run = queue.then(write, write)
      queue = run.catch(() => undefined)
      return run
    },
  }
  const app = new Hono()
  app.use(
    secureHeaders({
      contentSecurityPolicy: CSP,
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
    }),
  )
  app.use(
    cachedPages(
      new PageCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES),
      options.store.changeToken?.bind(options.store),
    ),
  )
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 8 * 1024 * 1024,
      onError: () => {
        throw httpError(
          413,
          `Body too large: at most ${options.maxBodyBytes ?? 8 * 1024 * 1024} bytes`,
        )
      },
    }),
  )
  app.get('/assets/style.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' })
  })
  // The pages name this icon; browsers that ask for /favicon.ico anyway get it too rather than a 404.
  for (const path of ['/assets/icon.svg', '/favicon.ico'])
    app.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=86400')
      return c.body(ICON, 200, { 'Content-Type': 'image/svg+xml' })
    })
  app.route('/api', apiRoutes(context))
  app.route('/', pageRoutes(context))
  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, c.req.path)
    if (allowed.length === 0)
      return handleError(
        notFound(`${c.req.path.startsWith('/api/') ? 'API path' : 'Path'} ${c.req.path}`),
        c,
      )
    const response = handleError(
      httpError(
        405,
        `${c.req.method} is not allowed on ${c.req.path}: use ${allowed.join(' or ')}`,
      ),
      c,
    )
    response.headers.set('Allow', allowed.join(', '))
    return response
  })
  app.onError(handleError)
  return app
}
