/**
 * A database that is down or restarting: what a worker waits out (and then resumes) rather than fails on.
 * PostgreSQL says so by SQLSTATE (class 08, connection exception; 57P01–57P03, shutting down or starting up;
 * 53300, too many connections), node by a socket error code, and node-postgres by a few errors of its own that
 * carry no code (a connection cut under a client, or a client left unusable by that).
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now (starting up or shutting down)
  '53300', // too many connections
])

const UNREACHABLE_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/

export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08')))
    return true
  return UNREACHABLE_MESSAGES.test(error.message)
}

/** Longest wait between two attempts to reach the database. */
const MAX_WAIT_MS = 30_000

/**
 * Runs `work` until it gets through: while the database cannot be reached it waits (1 s, doubling up to 30 s)
 * and tries again; any other error, or a stop asked for, is thrown. `work` must be safe to run again (every
 * write a worker makes is: see src/queue/worker.ts).
 */
export async function whenReachable<T>(
  work: () => Promise<T>,
  log: (line: string) => void,
  signal: AbortSignal | undefined,
): Promise<T> {
  for (let wait = 1000; ; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
    try {
      return await work()
    } catch (error) {
      if (!isUnreachable(error) || signal?.aborted === true) throw error
      log(`database unreachable (${(error as Error).message}), trying again in ${wait / 1000} s`)
      await sleep(wait, signal)
    }
  }
}

/** Waits `ms`, or less when `signal` is aborted. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop)
      resolve()
    }, ms)
    signal?.addEventListener('abort', stop, { once: true })
  })
}
