import { runCli } from '../src/cli/main.js'

/** Runs the CLI in-process and captures what it prints. */
export async function runCaptured(
  argv: string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const status = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stderrIsTty: false,
  })
  return { status, stdout, stderr }
}

export const EXAMPLE = new URL('../examples/aurus-gift', import.meta.url).pathname
