import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'

const ROOT = new URL('..', import.meta.url).pathname

/** Where Debian puts PostgreSQL's server programs (what scripts/start-postgres.sh runs). */
const POSTGRES_VERSIONS = '/usr/lib/postgresql'

/**
 * Whether this machine can start a PostgreSQL server of its own for a test: Debian's server programs are
 * installed (`.ci/run` installs them through scripts/start-postgres.sh before the tests run).
 */
export function canStartPostgres(): boolean {
  if (!existsSync(POSTGRES_VERSIONS)) return false
  return readdirSync(POSTGRES_VERSIONS).some((version) =>
    existsSync(join(POSTGRES_VERSIONS, version, 'bin', 'pg_ctl')),
  )
}

/** A throw-away server a test owns: it may stop and start it (the other tests share DATABASE_URL's). */
export interface OwnPostgres {
  url: string
  /** `pg_ctl stop -m fast`: open connections are cut, as when a database server goes down. */
  stop(): void
  start(): void
  /** Stops the server if it runs, and deletes its cluster. */
  remove(): void
}

/**
 * Starts a server with scripts/start-postgres.sh (a fresh cluster in a temporary folder, 127.0.0.1, trust
 * auth) at `port` or, when that one is in use, the next free one.
 */
export function startOwnPostgres(port: number): OwnPostgres {
  const started = spawnSync('bash', [join(ROOT, 'scripts/start-postgres.sh'), String(port)], {
    encoding: 'utf8',
  })
  // The script prints the URL on stdout and "stop with: FOLDER/stop.sh" on stderr; start.sh is beside it.
  const stopScript = /^stop with: (.+)$/m.exec(started.stderr)?.[1]
  if (started.status !== 0 || stopScript === undefined)
    throw new Error(`could not start PostgreSQL: ${started.stderr}`)
  const folder = dirname(stopScript)
  const run = (script: string): void => {
    execFileSync(join(folder, script), { stdio: 'ignore' })
  }
  let running = true
  return {
    url: started.stdout.trim(),
    stop: () => {
      run('stop.sh')
      running = false
    },
    start: () => {
      run('start.sh')
      running = true
    },
    remove: () => {
      if (running) run('stop.sh')
      rmSync(folder, { recursive: true, force: true })
    },
  }
}
