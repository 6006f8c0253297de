// Writes the CLI's V8 code cache (dist/cli-bundle/cli.cjs.cache) for bin/load-cli.js. Run by
// scripts/bundle-cli.ts in a plain `node` process: V8 takes a cache only under the flags it was made with, so
// this sets the launcher's flags exactly as the launcher does, compiles the script the same way, then runs
// `extract`, without and with annotation, over the sample pages given as arguments, so that the functions a page
// needs are compiled and saved too, not only the script's top level (the annotation's functions add a quarter to
// the cache and cost a process that does not run them nothing measurable). Output goes nowhere (the build
// ignores stdout).
//
// The cache written is checked before it is kept: compiled again from it, V8 must accept it.
import { rmSync, writeFileSync } from 'node:fs'
import {
  CODE_CACHE,
  cacheFile,
  compileBundle,
  readBundle,
  readCache,
  runBundle,
  setV8Flags,
} from '../bin/load-cli.js'

setV8Flags()
rmSync(CODE_CACHE, { force: true })
const { source, key } = readBundle()
if (key === '') throw new Error('the CLI script has no cache key (scripts/bundle-cli.ts writes it)')
const script = compileBundle(source, undefined)
const { runCli } = runBundle(script)
const samples = process.argv.slice(2)
if (samples.length > 0)
  for (const annotation of [['--no-annotate'], []]) {
    const argv = [
      'extract',
      ...samples,
      '--format',
      'jsonl',
      '--quiet',
      '--jobs',
      '1',
      ...annotation,
    ]
    const status = await runCli(argv)
    if (status !== 0) throw new Error(`the warm-up extraction failed (exit status ${status})`)
  }
const data = script.createCachedData()
writeFileSync(CODE_CACHE, cacheFile(key, data))

const cached = readCache(key)
if (cached === undefined || compileBundle(source, cached).cachedDataRejected === true) {
  rmSync(CODE_CACHE, { force: true })
  throw new Error('V8 rejects the code cache just made')
}
