/**
 * `serve --workers N`: N processes answer on one port (node:cluster), so a machine's cores all serve. Each
 * worker is the same command line run again with its own store connection and its own page cache; the
 * primary only forks them, hands connections round and stops them. Writes stay safe across workers: the
 * store's writer lock is a file lock shared by processes, and each worker's page cache follows the store's
 * change token, which sees the other workers' commits.
 */
import cluster, { type Worker } from 'node:cluster'

export interface WorkerPool {
  /** The address every worker listens on. */
  url: string
  /** Stops every worker (SIGTERM: each closes its server and store) and waits for them to exit. */
  stop: () => Promise<void>
  /** Resolves with a message if a worker exits while the pool was not being stopped. */
  failed: Promise<string>
}

/** Whether this process is a worker of `serve --workers` (it then serves and says nothing of its address). */
export const isServeWorker = (): boolean => cluster.isWorker

/** Ends a worker's channel to the primary once it has closed its server: the channel alone keeps it alive. */
export function leaveWorkers(): void {
  if (cluster.isWorker) cluster.worker?.disconnect()
}

/**
 * Forks `count` workers running `script` with `args` (this process's command line) and resolves once all
 * listen; rejects if one exits before that (a store that cannot be opened, a port in use).
 */
export function startWorkers(count: number, script: string, args: string[]): Promise<WorkerPool> {
  cluster.setupPrimary({ exec: script, args })
  const workers: Worker[] = []
  let stopping = false
  let reportFailure: (message: string) => void = () => undefined
  const failed = new Promise<string>((resolve) => (reportFailure = resolve))
  const stop = async (): Promise<void> => {
    stopping = true
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((done) => {
            if (worker.isDead()) return done()
            worker.once('exit', () => done())
            worker.process.kill('SIGTERM')
          }),
      ),
    )
  }
  return new Promise((resolve, reject) => {
    let listening = 0
    for (let index = 0; index < count; index++) {
      const worker = cluster.fork()
      workers.push(worker)
      worker.once('listening', (address) => {
        listening += 1
        if (listening < count) return
        const host = address.addressType === 6 ? `[${address.address}]` : address.address
        resolve({ url: `http://${host}:${address.port}`, stop, failed })
      })
      worker.once('exit', (code, signal) => {
        if (stopping) return
        const message = `a worker exited (${signal ?? `code ${code}`})`
        if (listening < count) {
          void stop().then(() => reject(new Error(message)))
        } else reportFailure(message)
      })
    }
  })
}
