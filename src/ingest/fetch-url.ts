import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
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
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const refusal = await refuseAddress(current, limits.allowPrivateNetwork)
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
    return {
      problem: {
        input: url,
        ruleId: 'fetch-failed',
        reason: `Cannot fetch (${(error as Error).message})`,
      },
    }
  }
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

async function refuseAddress(url: string, allowPrivate: boolean): Promise<string | null> {
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `Unexpected scheme ${parsed.protocol}, expected http or https`
  if (allowPrivate) return null
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true })).map((entry) => entry.address)
  const blocked = addresses.find(isNonPublicAddress)
  return blocked === undefined
    ? null
    : `Refused to fetch ${host} (${blocked} is not a public address; allow it with --allow-private)`
}

/** Loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified and IPv4-mapped forms of them. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped !== undefined) return isNonPublicAddress(mapped)
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number)
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    )
  }
  const lower = address.toLowerCase()
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower)
}
