import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { seedStore } from './serve-fixture.js'

const ROOT = new URL('..', import.meta.url).pathname

function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .split(' ')
    .filter((id) => id.trim() !== '')
    .map(Number)
}

const alive = (pid: number): boolean => existsSync(`/proc/${pid}`)

// Cluster workers run the command line again, so this test runs the compiled CLI (dist/, built by `npm ci`).
test('serve --workers 2: one address said once, two processes answering, all stopped by SIGTERM', async () => {
  expect(existsSync(join(ROOT, 'dist/cli/main.js')), 'run `npm run build` first').toBe(true)
  const { store, storyId, location } = await seedStore()
  await store.close()
  const serve = spawn(
    process.execPath,
    ['bin/corroborate.js', 'serve', '--db', location, '--port', '0', '--workers', '2'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let said = ''
  const url = await new Promise<string>((resolve, reject) => {
    serve.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString()
      const match = / at (http:\/\/[^\s,]+)/.exec(said)
      if (match?.[1] !== undefined) resolve(match[1])
    })
    serve.once('exit', (code) => reject(new Error(`serve exited (${code}): ${said}`)))
  })
  const workers = childrenOf(serve.pid ?? 0)
  expect(workers).toHaveLength(2)
  for (let round = 0; round < 6; round++) {
    const response = await fetch(`${url}/stories/${storyId}`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<h1>')
  }
  const exited = new Promise<number | null>((resolve) => serve.once('exit', resolve))
  serve.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect(said.match(/serving/g)).toHaveLength(1)
  expect(said).toContain('2 worker processes')
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(workers.filter(alive)).toEqual([])
}, 120_000)

test('serve on a port in use says so and exits 1, with --workers 2 too (its workers used to stay, and it waited)', async () => {
  const { store, location } = await seedStore()
  await store.close()
  const taken = createServer()
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
  const port = (taken.address() as { port: number }).port
  try {
    for (const workers of ['1', '2']) {
      const serve = spawn(
        process.execPath,
        [
          'bin/corroborate.js',
          'serve',
          '--db',
          location,
          '--port',
          `${port}`,
          '--workers',
          workers,
        ],
        { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
      )
      let said = ''
      serve.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()))
      const timer = setTimeout(() => serve.kill('SIGKILL'), 30_000)
      const code = await new Promise<number | null>((resolve) => serve.once('exit', resolve))
      clearTimeout(timer)
      expect(code, said).toBe(1)
      expect(said).toContain(
        `corroborate: cannot serve on 127.0.0.1:${port}: the port is in use; choose another with --port\n`,
      )
    }
  } finally {
    taken.close()
  }
}, 120_000)
