// Entry point for tests that need the CLI as a real, separate process (concurrent writers, signals).
import { runCli } from '../src/cli/main.js'

process.exitCode = await runCli(process.argv.slice(2))
