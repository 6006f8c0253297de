import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { analyze } from '../pipeline.js'
import type { StoryReport } from '../types.js'

/**
 * Small stories written for these tests (test/fixtures/corroborate/<story>/input.jsonl), each with the ledger,
 * conflicts and non-conflicts a reader expects (expected.json, written by hand — not generated).
 */
const FIXTURES = new URL('../../test/fixtures/corroborate/', import.meta.url).pathname

interface Expected {
  conflicts: { about: string; kind: 'contradiction' | 'differing'; values: string[] }[]
  nonConflicts: string[]
  claims: { includes: string; articleIds: string[]; independentSources: number; status: string }[]
}

async function storyOf(name: string): Promise<{ story: StoryReport; text: Map<string, string> }> {
  const analysis = await analyze([join(FIXTURES, name, 'input.jsonl')])
  expect(analysis.stories).toHaveLength(1)
  return {
    story: analysis.stories[0] as StoryReport,
    text: new Map(analysis.articles.map((article) => [article.id, article.text])),
  }
}

describe.each(readdirSync(FIXTURES))('story %s', (name) => {
  const expected = JSON.parse(
    readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8'),
  ) as Expected

  test('finds the expected conflicts, each side with spans', async () => {
    const { story, text } = await storyOf(name)
    for (const want of expected.conflicts) {
      const found = story.conflicts.find((conflict) => conflict.about === want.about)
      expect(found, `conflict "${want.about}" in ${JSON.stringify(story.conflicts)}`).toBeDefined()
      expect(found?.kind).toBe(want.kind)
      expect(found?.values.map((value) => value.value).sort()).toEqual([...want.values].sort())
      for (const value of found?.values ?? []) {
        expect(value.spans.length).toBeGreaterThan(0)
        for (const span of value.spans)
          expect(text.get(span.articleId)?.slice(span.start, span.end).length).toBeGreaterThan(0)
      }
    }
    expect(story.conflicts).toHaveLength(expected.conflicts.length)
  })

  test('reports no conflict where the values agree', async () => {
    const { story } = await storyOf(name)
    for (const subject of expected.nonConflicts)
      expect(story.conflicts.filter((conflict) => conflict.about.includes(subject))).toEqual([])
  })

  test('aligns the expected claims across outlets', async () => {
    const { story } = await storyOf(name)
    for (const want of expected.claims) {
      const found = story.claims.find(
        (claim) =>
          claim.spans.length > 1 &&
          claim.text.includes(want.includes) &&
          [...new Set(claim.spans.map((span) => span.articleId))].sort().join() ===
            [...want.articleIds].sort().join(),
      )
      expect(found, `claim with "${want.includes}"`).toBeDefined()
      expect(found?.independentSources).toBe(want.independentSources)
      expect(found?.status).toBe(want.status)
    }
  })

  test('writes a brief whose every sentence cites each article once and starts with no pronoun', async () => {
    const { story } = await storyOf(name)
    expect(story.summary.length).toBeGreaterThan(0)
    expect(story.summary.length).toBeLessThanOrEqual(7)
    for (const entry of story.summary) {
      const ids = entry.spans.map((span) => span.articleId)
      expect(new Set(ids).size).toBe(ids.length)
      expect(entry.text).not.toMatch(/^(?:he|she|it|they|this|these)\b/i)
    }
  })
})
