import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type AppOptions, createApp } from './app.js'

export interface ServeOptions extends AppOptions {
  /** Interface to bind (default: 127.0.0.1, this machine only). */
  host?: string
  /** Port (default: 8080; 0 picks a free one). */
  port?: number
}

export interface RunningServer {
  url: string
  close: () => Promise<void>
}

/** Starts the app on a socket (Node's http server through @hono/node-server). */
export function startServer(options: ServeOptions): Promise<RunningServer> {
  const app = createApp(options)
  const hostname = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname, port: options.port ?? 8080 },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
        resolve({
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise((done, fail) => {
              server.close((error) => (error ? fail(error) : done()))
              // Keep-alive connections would hold close() open until they time out.
              if ('closeAllConnections' in server) server.closeAllConnections()
            }),
        })
      },
    )
    server.once('error', reject)
  })
}
