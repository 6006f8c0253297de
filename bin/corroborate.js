#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ and bundled into dist/cli-bundle/ by `npm ci` (the `prepare`
// script runs `npm run build`); the bundle loads in half the CPU of dist/'s ~150 separate modules.
import { setFlagsFromString } from 'node:v8'

// V8's compilers, tuned for a process that lives seconds, not hours (set before the bundle loads, so that
// everything it runs is compiled under them; output is unchanged, only when and how code is compiled):
// - each regular expression is compiled to machine code once, on its first run, instead of to bytecode first
//   and again to machine code on its second run: chrono-node's and the phrase lexicon's patterns each ran
//   both compilations in every process;
// - the optimising compiler inlines less into one function: its background threads spent about a quarter of an
//   `extract` process's CPU, most of it on a few large functions (the page-markup walk, the language guess,
//   the content scoring), compiled two or three times as their type feedback grew; code runs at the same
//   speed once warm (91 pages read six times over in one process: the same CPU per pass from the second on).
// Whole `extract --jobs 1 --no-annotate` processes over the 91 ScrapingHub pages: about 10 % less CPU
// (docs/JOURNAL.md, round 20).
setFlagsFromString('--no-regexp-tier-up')
setFlagsFromString('--max-inlined-bytecode-size-cumulative=200')

const { runCli } = await import('../dist/cli-bundle/main.js')

// A reader that stops early (`corroborate search x | head`) closes the pipe: that ends the output, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await runCli(process.argv.slice(2))
