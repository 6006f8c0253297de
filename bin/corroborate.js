#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ and bundled into dist/cli-bundle/ by `npm ci` (the `prepare`
// script runs `npm run build`); the bundle loads in half the CPU of dist/'s ~150 separate modules.
import { runCli } from '../dist/cli-bundle/main.js'

// A reader that stops early (`corroborate search x | head`) closes the pipe: that ends the output, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await runCli(process.argv.slice(2))
