import Database from 'better-sqlite3'

/** How long a waiting writer sleeps between two tries for the lock. */
const RETRY_MS = 200

/**
 * One writer at a time for a store file, across processes. An ingest reads the clustering state, computes, then
 * writes its changes: two such runs interleaved would each place articles against a state the other is changing
 * (articles in two stories, document counts added twice). The lock is an exclusive SQLite transaction on a
 * file beside the store: the operating system releases it when its process dies (even by `kill -9`), so no stale
 * lock is ever left behind, and the store's own transactions (and its readers) are not held up by it.
 * Within one process, writers queue on a promise chain (one lock connection cannot open two transactions).
 */
export class WriterLock {
  private queue: Promise<unknown> = Promise.resolve()
  /** Whether a writer of this process holds the lock now. */
  private busy = false

  /** `lockPath` null: a store in memory, which no other process can reach. */
  constructor(private readonly lockPath: string | null) {}

  run<T>(work: () => Promise<T>, onWait: (message: string) => void): Promise<T> {
    return this.enqueue(() => this.holding(work, onWait) as Promise<T>)
  }

  /** Runs `work` if no other writer (in this process or another) holds the store now; else null. */
  tryRun<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.busy) return Promise.resolve(null)
    return this.enqueue(() => this.holding(work, null))
  }

  private enqueue<T>(next: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(next)
    this.queue = turn.catch(() => undefined)
    return turn
  }

  /** `work` under the lock; without `onWait`, null at once when another process holds it. */
  private async holding<T>(
    work: () => Promise<T>,
    onWait: ((message: string) => void) | null,
  ): Promise<T | null> {
    const lock = this.lockPath === null ? null : new Database(this.lockPath, { timeout: 0 })
    try {
      if (lock !== null && !(await acquire(lock, this.lockPath as string, onWait))) return null
      this.busy = true
      try {
        return await work()
      } finally {
        this.busy = false
        lock?.exec('ROLLBACK')
      }
    } finally {
      lock?.close()
    }
  }
}

/** Takes the lock, waiting (and saying so once) when `onWait` is given; false when busy and not waiting. */
async function acquire(
  lock: Database.Database,
  lockPath: string,
  onWait: ((message: string) => void) | null,
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      lock.exec('BEGIN EXCLUSIVE')
      return true
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
      if (onWait === null) return false
      if (attempt === 0)
        onWait(`another process is writing to this store (${lockPath} is locked); waiting for it`)
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    }
  }
}
