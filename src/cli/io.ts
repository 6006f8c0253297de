/** Where the CLI writes; tests pass their own to capture output in-process. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stderr is a terminal (progress bars only then). */
  stderrIsTty: boolean
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
}

/** Exit statuses of CONTRACT.md. */
export const EXIT = { ok: 0, inputs: 1, usage: 2 } as const
