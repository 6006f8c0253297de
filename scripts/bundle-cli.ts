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
 */
import { rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { build, type Plugin } from 'esbuild'

const ROOT = new URL('..', import.meta.url).pathname
const OUT_DIR = `${ROOT}dist/cli-bundle`

/**
 * Every bundled module keeps its own `import.meta.url`: the models, migrations and worker file are found
 * relative to the module that names them (`new URL('../../models/…', import.meta.url)`), and `createRequire`
 * resolves packages from there, as when the module ran from its own file. The URL is rebuilt from the chunk's
 * location, so the bundle works wherever the package is installed.
 */
const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      if (!source.includes('import.meta.url')) return undefined
      const fromChunk = relative(OUT_DIR, args.path)
      const url = `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`
      return { contents: source.replaceAll('import.meta.url', url), loader: 'js' }
    })
  },
}

// Chunks are named by content hash: a new build would leave the previous one's chunks beside its own.
rmSync(OUT_DIR, { recursive: true, force: true })
await build({
  absWorkingDir: ROOT,
  // The extraction pool's worker threads run the bundled worker (src/extract/pool.ts BUNDLED_WORKER), which
  // shares its chunks with the CLI.
  entryPoints: {
    main: 'dist/cli/main.js',
    worker: 'dist/extract/worker.js',
    stance: 'dist/corroborate/stance-worker.js',
  },
  define: {
    BUNDLED_WORKER: JSON.stringify('../cli-bundle/worker.js'),
    // The briefs' stance thread of `analyze` (src/corroborate/brief-thread.ts), bundled the same way.
    BUNDLED_STANCE_WORKER: JSON.stringify('../cli-bundle/stance.js'),
  },
  outdir: OUT_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons and the PostgreSQL drivers load their own files at run time.
  external: ['better-sqlite3', 'pg', 'pg-boss', 'pg-native'],
  // CommonJS packages inside an ES module bundle call `require` for Node's built-ins.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  plugins: [ownImportMetaUrl],
  logLevel: 'warning',
})
console.log(`CLI bundled into ${relative(ROOT, OUT_DIR)}/`)
