import type { CliIo } from './io.js'
import { counted } from '../text/counted.js'

/** Least time between two redraws: a batch of small JSONL lines reads thousands of articles a second. */
const REDRAW_MS = 100

/** Progress of a long run, on one line of stderr. */
export interface Progress {
  /** One more article read. */
  tick: () => void
  /** What the run does now ("analysing 210 articles into stories"), shown until the next tick or stage. */
  stage: (text: string) => void
  /** A count within the stage ("12 of 52 stories reported"): the first at once, then at most every REDRAW_MS. */
  step: (text: string) => void
  /** Clears the line (before the report, or warnings, are written). */
  done: () => void
}

const SILENT: Progress = {
  tick: () => undefined,
  stage: () => undefined,
  step: () => undefined,
  done: () => undefined,
}

/**
 * A one-line progress on stderr when it is a terminal and the run is not `--quiet`; silent otherwise, so logs
 * and pipes stay clean. It counts articles, not files: one JSONL file or WARC holds thousands.
 */
export function createProgress(io: CliIo, label: string, quiet = false): Progress {
  if (!io.stderrIsTty || quiet) return SILENT
  let count = 0
  let drawnCount = 0
  let drawnAt = 0
  let shown = false
  let stepped = false // a step of the current stage drawn already
  const draw = (text: string): void => {
    io.stderr(`\r\x1b[2K${text}`)
    drawnAt = Date.now()
    shown = true
  }
  const drawCount = (): void => {
    draw(`${label}: ${counted(count, 'article')}`)
    drawnCount = count
  }
  // The last count read is shown before the next stage replaces it, however soon that comes.
  const catchUp = (): void => {
    if (count !== drawnCount) drawCount()
  }
  return {
    tick: () => {
      count++
      if (count === 1 || Date.now() - drawnAt >= REDRAW_MS) drawCount()
    },
    stage: (text) => {
      catchUp()
      draw(`${text}…`)
      stepped = false
    },
    step: (text) => {
      if (stepped && Date.now() - drawnAt < REDRAW_MS) return
      draw(`${text}…`)
      stepped = true
    },
    done: () => {
      catchUp()
      if (shown) io.stderr('\r\x1b[2K')
      shown = false
    },
  }
}
