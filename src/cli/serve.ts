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
  const store = await openCliStore(options.db)
  const server = await startServer({
    store,
    verify,
    host: options.host,
    port: options.port,
    cacheBytes: options.cacheMb * 1024 * 1024,
  })
  if (!worker) announce(options, server.url, io, '')
  await stopSignal()
  await server.close()
  await store.close()
  leaveWorkers()
  return EXIT.ok
}

function announce(options: ServeCommandOptions, url: string, io: CliIo, how: string): void {
  if (!LOOPBACK.test(options.host))
    io.stderr(
      `corroborate: warning: listening on ${options.host}: other machines can read this store\n`,
    )
  io.stderr(`corroborate: serving ${redacted(options.db)} at ${url}${how} (Ctrl-C stops)\n`)
}
