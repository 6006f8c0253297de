import { existsSync } from 'node:fs'
import { isPostgresUrl } from '../store/index.js'
import { EXIT, type CliIo } from './io.js'
import { redacted } from './redacted.js'

/** Addresses that only this machine reaches. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

export interface ServeCommandOptions {
  db: string
  port: number
  host: string
  /** Processes answering on the port (default: 1). */
  workers: number
  /** MiB of rendered pages each process keeps (default: 64). */
  cacheMb: number
}

/** Resolves on SIGINT (Ctrl-C) or SIGTERM. */
const stopSignal = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })

/**
 * `corroborate serve`: the web app and JSON API over a store, until SIGINT or SIGTERM. With `--workers N`
 * this process forks N workers that run this same command and serve; it only says where and stops them.
 */
export async function serveCommand(options: ServeCommandOptions, io: CliIo): Promise<number> {
  if (!isPostgresUrl(options.db) && !existsSync(options.db)) {
    io.stderr(
      `corroborate: no store at ${options.db}; create one with \`corroborate ingest --db ${options.db} <inputs>\`\n`,
    )
    return EXIT.inputs
  }
  const { isServeWorker, leaveWorkers, startWorkers } = await import('../server/workers.js')
  const worker = isServeWorker()
  if (options.workers > 1 && !worker) {
    let pool
    try {
      pool = await startWorkers(options.workers, process.argv[1] ?? '', process.argv.slice(2))
    } catch (error) {
      io.stderr(`corroborate: cannot serve ${redacted(options.db)}: ${(error as Error).message}\n`)
      return EXIT.inputs
    }
    announce(options, pool.url, io, `, ${options.workers} worker processes`)
    const failure = await Promise.race([stopSignal().then(() => null), pool.failed])
    await pool.stop()
    if (failure === null) return EXIT.ok
    io.stderr(`corroborate: ${failure}; stopped serving\n`)
    return EXIT.inputs
  }
  // Loaded only for this command: the server and the store's native module cost start-up time elsewhere.
  const [{ openCliStore }, { startServer }, { verify }] = await Promise.all([
    import('./store-open.js'),
    import('../server/serve.js'),
    import('../corroborate/verify.js'),
  ])
  try {
    const store = await openCliStore(options.db)
    try {
      const server = await startServer({
        store,
        verify,
        host: options.host,
        port: options.port,
        cacheBytes: options.cacheMb * 1024 * 1024,
      }).catch((error: unknown) => {
        throw new Error(listenFailure(error, options) ?? (error as Error).message, { cause: error })
      })
      if (!worker) announce(options, server.url, io, '')
      await stopSignal()
      await server.close()
    } finally {
      await store.close()
    }
  } finally {
    // A worker that cannot serve (a port in use) leaves too: its channel alone would keep it, and the primary
    // waiting for it, alive.
    leaveWorkers()
  }
  return EXIT.ok
}

/** What a failure to listen means, in the user's terms (the option to change), or null for other errors. */
function listenFailure(error: unknown, options: ServeCommandOptions): string | null {
  const where = `cannot serve on ${options.host}:${options.port}`
  switch ((error as { code?: unknown }).code) {
    case 'EADDRINUSE':
      return `${where}: the port is in use; choose another with --port`
    case 'EACCES':
      return `${where}: this user may not listen on that port; choose one above 1023 with --port`
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `${where}: ${options.host} is not an address of this machine; --host takes one, such as 127.0.0.1`
    default:
      return null
  }
}

function announce(options: ServeCommandOptions, url: string, io: CliIo, how: string): void {
  if (!LOOPBACK.test(options.host))
    io.stderr(
      `corroborate: warning: listening on ${options.host}: other machines can read this store\n`,
    )
  io.stderr(`corroborate: serving ${redacted(options.db)} at ${url}${how} (Ctrl-C stops)\n`)
}
