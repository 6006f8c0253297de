import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, expect, test } from 'vitest'
import { readBundle, readCache } from '../bin/load-cli.js'

const ROOT = new URL('..', import.meta.url).pathname
const BUNDLE = join(ROOT, 'dist/cli-bundle')
const PAGES = join(ROOT, 'test/fixtures/metadata')

/**
 * A copy of the installed CLI whose code cache can be spoiled without touching the real one (other tests run the
 * real launcher at the same time): bin/ and dist/cli-bundle/ are copied, everything else is linked, so the
 * bundle finds its models, packages and worker by the same relative paths.
 */
function installedCopy(): string {
  // A space in the path, as in a home folder's name: the loader must not take a URL's escapes for the path.
  const root = mkdtempSync(join(tmpdir(), 'corroborate cache-'))
  for (const name of readdirSync(ROOT))
    if (name !== 'bin' && name !== 'dist') symlinkSync(join(ROOT, name), join(root, name))
  mkdirSync(join(root, 'bin'))
  for (const name of readdirSync(join(ROOT, 'bin')))
    copyFileSync(join(ROOT, 'bin', name), join(root, 'bin', name))
  mkdirSync(join(root, 'dist/cli-bundle'), { recursive: true })
  for (const name of readdirSync(join(ROOT, 'dist')))
    if (name !== 'cli-bundle') symlinkSync(join(ROOT, 'dist', name), join(root, 'dist', name))
  for (const name of readdirSync(BUNDLE))
    copyFileSync(join(BUNDLE, name), join(root, 'dist/cli-bundle', name))
  return root
}

const copies: string[] = []
afterAll(() => {
  for (const root of copies) rmSync(root, { recursive: true, force: true })
})

/** `extract --no-annotate` of a few fixture pages by the copy's launcher: stdout and stderr. */
async function extract(root: string): Promise<{ stdout: string; stderr: string }> {
  const pages = readdirSync(PAGES)
    .sort()
    .slice(0, 6)
    .map((name) => join(PAGES, name, 'input.html'))
  const { stdout, stderr } = await promisify(execFile)(
    'node',
    [join(root, 'bin/corroborate.js'), 'extract', ...pages, '--format', 'jsonl', '--no-annotate'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 },
  )
  return { stdout, stderr }
}

// The launcher compiles the CLI from the code cache the build made (bin/load-cli.js); a cache that is missing,
// damaged, cut short or left by another build must be passed over silently, with the same output.
test('the CLI gives the same output with its code cache, without it, and with a spoiled one', async () => {
  expect(existsSync(join(BUNDLE, 'cli.cjs')), 'run `npm run build` first').toBe(true)
  expect(existsSync(join(BUNDLE, 'cli.cjs.cache')), 'the build makes the code cache').toBe(true)
  const root = installedCopy()
  copies.push(root)
  const cache = join(root, 'dist/cli-bundle/cli.cjs.cache')
  const good = readFileSync(cache)

  const expected = await extract(root)
  expect(expected.stdout.split('\n').filter(Boolean)).toHaveLength(6)
  expect(expected.stderr).toBe('')

  const spoilt: [string, () => void][] = [
    ['missing', () => rmSync(cache)],
    // Bytes changed inside V8's data: V8's own checks (version, flags, source length) would not see it.
    [
      'damaged',
      () => {
        const bytes = Buffer.from(good)
        for (let at = 200; at < bytes.length; at += 997) bytes[at] = (bytes[at] ?? 0) ^ 0x5a
        writeFileSync(cache, bytes)
      },
    ],
    ['cut short', () => writeFileSync(cache, good.subarray(0, good.length >> 1))],
    ['empty', () => writeFileSync(cache, '')],
    // Another build's cache: the key names another bundle.
    [
      'stale',
      () => writeFileSync(cache, Buffer.concat([Buffer.from('0'.repeat(64)), good.subarray(64)])),
    ],
  ]
  for (const [name, spoil] of spoilt) {
    spoil()
    expect(await extract(root), `${name} cache`).toEqual(expected)
  }
})

test('a damaged or stale cache is not handed to V8', () => {
  const { key } = readBundle()
  expect(key).toMatch(/^[0-9a-f]{64}$/)
  const root = mkdtempSync(join(tmpdir(), 'corroborate-cache-'))
  copies.push(root)
  const file = join(root, 'cli.cjs.cache')
  const good = readFileSync(join(BUNDLE, 'cli.cjs.cache'))
  const url = pathToFileURL(file)
  writeFileSync(file, good)
  expect(readCache(key, url)?.length).toBe(good.length - 128)
  const damaged = Buffer.from(good)
  damaged[good.length - 1] = (damaged[good.length - 1] ?? 0) ^ 1
  writeFileSync(file, damaged)
  expect(readCache(key, url)).toBeUndefined()
  expect(readCache('f'.repeat(64), url)).toBeUndefined()
  expect(readCache('', url)).toBeUndefined()
})
