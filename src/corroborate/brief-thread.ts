import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { Article } from '../types.js'
import {
  askedOf,
  type BriefLine,
  type BriefSentence,
  briefFrom,
  briefLines,
  checkHere,
  LINES_READ,
  type StanceCheck,
} from './brief.js'
import type { LedgerClaim } from './ledger.js'
import type { StanceAnswer, StanceTask } from './stance-worker.js'
import type { Stance } from './verify.js'

/**
 * The briefs' stance checks on a second thread. The story stage runs on the main thread after extraction, with
 * the other core idle; the brief's stance checks are a fifth to a quarter of it, need only each line and the
 * texts it cites, and answer a few words each. So each story's brief is handed out empty, its checks are sent to
 * the thread while the main thread goes on with the next stories, and `finish` fills it in: the same brief, as
 * each article's verdict is its own (`stancesOf`, the same code on either thread).
 *
 * Set by the CLI's bundler (scripts/bundle-cli.ts) to the bundled worker, relative to this module's compiled
 * file; undefined elsewhere (the library runs dist/corroborate/stance-worker.js, and under a TypeScript runner
 * there is no worker file: `startBriefThread` returns null and the briefs are made in-process).
 */
declare const BUNDLED_STANCE_WORKER: string | undefined

const WORKER_FILE = new URL(
  typeof BUNDLED_STANCE_WORKER === 'string' ? BUNDLED_STANCE_WORKER : './stance-worker.js',
  import.meta.url,
)

export interface BriefThread {
  /** A story's brief (`buildBrief`), an array `finish` fills in. */
  brief(claims: LedgerClaim[], articles: Article[]): BriefSentence[]
  /**
   * Waits for the thread's answers, completes every brief handed out, and ends the thread. Returns how many
   * lines the thread answered.
   */
  finish(): Promise<number>
}

/**
 * The lines a brief always reads (`briefFrom` reads lines until LINES_READ are stated, and a line is stated only
 * with a stating citation): those up to the LINES_READ-th with one. Asking the thread for these asks nothing the
 * brief would not ask; a line after them (when some of them lose all their citations) is checked in-process.
 */
export function linesAlwaysRead(lines: Iterator<BriefLine>): BriefLine[] {
  const read: BriefLine[] = []
  let stating = 0
  while (stating < LINES_READ) {
    const next = lines.next()
    if (next.done === true) break
    read.push(next.value)
    if (next.value.stating.length > 0) stating++
  }
  return read
}

/** The thread, or null where there is no compiled worker to start. */
export function startBriefThread(): BriefThread | null {
  if (!existsSync(WORKER_FILE)) return null
  const worker = new Worker(WORKER_FILE)
  const waiting = new Map<number, (stances: Stance[][] | null) => void>()
  const filling: Promise<void>[] = []
  let failed = false
  worker.on('message', ({ id, stances }: StanceAnswer) => {
    waiting.get(id)?.(stances)
    waiting.delete(id)
  })
  // A thread that fails leaves its briefs' checks to the main thread (checkHere), with the same result.
  const fail = (): void => {
    failed = true
    for (const resolve of waiting.values()) resolve(null)
    waiting.clear()
  }
  worker.on('error', fail)
  worker.on('exit', fail)
  let nextId = 0
  let answeredLines = 0

  const brief = (claims: LedgerClaim[], articles: Article[]): BriefSentence[] => {
    const lines = briefLines(claims, articles)
    const first = linesAlwaysRead(lines)
    // The lines read first, then the rest of the generator where the brief reads on.
    const all = (function* () {
      yield* first
      yield* lines
    })()
    const asked = first.map(askedOf)
    if (failed || asked.every((spans) => spans.length === 0))
      return briefFrom(all, articles, checkHere)
    const texts = new Map<string, string>()
    const byId = new Map(articles.map((article) => [article.id, article]))
    for (const span of asked.flat())
      texts.set(span.articleId, (byId.get(span.articleId) as Article).text)
    const id = nextId++
    const answered = new Promise<Stance[][] | null>((resolve) => waiting.set(id, resolve))
    worker.postMessage({
      id,
      texts: [...texts],
      lines: first.map((line, index) => ({
        claim: line.text,
        ids: (asked[index] ?? []).map((span) => span.articleId),
      })),
    } satisfies StanceTask)
    const summary: BriefSentence[] = []
    filling.push(
      answered.then((stances) => {
        answeredLines += stances?.length ?? 0
        const byLine = new Map(first.map((line, index) => [line, stances?.[index]]))
        const check: StanceCheck = (line, articlesAsked) =>
          byLine.get(line) ?? checkHere(line, articlesAsked)
        summary.push(...briefFrom(all, articles, check))
      }),
    )
    return summary
  }

  return {
    brief,
    finish: async () => {
      try {
        await Promise.all(filling)
        return answeredLines
      } finally {
        worker.off('exit', fail)
        await worker.terminate()
      }
    },
  }
}
