import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { reportCluster, type ReportedPart, type StoryAnalysisOptions } from './analysis.js'
import { clusterOf, type StoryCluster } from './stories/cluster.js'
import type { StoryPart } from './stories/placement.js'
import type { Article, StoryReport } from './types.js'

/**
 * A batch's story reports shared between this thread and worker threads. After placement and the split test
 * the reports are most of a batch's story stage (ECB+ dev: about 80 %), and each is a function of its part
 * alone, so they need not wait for one another: with one more thread a batch's stories are reported in about
 * half the time. The parts go out largest first, and this thread reports too; the reports are the same, in
 * the same order, whichever thread made each.
 */
export interface ReportTask {
  index: number
  cluster: StoryCluster
  members: Article[]
  options: StoryAnalysisOptions
}

interface ReportDone {
  index: number
  report: StoryReport
  members: Article[]
}

// The worker runs compiled JavaScript; under a TypeScript runner (tests, tsx) there is none beside this file,
// and the reports are made in-process.
const WORKER_FILE = new URL('./report-worker.js', import.meta.url)

/** Fewest articles for which reporting on threads pays for starting them (each loads and warms up its code). */
export const MIN_ARTICLES_FOR_THREADS = 200
/** Parts sent to a thread ahead of its answers: it has the next while this thread is busy with its own. */
const IN_FLIGHT_PER_THREAD = 2

export function canReportOnThreads(): boolean {
  return existsSync(WORKER_FILE)
}

/** Worker threads that report story parts with this thread (`report`), until `close`. */
export interface ReportThreads {
  /** Reports of `parts`, in their order, made by this thread and the worker threads. */
  report(parts: StoryPart[], options: StoryAnalysisOptions): Promise<ReportedPart[]>
  close(): Promise<void>
}

/**
 * Starts `threads` worker threads for story reports. Started before the placement, they load and compile their
 * code while this thread places the batch. A thread that fails hands its parts back to this one.
 */
export function startReportThreads(threads: number): ReportThreads {
  const workers = Array.from({ length: threads }, () => new Worker(WORKER_FILE))
  // A thread that fails to start (or fails between batches) is left out; this thread reports in its place.
  const failed = new Set<Worker>()
  for (const worker of workers) worker.on('error', () => failed.add(worker))
  return {
    report: (parts, options) =>
      reportWith(
        workers.filter((worker) => !failed.has(worker)),
        parts,
        options,
      ),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()))
    },
  }
}

async function reportWith(
  workers: Worker[],
  parts: StoryPart[],
  options: StoryAnalysisOptions,
): Promise<ReportedPart[]> {
  const results: (ReportedPart | undefined)[] = new Array(parts.length)
  // Largest first: the last parts, taken by whichever thread is free, are the short ones.
  const queue = parts
    .map((part, index) => ({ part, index }))
    .sort((a, b) => b.part.members.length - a.part.members.length || a.index - b.index)
    .map(({ index }) => index)
  const done = (index: number, made: { report: StoryReport; members: Article[] }): void => {
    results[index] = { state: (parts[index] as StoryPart).state, ...made }
  }
  const inFlight = new Map<Worker, Set<number>>()
  let wake: (() => void) | null = null
  const settle = (): void => {
    wake?.()
    wake = null
  }
  const send = (worker: Worker): void => {
    const sent = inFlight.get(worker) as Set<number>
    while (sent.size < IN_FLIGHT_PER_THREAD && queue.length > 0) {
      const index = queue.shift() as number
      const part = parts[index] as StoryPart
      sent.add(index)
      const task: ReportTask = {
        index,
        cluster: clusterOf(part.state),
        members: part.members,
        options,
      }
      worker.postMessage(task)
    }
  }
  const onMessage =
    (worker: Worker) =>
    ({ index, report, members }: ReportDone) => {
      done(index, { report, members })
      inFlight.get(worker)?.delete(index)
      send(worker)
      settle()
    }
  // A thread that dies leaves its parts to this one.
  const onError = (worker: Worker) => () => {
    queue.unshift(...(inFlight.get(worker) ?? []))
    inFlight.delete(worker)
    settle()
  }
  const listeners = workers.map((worker) => {
    const listening = { message: onMessage(worker), error: onError(worker) }
    inFlight.set(worker, new Set())
    worker.on('message', listening.message).on('error', listening.error)
    return listening
  })
  try {
    for (const worker of workers) send(worker)
    for (;;) {
      const index = queue.shift()
      if (index !== undefined) {
        const part = parts[index] as StoryPart
        done(index, reportCluster(clusterOf(part.state), part.members, options))
        // Let the threads' answers in (and send them more) between this thread's own parts.
        await new Promise((resolve) => setImmediate(resolve))
        continue
      }
      if ([...inFlight.values()].every((sent) => sent.size === 0)) break
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    workers.forEach((worker, index) => {
      const listening = listeners[index] as (typeof listeners)[number]
      worker.off('message', listening.message).off('error', listening.error)
    })
  }
  return results as ReportedPart[]
}
