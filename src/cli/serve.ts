import { existsSync } from 'node:fs'
import { EXIT, type CliIo } from './io.js'

/** Addresses that only this machine reaches. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

/** `corroborate serve`: the web app and JSON API over a store, until SIGINT or SIGTERM. */
export async function serveCommand(
  options: { db: string; port: number; host: string },
  io: CliIo,
): Promise<number> {
  if (!existsSync(options.db)) {
    io.stderr(
      `corroborate: no store at ${options.db}; create one with \`corroborate ingest --db ${options.db} <inputs>\`\n`,
    )
    return EXIT.inputs
  }
  // Loaded only for this command: the server and the store's native module cost start-up time elsewhere.
  const [{ openStore }, { startServer }, { verify }] = await Promise.all([
    import('../store/index.js'),
    import('../server/serve.js'),
    import('../corroborate/verify.js'),
  ])
  const store = await openStore(options.db)
  const server = await startServer({ store, verify, host: options.host, port: options.port })
  if (!LOOPBACK.test(options.host))
    io.stderr(
      `corroborate: warning: listening on ${options.host}: other machines can read this store\n`,
    )
  io.stderr(`corroborate: serving ${options.db} at ${server.url} (Ctrl-C stops)\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  await store.close()
  return EXIT.ok
}
