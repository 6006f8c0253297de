/**
 * What the scale benches share: the scale corpus as a JSONL export, a PostgreSQL to run on, and CPU and memory
 * of processes read from /proc (theirs and the PostgreSQL server's, which must run on this machine).
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { canonicalOrder } from '../src/stories/cluster.js'
import { type StoryCorpus, storyCorpus } from './story-corpus.js'

const ROOT = new URL('..', import.meta.url).pathname
/** Clock ticks per second of /proc's CPU times (USER_HZ), 100 on every Linux this runs on. */
const TICK = 100

/** Writes the scale corpus of `size` articles as a JSONL export, in canonical order; returns the corpus. */
export function writeCorpus(size: number, path: string): StoryCorpus {
  const corpus = storyCorpus(size)
  writeFileSync(
    path,
    [...corpus.articles]
      .sort(canonicalOrder)
      .map((article) =>
        JSON.stringify({
          id: article.id,
          title: article.title,
          published: article.published,
          text: article.text,
        }),
      )
      .join('\n'),
  )
  return corpus
}

/** DATABASE_URL, else a throw-away server started by scripts/start-postgres.sh on `port` (or the next free). */
export function databaseUrl(port: number): string {
  if (process.env.DATABASE_URL !== undefined) return process.env.DATABASE_URL
  return execFileSync('bash', [join(ROOT, 'scripts/start-postgres.sh'), String(port)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim()
}

export async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

/** An empty database `name` on the server of `admin`; returns its URL. */
export async function freshDatabase(admin: string, name: string): Promise<string> {
  await query(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await query(admin, `CREATE DATABASE ${name}`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  return url.toString()
}

/** Fields of /proc/…/stat after the command name (which may hold spaces): index 0 is the state. */
function statFields(path: string): string[] | null {
  try {
    const text = readFileSync(path, 'utf8')
    return text.slice(text.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/**
 * CPU seconds (user + system) of a process (`/proc/PID`) or thread (`/proc/PID/task/TID`); with `children`,
 * its exited and waited-for children's too. Null once it is gone.
 */
export function cpuOf(path: string, children = false): number | null {
  const fields = statFields(`${path}/stat`)
  if (fields === null) return null
  // utime, stime, cutime, cstime are fields 14–17 of stat, 11–14 after the state.
  const own = Number(fields[11]) + Number(fields[12])
  return (children ? own + Number(fields[13]) + Number(fields[14]) : own) / TICK
}

/** Resident and peak resident memory of a process, MiB; null once it is gone. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (field: string): number =>
      Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1])
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 }
  } catch {
    return null
  }
}

/** The PostgreSQL server's CPU seconds so far: the postmaster with its exited children, and its live children. */
export function serverCpu(postmaster: number): number {
  let total = cpuOf(`/proc/${postmaster}`, true) ?? 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    if (Number(statFields(`/proc/${entry}/stat`)?.[1]) === postmaster)
      total += cpuOf(`/proc/${entry}`) ?? 0
  }
  return total
}

/** The process id of the PostgreSQL server behind `url` (on this machine). */
export async function postmasterPid(url: string): Promise<number> {
  const [row] = await query<{ data_directory: string }>(url, 'SHOW data_directory')
  const directory = row?.data_directory as string
  try {
    return Number(readFileSync(join(directory, 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    // The data directory may be readable by its owner only: find the postmaster by its command line.
    const found = execFileSync('pgrep', ['-f', `-D ${directory}`], { encoding: 'utf8' })
    return Number(found.split('\n')[0])
  }
}
