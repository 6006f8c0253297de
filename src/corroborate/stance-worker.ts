/**
 * Worker thread of the brief's stance checks (brief-thread.ts): for each line of a story's brief, the stance of
 * each article asked, from the line and the articles' texts alone (`stancesOf`, as the main thread would).
 */
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { isMainThread, parentPort } from 'node:worker_threads'
import { stancesOf } from './brief.js'
import type { Stance } from './verify.js'

export interface StanceTask {
  id: number
  /** The texts of the story's articles that are asked, by id. */
  texts: [string, string][]
  /** Each line with the ids of the articles whose stance is asked, in order. */
  lines: { claim: string; ids: string[] }[]
}

export interface StanceAnswer {
  id: number
  stances: Stance[][]
}

/**
 * The nice value this thread takes (0 is the main thread's; 19 the lowest priority). The main thread is the
 * story stage's critical path: it reports the next stories while this thread checks the earlier briefs, and
 * nothing waits on this thread before `finish`. On two cores the main thread shared them with this thread and
 * V8's compiler and GC threads, and ran 3.7 s of a 5.1 s story stage (ECB+ dev); with this thread below it, the
 * stage took about a second less and this thread still ended with it (docs/JOURNAL.md, session 26).
 */
export const STANCE_THREAD_NICE = 10

/**
 * Lowers this thread's scheduling priority, not the process's: on Linux a nice value belongs to a thread (its
 * id is /proc/thread-self's name). Elsewhere (no /proc, or a nice value per process) nothing changes, and
 * neither do the answers: only when they are computed.
 */
function yieldToMainThread(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, STANCE_THREAD_NICE)
  } catch {
    // Not Linux, or not allowed: the thread runs at the process's priority, as before.
  }
}

// Imported on the main thread (a test reads the constant), the module leaves that thread's priority alone.
if (!isMainThread) yieldToMainThread()

parentPort?.on('message', ({ id, texts, lines }: StanceTask) => {
  const byId = new Map(texts)
  const stances = lines.map(({ claim, ids }) =>
    stancesOf(
      claim,
      ids.map((articleId) => ({ id: articleId, text: byId.get(articleId) as string })),
    ),
  )
  parentPort?.postMessage({ id, stances } satisfies StanceAnswer)
})
