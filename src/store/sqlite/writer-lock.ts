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
    const turn = this.queue.then(() => this.exclusively(work, onWait))
    this.queue = turn.catch(() => undefined)
    return turn
  }

  /** Runs `work` if no other writer (in this process or another) holds the store now; else null. */
  async tryRun<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.busy) return null
    if (this.lockPath === null) return this.run(work, () => undefined)
    const lock = new Database(this.lockPath, { timeout: 0 })
    try {
      try {
        lock.exec('BEGIN EXCLUSIVE')
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return null
        throw error
      }
      this.busy = true
      try {
        return await work()
      } finally {
        this.busy = false
        lock.exec('ROLLBACK')
      }
    } finally {
      lock.close()
    }
  }

  private async exclusively<T>(
    work: () => Promise<T>,
    onWait: (message: string) => void,
  ): Promise<T> {
    if (this.lockPath === null) return work()
    const lock = new Database(this.lockPath, { timeout: 0 })
    try {
      await acquire(lock, this.lockPath, onWait)
      this.busy = true
      try {
        return await work()
      } finally {
        this.busy = false
        lock.exec('ROLLBACK')
      }
    } finally {
      lock.close()
    }
  }
}

async function acquire(
  lock: Database.Database,
  lockPath: string,
  onWait: (message: string) => void,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      lock.exec('BEGIN EXCLUSIVE')
      return
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error
      if (attempt === 0)
        onWait(`another process is writing to this store (${lockPath} is locked); waiting for it`)
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    }
  }
}
