import { lookup as dnsLookup } from 'node:dns/promises'
import type { LookupFunction } from 'node:net'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'
import type { Agent, Response } from 'undici'
import type { InputLimits } from './limits.js'
import type { InputProblem } from './problem.js'

export type FetchResult =
  | {
      bytes: Uint8Array
      charset: string | null
      /** The response's validators, for a conditional GET next time (feeds polled by `watch`). */
      etag?: string | null
      lastModified?: string | null
    }
  | { problem: InputProblem }

/** Validators of an earlier response: a server answers 304 (problem `fetch-not-modified`) if unchanged. */
export interface ConditionalGet {
  etag?: string | null
  lastModified?: string | null
}

const MAX_REDIRECTS = 5

/**
 * Fetches a URL with bounded time and size. Every hop of a redirect chain is checked: loopback, private,
 * link-local and other non-public addresses are refused unless `allowPrivateNetwork` is set.
 */
export async function fetchUrl(
  url: string,
  limits: InputLimits,
  conditional: ConditionalGet = {},
): Promise<FetchResult> {
  let current = url
  const signal = AbortSignal.timeout(limits.fetchTimeoutMs)
  try {
    const { fetch, Agent } = await http()
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const refusal = refuseUrl(current, limits.allowPrivateNetwork)
      if (refusal !== null)
        return { problem: { input: url, ruleId: 'fetch-refused', reason: refusal } }
      const response = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: {
          'user-agent': 'corroborate/0.1',
          ...(conditional.etag == null ? {} : { 'if-none-match': conditional.etag }),
          ...(conditional.lastModified == null
            ? {}
            : { 'if-modified-since': conditional.lastModified }),
        },
        dispatcher: agentFor(Agent, limits.allowPrivateNetwork),
      })
      if (response.status === 304) {
        await response.body?.cancel()
        return {
          problem: {
            input: url,
            ruleId: 'fetch-not-modified',
            reason: 'Not modified since the last fetch',
          },
        }
      }
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location !== null) {
        current = new URL(location, current).toString()
        continue
      }
      if (!response.ok) {
        return {
          problem: {
            input: url,
            ruleId: 'fetch-status',
            reason: `Unexpected HTTP status ${response.status}, expected 200`,
          },
        }
      }
      const bytes = await readBounded(response, limits.maxBytes)
      if (bytes === null) {
        return {
          problem: {
            input: url,
            ruleId: 'input-too-large',
            reason: `Unexpected response over ${limits.maxBytes} bytes`,
          },
        }
      }
      const charset =
        /charset=([\w.:-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1] ?? null
      return {
        bytes,
        charset,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      }
    }
    return {
      problem: {
        input: url,
        ruleId: 'fetch-redirects',
        reason: `Unexpected more than ${MAX_REDIRECTS} redirects`,
      },
    }
  } catch (error) {
    const refused = refusalIn(error)
    if (refused !== null)
      return { problem: { input: url, ruleId: 'fetch-refused', reason: refused } }
    return {
      problem: {
        input: url,
        ruleId: 'fetch-failed',
        reason: `Cannot fetch (${fetchFailure(error, current, limits.fetchTimeoutMs)})`,
      },
    }
  }
}

/** Network error codes a user can act on, as words ("fetch failed" alone says nothing). */
const NETWORK_FAILURES: Record<string, string> = {
  ENOTFOUND: 'no such host, or no network',
  EAI_AGAIN: 'cannot resolve the host name: no network or DNS',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable: no network?',
  UND_ERR_CONNECT_TIMEOUT: 'no connection within the time allowed',
}

/**
 * Why a fetch failed, from the innermost cause: undici reports every network error as "fetch failed", with
 * the system's error (its code) as the cause.
 */
export function fetchFailure(error: unknown, url: string, timeoutMs: number): string {
  const host = URL.canParse(url) ? new URL(url).host : url
  let innermost = error
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.name === 'TimeoutError') return `no answer within ${Math.round(timeoutMs / 1000)} s`
    const code = (cause as NodeJS.ErrnoException).code
    if (code !== undefined && code in NETWORK_FAILURES)
      return `${host}: ${NETWORK_FAILURES[code] as string} [${code}]`
    innermost = cause
  }
  return innermost instanceof Error ? innermost.message : String(innermost)
}

async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (response.body === null) return new Uint8Array()
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    total += chunk.value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      return null
    }
    chunks.push(chunk.value)
  }
  return Buffer.concat(chunks)
}

