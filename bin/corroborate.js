#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ and bundled by `npm ci` (the `prepare` script runs `npm run build`)
// into one script, dist/cli-bundle/cli.cjs, which loads with the V8 code cache the build made for it
// (bin/load-cli.js: the V8 flags, why a cache, and how a missing or stale one falls back to compiling).
import { loadCli, setV8Flags } from './load-cli.js'

// Before the bundle is compiled: everything it runs is compiled under the flags, and the cache is keyed on them.
setV8Flags()
const { runCli } = loadCli()

// A reader that stops early (`corroborate search x | head`) closes the pipe: that ends the output, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await runCli(process.argv.slice(2))
