import type { CliIo } from './io.js'

const WIDTH = 30

/** A one-line progress bar on stderr when it is a terminal; silent otherwise (logs stay clean). */
export function createProgress(
  io: CliIo,
  total: number,
  label: string,
): { tick: () => void; done: () => void } {
  let count = 0
  if (!io.stderrIsTty || total < 2) return { tick: () => count++, done: () => undefined }
  const draw = (): void => {
    const filled = Math.round((count / total) * WIDTH)
    io.stderr(`\r${label} [${'='.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${count}/${total}`)
  }
  return {
    tick: () => {
      count++
      draw()
    },
    done: () => io.stderr('\r\x1b[2K'),
  }
}
