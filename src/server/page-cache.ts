/**
 * Rendered responses kept in memory until the store changes. A story page reads a report of 24–143 KB of
 * JSON and ten articles and renders them (4–5 ms of CPU in a store of 10,000 articles); the same bytes, kept,
 * cost a lookup. A response is kept under its URL for as long as the store's change token stays the same
 * (`Store.changeToken`: any commit, by this process or by an ingest beside it, changes it), and the least
 * recently used ones go first past a byte budget. Kept responses carry an ETag (a hash of their bytes, the
 * same in every worker process) for `If-None-Match`, and their gzip, made once on the first request that
 * accepts it.
 */
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'

/** One kept response: its bytes and what is needed to send them again. */
export interface CachedPage {
  body: Uint8Array<ArrayBuffer>
  contentType: string
  cacheControl: string
  /** A strong validator of `body` (quoted, as sent). */
  etag: string
  /** `body` gzipped, once a client asked for it. */
  gzip?: Uint8Array<ArrayBuffer>
}

/** Bytes counted for a kept response besides its bodies (key, headers, the map's entry). */
const ENTRY_OVERHEAD = 512

/** Responses larger than this are not kept (one article of a hostile 8 MB text must not evict every page). */
const MAX_ENTRY_SHARE = 8

/** Least recently used first out, within `maxBytes`; everything goes when the store's token changes. */
export class PageCache {
  /** In use order: a Map iterates in insertion order, and a hit is re-inserted at the end. */
  private readonly entries = new Map<string, CachedPage>()
  private bytes = 0
  private token: string | null = null

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size
  }

  get usedBytes(): number {
    return this.bytes
  }

  /** Forgets every response when the store has changed since they were rendered. */
  sync(token: string): void {
    if (token === this.token) return
    this.entries.clear()
    this.bytes = 0
    this.token = token
  }

  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key)
    if (page !== undefined) {
      this.entries.delete(key)
      this.entries.set(key, page)
    }
    return page
  }

  set(key: string, page: CachedPage): void {
    const cost = weight(key, page)
    if (cost > this.maxBytes / MAX_ENTRY_SHARE) return
    const old = this.entries.get(key)
    if (old !== undefined) {
      this.entries.delete(key)
      this.bytes -= weight(key, old)
    }
    this.entries.set(key, page)
    this.bytes += cost
    for (const [oldest, evicted] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= weight(oldest, evicted)
    }
  }

  /** Gzips a kept response once, and counts its gzip in the budget. */
  gzipOf(key: string, page: CachedPage): Uint8Array<ArrayBuffer> {
    if (page.gzip === undefined) {
      page.gzip = gzipSync(page.body)
      if (this.entries.get(key) === page) this.bytes += page.gzip.byteLength
    }
    return page.gzip
  }
}

function weight(key: string, page: CachedPage): number {
  return page.body.byteLength + (page.gzip?.byteLength ?? 0) + key.length * 2 + ENTRY_OVERHEAD
}

/** A validator that names the bytes: equal in every process that rendered them, new when they differ. */
export function etagOf(body: Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
}

/** Whether an `If-None-Match` header names this validator (`*`, a list, weak or not: RFC 9110 13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  const opaque = etag.slice(1, -1)
  return ifNoneMatch
    .split(',')
    .some((tag) => /^\s*(?:W\/)?"?([^"]*)"?\s*$/.exec(tag)?.[1] === opaque || tag.trim() === '*')
}

/** Whether a request accepts gzip (`Accept-Encoding`, q=0 refuses it). */
function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false
  return acceptEncoding
    .split(',')
    .some((coding) => /^\s*gzip\s*(?:;\s*q=(?!0(?:\.0*)?\s*$)[\d.]+\s*)?$/i.test(coding))
}

/**
 * Serves GET requests from the cache and keeps their 200 responses. `token` reads the store's change token;
 * without one (a store that cannot tell its changes) nothing is kept.
 */
export function cachedPages(
  cache: PageCache,
  token: (() => Promise<string>) | undefined,
): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' || token === undefined || cache.maxBytes <= 0) return next()
    cache.sync(await token())
    const url = new URL(c.req.url)
    const key = url.pathname + url.search
    let page = cache.get(key)
    if (page === undefined) {
      await next()
      if (c.res.status !== 200) return
      const body = new Uint8Array(await c.res.arrayBuffer())
      page = {
        body,
        contentType: c.res.headers.get('Content-Type') ?? 'application/octet-stream',
        // Pages are kept by browsers but asked again (the store may have changed); assets say their own.
        cacheControl: c.res.headers.get('Cache-Control') ?? 'no-cache',
        etag: etagOf(body),
      }
      cache.set(key, page)
    }
    c.res = respond(
      cache,
      key,
      page,
      c.req.header('If-None-Match'),
      c.req.header('Accept-Encoding'),
    )
  }
}

function respond(
  cache: PageCache,
  key: string,
  page: CachedPage,
  ifNoneMatch: string | undefined,
  acceptEncoding: string | undefined,
): Response {
  const gzip = acceptsGzip(acceptEncoding)
  // Each coding is its own representation, with its own validator (RFC 9110 8.8.3).
  const etag = gzip ? `${page.etag.slice(0, -1)}-gz"` : page.etag
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': page.cacheControl,
    Vary: 'Accept-Encoding',
  }
  if (matchesEtag(ifNoneMatch, etag)) return new Response(null, { status: 304, headers })
  headers['Content-Type'] = page.contentType
  if (!gzip) return new Response(page.body, { status: 200, headers })
  headers['Content-Encoding'] = 'gzip'
  return new Response(cache.gzipOf(key, page), { status: 200, headers })
}
