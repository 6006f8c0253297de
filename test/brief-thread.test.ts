import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { BriefLine } from '../src/corroborate/brief.js'
import { LINES_READ } from '../src/corroborate/brief.js'
import { linesAlwaysRead } from '../src/corroborate/brief-thread.js'
import { EXAMPLE } from './helpers.js'

const ROOT = new URL('..', import.meta.url).pathname
const line = (text: string, citations: number): BriefLine => ({
  text,
  kind: 'statement',
  stating: Array.from({ length: citations }, (_, index) => ({
    span: { articleId: `a${index}`, start: 0, end: 1 },
    restated: false,
  })),
})

test('the lines a brief always reads run to the LINES_READ-th line with a stating citation, no further', () => {
  // Every third line has no stating citation: it is read (the brief reads lines in order) but not counted.
  const lines = Array.from({ length: 3 * LINES_READ }, (_, index) =>
    line(`line ${index}`, index % 3 === 2 ? 0 : 1),
  )
  const read = linesAlwaysRead(lines.values())
  expect(read.filter((entry) => entry.stating.length > 0)).toHaveLength(LINES_READ)
  expect(read.at(-1)?.stating.length).toBe(1)
  expect(read).toEqual(lines.slice(0, read.length))
  // Fewer lines than that: all of them.
  expect(linesAlwaysRead(lines.slice(0, 4).values())).toHaveLength(4)
})

// The thread runs the compiled worker (dist/, built by `npm run build`), so this test reads the compiled code.
test('briefs whose stance checks ran on the thread are the in-process briefs, and the thread answered', async () => {
  const thread = join(ROOT, 'dist/corroborate/brief-thread.js')
  expect(existsSync(thread), 'run `npm run build` first').toBe(true)
  const { startBriefThread } = (await import(
    thread
  )) as typeof import('../src/corroborate/brief-thread.js')
  const { analyzeArticles, collectArticles } = (await import(
    join(ROOT, 'dist/pipeline.js')
  )) as typeof import('../src/pipeline.js')
  const articles = await collectArticles([EXAMPLE])
  const here = analyzeArticles(articles)
  const briefs = startBriefThread()
  expect(briefs).not.toBeNull()
  const threaded = analyzeArticles(articles, { brief: briefs!.brief })
  const answered = await briefs!.finish()
  expect(answered).toBeGreaterThan(0)
  expect(here.stories.some((story) => story.summary.length > 0)).toBe(true)
  expect(JSON.stringify(threaded)).toBe(JSON.stringify(here))
}, 60_000)
