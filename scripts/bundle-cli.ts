/**
 * Bundles the compiled CLI (dist/cli/main.js and everything it imports, packages included) into a few files
 * under dist/cli-bundle/, which bin/corroborate.js runs. Why: Node 20's ESM loader spends more CPU resolving,
 * reading and linking the ~150 small modules of `corroborate extract` (half of them in node_modules) than the
 * code takes to run on a few pages; one file per lazily loaded command costs half as much. The library
 * (dist/index.js) stays unbundled.
 *
 * Code splitting keeps each command's lazy `import()` a separate chunk, so `extract` still never loads the
 * store, the server or the stance models. Native and database drivers stay external (required at run time from
 * node_modules). The extraction pool's worker and the briefs' stance worker (src/corroborate/brief-thread.ts)
 * are entries too, so the CLI's threads load them bundled (the library's stay with dist/extract/worker.js and
 * dist/corroborate/stance-worker.js). Run after `tsc` (the `build` and `prepare` scripts do
 * both).
 *
 * The launcher (bin/corroborate.js) runs a second build of the same CLI: one CommonJS script, dist/cli-bundle/
 * cli.cjs, compiled with a V8 code cache that this script makes after a warm-up on sample pages
 * (scripts/make-code-cache.mjs, bin/load-cli.js): ES modules cannot take a code cache in Node 20, a script can.
 * Commands it does not run are lazily evaluated wrappers inside it, compiled only when run. The cache is specific
 * to the Node version and platform, so it is made here, by every build, and never committed.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type BuildOptions, type Plugin } from 'esbuild'
import { CLI_SCRIPT, CODE_CACHE, KEY_MARK } from '../bin/load-cli.js'

const ROOT = new URL('..', import.meta.url).pathname
const OUT_DIR = `${ROOT}dist/cli-bundle`

/**
 * Every bundled module keeps its own `import.meta.url`: the models, migrations and worker file are found
 * relative to the module that names them (`new URL('../../models/…', import.meta.url)`), and `createRequire`
 * resolves packages from there, as when the module ran from its own file. The URL is rebuilt from the output
 * file's own URL (`bundleUrl`, an expression), so the bundle works wherever the package is installed.
 */
const ownImportMetaUrl = (bundleUrl: string): Plugin => ({
  name: 'own-import-meta-url',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      if (!source.includes('import.meta.url')) return undefined
      const fromChunk = relative(OUT_DIR, args.path)
      const url = `new URL(${JSON.stringify(fromChunk)}, ${bundleUrl}).href`
      return { contents: source.replaceAll('import.meta.url', url), loader: 'js' }
    })
  },
})

/** What both builds share: the CLI's sources, bundled for Node 20. */
const common = {
  absWorkingDir: ROOT,
  // The extraction pool's worker threads run the bundled worker (src/extract/pool.ts BUNDLED_WORKER), which
  // shares its chunks with the CLI.
  define: {
    BUNDLED_WORKER: JSON.stringify('../cli-bundle/worker.js'),
    // The briefs' stance thread of `analyze` (src/corroborate/brief-thread.ts), bundled the same way.
    BUNDLED_STANCE_WORKER: JSON.stringify('../cli-bundle/stance.js'),
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Native addons and the PostgreSQL drivers load their own files at run time.
  external: ['better-sqlite3', 'pg', 'pg-boss', 'pg-native'],
  logLevel: 'warning',
} satisfies BuildOptions

// Chunks are named by content hash: a new build would leave the previous one's chunks beside its own.
rmSync(OUT_DIR, { recursive: true, force: true })
await build({
  ...common,
  entryPoints: {
    main: 'dist/cli/main.js',
    worker: 'dist/extract/worker.js',
    stance: 'dist/corroborate/stance-worker.js',
  },
  outdir: OUT_DIR,
  splitting: true,
  format: 'esm',
  // CommonJS packages inside an ES module bundle call `require` for Node's built-ins.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  plugins: [ownImportMetaUrl('import.meta.url')],
})

// The same CLI as one CommonJS script for the launcher. Lazy `import()`s of its own modules become lazily
// evaluated wrappers (no chunks), the packages' ES modules are converted as in the chunks above, and the script
// is strict throughout, as the ES module bundle is. `__bundleUrl` stands for the chunks' `import.meta.url`: the
// script sits beside them, so the same relative URLs find the models, migrations and worker.
const cliScript = fileURLToPath(CLI_SCRIPT)
await build({
  ...common,
  entryPoints: ['dist/cli/main.js'],
  outfile: cliScript,
  format: 'cjs',
  banner: {
    js: "'use strict';\nconst __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  plugins: [ownImportMetaUrl('__bundleUrl')],
})
// The cache key names this very script, so that a cache left by another build is never taken for it (V8 itself
// checks only the source's length).
const script = readFileSync(cliScript, 'utf8')
const key = createHash('sha256').update(script).digest('hex')
writeFileSync(cliScript, `${script}${KEY_MARK}${key}\n`)

// The code cache, made by a separate plain `node` process with the launcher's V8 flags, after extracting the
// repository's metadata fixtures (when present: the warm-up only decides which functions are compiled ahead).
const fixtures = join(ROOT, 'test/fixtures/metadata')
const samples = existsSync(fixtures)
  ? readdirSync(fixtures)
      .sort()
      .map((name) => join(fixtures, name, 'input.html'))
      .filter((file) => existsSync(file))
  : []
const made = spawnSync(process.execPath, [join(ROOT, 'scripts/make-code-cache.mjs'), ...samples], {
  cwd: ROOT,
  env: { ...process.env, NODE_OPTIONS: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (made.status !== 0) {
  // Never fatal: without a cache the launcher compiles the script from source.
  rmSync(CODE_CACHE, { force: true })
  console.warn('corroborate: no code cache for the CLI (the launcher compiles it from source)')
}
console.log(
  `CLI bundled into ${relative(ROOT, OUT_DIR)}/${existsSync(CODE_CACHE) ? ', with its code cache' : ''}`,
)
