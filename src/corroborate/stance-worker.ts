/**
 * Worker thread of the brief's stance checks (brief-thread.ts): for each line of a story's brief, the stance of
 * each article asked, from the line and the articles' texts alone (`stancesOf`, as the main thread would).
 */
import { parentPort } from 'node:worker_threads'
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
