// Loads the bundled CLI with V8's code cache. Shared by the launcher (bin/corroborate.js) and the build step that
// writes the cache (scripts/make-code-cache.mjs), because V8 takes a cache only for the very source and V8 flags it was
// made from: both sides must wrap the bundle and set the flags the same way.
//
// Why: a process compiles every function it runs before running it (the bundle's top level, then each function
// on its first call): about 0.1 s of CPU for `extract`, paid again in every process. The build runs the CLI once
// on sample pages and saves the compiled bytecode (`Script#createCachedData`); a process reading the cache
// starts from that bytecode. Nothing else changes: the same code runs, only not compiled again.
//
// The cache is an optimisation only. It is used when it was made from this very bundle (its key, the bundle's
// content hash, is written after the bundle's last line and at the head of the cache) and V8 accepts it (the same
// V8 version and flags; V8 checks that itself); otherwise the bundle is compiled from source, as without a cache.
import { createRequire } from 'node:module'

// Node's built-ins through `require`: importing one as an ES module reads every export, which loads the parts
// loaded on first use otherwise (node:crypto's Web Crypto, node:v8's heap snapshots and their streams).
const require = createRequire(import.meta.url)
const { Buffer } = require('node:buffer')
const { createHash } = require('node:crypto')
const { readFileSync } = require('node:fs')
const { setFlagsFromString } = require('node:v8')
const { URL, fileURLToPath } = require('node:url')
const { Script, constants } = require('node:vm')

// V8's compilers, tuned for a process that lives seconds, not hours (set before the bundle is compiled, so that
// everything it runs is compiled under them; output is unchanged, only when and how code is compiled):
// - each regular expression is compiled to machine code once, on its first run, instead of to bytecode first
//   and again to machine code on its second run: chrono-node's and the phrase lexicon's patterns each ran
//   both compilations in every process;
// - the optimising compiler inlines less into one function: its background threads spent about a quarter of an
//   `extract` process's CPU, most of it on a few large functions (the page-markup walk, the language guess,
//   the content scoring), compiled two or three times as their type feedback grew; code runs at the same
//   speed once warm (91 pages read six times over in one process: the same CPU per pass from the second on).
// Whole `extract --jobs 1 --no-annotate` processes over the 91 ScrapingHub pages: about 10 % less CPU
// (docs/JOURNAL.md, round 20). V8 keys its code cache on the flags too, so they are set here for both sides.
export const V8_FLAGS = ['--no-regexp-tier-up', '--max-inlined-bytecode-size-cumulative=200']

/** The CLI as one CommonJS script (scripts/bundle-cli.ts), and the code cache the build made for it. */
export const CLI_SCRIPT = new URL('../dist/cli-bundle/cli.cjs', import.meta.url)
export const CODE_CACHE = new URL('../dist/cli-bundle/cli.cjs.cache', import.meta.url)

/** The line after the bundle's last that names its content (`//# cache-key <hex>`), also the cache's first bytes. */
export const KEY_MARK = '\n//# cache-key '
const KEY_LENGTH = 64

export function setV8Flags() {
  for (const flag of V8_FLAGS) setFlagsFromString(flag)
}

/**
 * The bundle's source and its cache key ('' when it has none). Read as bytes, then decoded: `readFileSync` with
 * an encoding takes Node 20's own UTF-8 path, about twice the CPU for the 5 MB.
 */
export function readBundle(file = CLI_SCRIPT) {
  const source = readFileSync(file).toString('utf8')
  const mark = source.lastIndexOf(KEY_MARK)
  const key =
    mark < 0 ? '' : source.slice(mark + KEY_MARK.length, mark + KEY_MARK.length + KEY_LENGTH)
  return { source, key }
}

/**
 * The cache file: the bundle's key, the SHA-256 of the V8 data (V8 checks its version, flags and the source's
 * length, but not a release build's data against damage), then the data.
 */
export function cacheFile(key, data) {
  return Buffer.concat([Buffer.from(key + digest(data), 'latin1'), data])
}

/** The cache's V8 data when it was made for the bundle with this key and is whole; undefined otherwise. */
export function readCache(key, file = CODE_CACHE) {
  if (key.length !== KEY_LENGTH) return undefined
  let bytes
  try {
    bytes = readFileSync(file)
  } catch {
    return undefined
  }
  const header = 2 * KEY_LENGTH
  if (bytes.length <= header || bytes.toString('latin1', 0, KEY_LENGTH) !== key) return undefined
  const data = bytes.subarray(header)
  return bytes.toString('latin1', KEY_LENGTH, header) === digest(data) ? data : undefined
}

const digest = (bytes) => createHash('sha256').update(bytes).digest('hex')

/**
 * Compiles the bundle as Node compiles a CommonJS module (the same wrapper), with the cache when given. V8
 * checks the cache against the source's length, its own version and its flags and, when it rejects it, compiles
 * from source (`script.cachedDataRejected`): the same code either way.
 */
export function compileBundle(source, cachedData, file = CLI_SCRIPT) {
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`
  return new Script(wrapped, {
    filename: fileURLToPath(file),
    ...(cachedData === undefined ? {} : { cachedData }),
    // The bundle holds no `import()` of its own; a package's would load as in an ES module.
    importModuleDynamically: constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
}

/** Runs the compiled bundle's top level as a CommonJS module; its exports (`runCli`). */
export function runBundle(script, file = CLI_SCRIPT) {
  const module = { exports: {} }
  const filename = fileURLToPath(file)
  const dirname = fileURLToPath(new URL('.', file))
  script.runInThisContext()(module.exports, createRequire(file), module, filename, dirname)
  return module.exports
}

/** The CLI's exports, compiled from the code cache when there is a valid one. */
export function loadCli({ cache = true } = {}) {
  const { source, key } = readBundle()
  const script = compileBundle(source, cache ? readCache(key) : undefined)
  return runBundle(script)
}
