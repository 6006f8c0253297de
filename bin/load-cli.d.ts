// Types of bin/load-cli.js (plain JavaScript, run by the launcher without a build step) for the build script and
// the tests.
import type { Script } from 'node:vm'

export const V8_FLAGS: readonly string[]
export const CLI_SCRIPT: URL
export const CODE_CACHE: URL
export const KEY_MARK: string
export function setV8Flags(): void
export function readBundle(file?: URL): { source: string; key: string }
export function cacheFile(key: string, data: Buffer): Buffer
export function readCache(key: string, file?: URL): Buffer | undefined
export function compileBundle(source: string, cachedData: Buffer | undefined, file?: URL): Script
export function runBundle(
  script: Script,
  file?: URL,
): { runCli: (argv: string[]) => Promise<number> }
export function loadCli(options?: { cache?: boolean }): {
  runCli: (argv: string[]) => Promise<number>
}
