// The CLI from source, for tests that need it as a real, separate process (concurrent writers, signals,
// workers): `node --import tsx test/run-cli.ts ...`, so that they do not depend on a build.
import { runCli } from '../src/cli/main.js'

process.exitCode = await runCli(process.argv.slice(2))
