import { execFile, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { EXAMPLE, runCaptured } from './helpers.js'

const ROOT = new URL('..', import.meta.url).pathname

test('a --db that is a folder is named as such, for writing and for reading', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'corroborate-db-folder-'))
  for (const argv of [
    ['ingest', '--db', folder, EXAMPLE],
    ['stories', '--db', folder],
    ['analyze', EXAMPLE, '--db', folder],
  ]) {
    const result = await runCaptured(argv)
    expect(result.status, argv.join(' ')).toBe(1)
    expect(result.stderr).toBe(
      `corroborate: ${folder} is a folder; --db takes a store file, such as ${join(folder, 'news.db')}\n`,
    )
  }
})

test('a store in a folder that does not exist is named with the folder', async () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'corroborate-db-')), 'no-such-folder', 'news.db')
  const result = await runCaptured(['ingest', '--db', missing, EXAMPLE])
  expect(result.status).toBe(1)
  expect(result.stderr).toContain(`cannot create the store ${missing}: there is no folder `)
})

/** setpriv's arguments that run a command as nobody, without root's groups. */
const OTHER_USER = ['--reuid=65534', '--regid=65534', '--clear-groups']

/** Runs the CLI from source as a user who does not own the files (permissions mean nothing to root). */
async function runAsOtherUser(args: string[]): Promise<{ status: number; stderr: string }> {
  const asRoot = process.getuid?.() === 0
  const [command, prefix] = asRoot ? ['setpriv', [...OTHER_USER, 'node']] : ['node', []]
  try {
    const { stderr } = await promisify(execFile)(
      command,
      [...prefix, '--import', 'tsx', 'test/run-cli.ts', ...args],
      { cwd: ROOT, encoding: 'utf8' },
    )
    return { status: 0, stderr }
  } catch (error) {
    const failed = error as { code: number; stderr: string }
    return { status: failed.code, stderr: failed.stderr }
  }
}

/**
 * Whether the files can be denied to the CLI: as root, only by running it as another user, who must then be able
 * to read this checkout (not so in a clone under a private temporary folder, as `mktemp -d` makes).
 */
function canDropPrivileges(): boolean {
  if (process.getuid?.() !== 0) return true
  if (!existsSync('/usr/bin/setpriv')) return false
  const probe = spawnSync('setpriv', [
    ...OTHER_USER,
    'test',
    '-r',
    join(ROOT, 'node_modules/tsx/package.json'),
  ])
  return probe.status === 0
}

test.runIf(canDropPrivileges())(
  'a store in a folder the user cannot write is refused with the reason',
  async () => {
    const folder = mkdtempSync(join(tmpdir(), 'corroborate-ro-'))
    const db = join(folder, 'news.db')
    expect((await runCaptured(['ingest', '--db', db, EXAMPLE])).status).toBe(0)
    chmodSync(folder, 0o555)
    try {
      const listed = await runAsOtherUser(['stories', '--db', db])
      expect(listed.stderr).toBe(
        `corroborate: cannot read the store ${db}: SQLite must create ${db}-shm beside it, and ${folder} is not writable; copy the store to a folder you can write\n`,
      )
      expect(listed.status).toBe(1)
      const written = await runAsOtherUser(['ingest', '--db', db, EXAMPLE])
      expect(written.stderr).toContain(`corroborate: cannot write the store ${db}: `)
      expect(written.status).toBe(1)
    } finally {
      chmodSync(folder, 0o755)
    }
  },
  60_000,
)

test('serve and stories on a PostgreSQL store that cannot be reached say so, without its password', async () => {
  for (const argv of [['serve'], ['stories']]) {
    const result = await runCaptured([...argv, '--db', 'postgres://reader:secret@127.0.0.1:1/news'])
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(
      /^corroborate: cannot open the store postgres:\/\/reader:\*\*\*@127\.0\.0\.1:1\/news: .*ECONNREFUSED/,
    )
    expect(result.stderr).not.toContain('secret')
  }
}, 30_000)
