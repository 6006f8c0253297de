import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { errorPage } from './pages/layout.js'

/** The one error type of the server: a status and a message a user may read (never a stack). */
export function httpError(status: ContentfulStatusCode, message: string): HTTPException {
  return new HTTPException(status, { message })
}

export const notFound = (what: string): HTTPException => httpError(404, `${what} not found`)
export const badRequest = (message: string): HTTPException => httpError(400, message)

/** A route as Hono lists it in `app.routes`: `ALL` for middleware. */
export interface RouteEntry {
  method: string
  path: string
}

/**
 * The methods some route answers on this path (HEAD with GET, as Hono serves it), so a path that exists
 * answered with another method is a 405 naming them, not a 404 saying the path does not exist.
 */
export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const methods = new Set<string>()
  for (const route of routes) {
    if (route.method === 'ALL') continue
    const pattern = route.path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')
    if (!new RegExp(`^${pattern}$`).test(path)) continue
    methods.add(route.method)
    if (route.method === 'GET') methods.add('HEAD')
  }
  return [...methods]
}

/**
 * The one error handler: API paths answer JSON `{ error: { status, message } }` (CONTRACT.md), pages answer
 * the same status as a page. Anything but an HTTPException is a bug: 500, logged, its details kept private.
 */
export function handleError(error: Error, c: Context): Response {
  const known = error instanceof HTTPException
  if (!known) console.error(`corroborate serve: ${c.req.method} ${c.req.path}:`, error)
  const status: ContentfulStatusCode = known ? error.status : 500
  const message = known ? error.message || 'Request failed' : 'Internal server error'
  return c.req.path.startsWith('/api/')
    ? c.json({ error: { status, message } }, status)
    : c.html(errorPage(status, message).value, status)
}
