/** The compiled CLI as a process under /usr/bin/time, for the benches that measure whole runs. */
import { execFileSync, spawn } from 'node:child_process'

const ROOT = new URL('..', import.meta.url).pathname

export interface Timed {
  output: string
  seconds: number
  peakMiB: number
  /** User + system CPU seconds of the process: what it cost, whatever else the machine was running. */
  cpuSeconds: number
}

/**
 * Compiles and bundles the CLI, as deployed (a process from source would spend seconds of CPU compiling
 * itself; bin/corroborate.js runs the bundle).
 */
export function buildCli(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' })
}

/** Runs the CLI under /usr/bin/time; resolves with its output, wall time and peak memory. */
export function corroborate(args: string[]): Promise<Timed> {
  const started = performance.now()
  const child = spawn(
    '/usr/bin/time',
    ['-f', 'PEAK_KB %M CPU %U %S', process.execPath, 'bin/corroborate.js', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve, reject) =>
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`corroborate ${args.join(' ')}: ${output}`))
      const usage = /PEAK_KB (\d+) CPU ([\d.]+) ([\d.]+)/.exec(output)
      resolve({
        output,
        seconds: (performance.now() - started) / 1000,
        peakMiB: Number(usage?.[1] ?? 0) / 1024,
        cpuSeconds: Number(usage?.[2] ?? 0) + Number(usage?.[3] ?? 0),
      })
    }),
  )
}