/**
 * The guard every hop goes through before a request: only http(s), and a literal address must be public (a
 * connection to a literal address does no lookup, so the dispatcher's guard would not see it).
 */
function refuseUrl(url: string, allowPrivate: boolean): string | null {
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `Unexpected scheme ${parsed.protocol}, expected http or https`
  if (allowPrivate) return null
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  return isIP(host) !== 0 ? refusalOf(host, host) : null
}

function refusalOf(host: string, address: string): string | null {
  const range = nonPublicRange(address)
  return range === null
    ? null
    : `Refused to fetch ${host} (${address} is not a public address: ${range}; allow it with --allow-private)`
}

/** How a name is resolved: every address it has (the system resolver; tests give their own). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true })

/** Marks a refusal raised inside the connection, so that it is told apart from a network failure. */
class RefusedAddress extends Error {}

/**
 * A `lookup` for the connection itself: the name is resolved once, every address it answers is checked, and
 * the connection goes to those checked addresses. A guard that resolved the name on its own before the
 * request would let a name that answers differently the second time (DNS rebinding) reach loopback.
 */
export function guardedLookup(
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = allowPrivate
          ? undefined
          : addresses.find((entry) => nonPublicRange(entry.address) !== null)
        if (refused !== undefined) {
          callback(new RefusedAddress(refusalOf(hostname, refused.address) ?? ''), '', 0)
        } else if (addresses.length === 0) {
          callback(
            Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }),
            '',
            0,
          )
        } else if (options.all === true) {
          callback(null, addresses as never)
        } else {
          const first = addresses[0] as { address: string; family: number }
          callback(null, first.address, first.family)
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    )
  }
}

/**
 * undici, imported on the first fetch: loading it takes about 0.5 s of CPU, which every command that reads
 * only files (`extract`, `analyze` of a folder) would otherwise pay at start-up (issue 17).
 */
let undici: Promise<Undici> | null = null
const http = (): Promise<Undici> => (undici ??= import('undici').then(ownExports))

type Undici = typeof import('undici')

/**
 * The package's exports, wherever the loader put them: Node's own import of this CommonJS package names them,
 * but the CLI's bundle (esbuild, an ES module chunk wrapping the CommonJS code) has them under `default` only,
 * and every fetch of the installed CLI failed with "Pool is not a constructor".
 */
function ownExports(loaded: Undici & { default?: Undici }): Undici {
  return typeof loaded.fetch !== 'function' && loaded.default !== undefined
    ? loaded.default
    : loaded
}

const agents = new Map<boolean, Agent>()

/** One connection pool per policy; its connections resolve names through the guard. */
function agentFor(Pool: typeof Agent, allowPrivate: boolean): Agent {
  let agent = agents.get(allowPrivate)
  if (agent === undefined) {
    agent = new Pool({ connect: { lookup: guardedLookup(allowPrivate) } })
    agents.set(allowPrivate, agent)
  }
  return agent
}

/** The guard's reason when a fetch failed because the connection refused an address. */
function refusalIn(error: unknown): string | null {
  for (let cause = error; cause instanceof Error; cause = cause.cause)
    if (cause instanceof RefusedAddress) return cause.message
  return null
}

/** Address kinds that may not be fetched besides their own (IPv6 forms that carry an IPv4 address). */
const CARRIES_IPV4 = new Set(['ipv4Mapped', 'rfc6052', '6to4'])

/**
 * The special-purpose range an address is in, or null for a public (global unicast) address. Every range of
 * the IANA special-purpose registries that ipaddr.js names counts (loopback, private, link-local, site-local,
 * CGNAT, multicast, broadcast, unspecified, reserved, documentation, benchmarking, Teredo…); IPv6 forms that
 * embed an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
 */
export function nonPublicRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address'
  const parsed = ipaddr.parse(address)
  const range = parsed.range()
  if (range === 'unicast') return null
  if (parsed.kind() === 'ipv6' && CARRIES_IPV4.has(range)) {
    const parts = (parsed as ipaddr.IPv6).parts
    const [high, low] = range === '6to4' ? [parts[1], parts[2]] : [parts[6], parts[7]]
    const embedded = `${(high ?? 0) >> 8}.${(high ?? 0) & 255}.${(low ?? 0) >> 8}.${(low ?? 0) & 255}`
    const inner = nonPublicRange(embedded)
    return inner === null ? null : `${range} of ${embedded} (${inner})`
  }
  return range
}

export function isNonPublicAddress(address: string): boolean {
  return nonPublicRange(address) !== null
}
