import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { EXAMPLE } from './helpers.js'

const ROOT = new URL('..', import.meta.url).pathname

// Worker threads run the compiled code (dist/, built by `npm ci`), so this test runs the installed CLI.
test('a large batch extracted on worker threads gives the same articles, in the same order, as one thread', async () => {
  expect(existsSync(join(ROOT, 'dist/extract/worker.js')), 'run `npm run build` first').toBe(true)
  // The CLI's threads run the worker bundled with it (scripts/bundle-cli.ts), so that is the one tested here.
  expect(existsSync(join(ROOT, 'dist/cli-bundle/worker.js')), 'run `npm run build` first').toBe(
    true,
  )
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-pool-'))
  const seeds = readdirSync(EXAMPLE).map((name) => readFileSync(join(EXAMPLE, name), 'utf8'))
  // Enough files for the CLI to start workers (past 200) and for its worker to extract some: a worker is sent
  // documents only once it has loaded and warmed up (about 1.5 s), and with 240 files the main thread had
  // extracted them all by then. Each file distinct, some of them hostile.
  for (let index = 0; index < 480; index++) {
    const body =
      index % 40 === 7
        ? '\u0000\u0001binary'
        : `${seeds[index % seeds.length] as string}\n\nCopy ${index} adds this closing sentence.`
    writeFileSync(join(dir, `${String(index).padStart(3, '0')}.txt`), body)
  }
  // Asynchronous on purpose: a synchronous child that runs past a minute blocks the test worker, and vitest then
  // reports "Timeout calling onTaskUpdate" although every assertion passed.
  const run = async (jobs: string): Promise<string> =>
    (
      await promisify(execFile)(
        'node',
        ['bin/corroborate.js', 'extract', dir, '--format', 'jsonl', '--jobs', jobs],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 },
      )
    ).stdout
  const parallel = await run('2')
  expect(parallel.split('\n').filter(Boolean)).toHaveLength(468)
  expect(parallel).toBe(await run('1'))
}, 300_000) // extraction annotates each article too; on a loaded 2-core machine two runs of 480 take minutes
