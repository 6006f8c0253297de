import { execFile } from 'node:child_process'
import { readFileSync, existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { EXAMPLE } from './helpers.js'

const ROOT = new URL('..', import.meta.url).pathname

/** Runs the CLI as installed (bin/corroborate.js and its bundle), as a user's shell would. */
async function runInstalled(
  args: string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  expect(existsSync(join(ROOT, 'dist/cli-bundle/main.js')), 'run `npm run build` first').toBe(true)
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/corroborate.js', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    return { status: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

// The bundle once loaded undici as an ES module wrapping a CommonJS one, whose exports are then under `default`:
// every URL failed with "Pool is not a constructor" in the installed CLI while the tests from source passed.
test('the installed CLI fetches a URL', async () => {
  const page = readFileSync(join(EXAMPLE, '002_2f1ed0a961360b5b.txt'), 'utf8')
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
    response.end(page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    const url = `http://127.0.0.1:${port}/story.txt`
    const result = await runInstalled(['extract', url, '--allow-private', '--no-annotate'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ url })
  } finally {
    server.close()
  }
}, 60_000)

test('a URL that cannot be fetched is named with the reason, not "fetch failed"', async () => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  const result = await runInstalled(['extract', `http://127.0.0.1:${port}/gone`, '--allow-private'])
  expect(result.status).toBe(1)
  expect(result.stderr).toContain(`127.0.0.1:${port}: connection refused [ECONNREFUSED]`)
}, 60_000)
