import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { analyze } from '../pipeline.js'
import type { StoryReport } from '../types.js'
import { briefProblems } from '../../test/brief-checks.js'

/**
 * Small stories written for these tests (test/fixtures/corroborate/<story>/input.jsonl), each with the ledger,
 * conflicts and non-conflicts a reader expects (expected.json, written by hand — not generated).
 */
const FIXTURES = new URL('../../test/fixtures/corroborate/', import.meta.url).pathname

interface Expected {
  conflicts: { about: string; kind: 'contradiction' | 'differing'; values: string[] }[]
  nonConflicts: string[]
  /** Every claim carried by more than one article (the list is the whole of them: no other joins). */
  claims: {
    includes: string
    articleIds: string[]
    independentSources: number
    status: string
    attributedTo?: string
    asserted?: boolean
  }[]
  /** Statements only one article makes: each its own claim, joined to nothing. */
  singleSource?: { includes: string; articleId: string }[]
  /** Events the timeline must date: the resolved day and articles whose sentences it cites for it. */
  timeline?: { date: string; articleIds: string[] }[]
}

const articlesOf = (claim: { spans: { articleId: string }[] }): string =>
  [...new Set(claim.spans.map((span) => span.articleId))].sort().join()

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
      if (want.attributedTo !== undefined)
        expect(found?.attributedTo.join('|')).toContain(want.attributedTo)
      if (want.asserted !== undefined) expect(found?.asserted).toBe(want.asserted)
    }
  })

  test('joins nothing else across outlets, and keeps single-source statements apart', async () => {
    const { story, text } = await storyOf(name)
    const joined = story.claims.filter(
      (claim) => new Set(claim.spans.map((s) => s.articleId)).size > 1,
    )
    for (const claim of joined) {
      const listed = expected.claims.some(
        (want) =>
          articlesOf(claim) === [...want.articleIds].sort().join() &&
          claim.spans.some((span) =>
            text.get(span.articleId)?.slice(span.start, span.end).includes(want.includes),
          ),
      )
      expect(listed, `unexpected join: ${claim.text}`).toBe(true)
    }
    for (const want of expected.singleSource ?? []) {
      const holder = story.claims.find((claim) =>
        claim.spans.some((span) =>
          text.get(span.articleId)?.slice(span.start, span.end).includes(want.includes),
        ),
      )
      expect(holder && articlesOf(holder), want.includes).toBe(want.articleId)
      expect(holder?.status).toBe('single-source')
    }
  })

  test('cites in the brief exactly the articles that state each sentence, with no unfit line', async () => {
    const { story } = await storyOf(name)
    const gold = [
      ...expected.claims
        .filter((claim) => claim.status !== 'disputed')
        .map((claim) => ({ includes: claim.includes, articleIds: claim.articleIds })),
      ...(expected.singleSource ?? []).map((one) => ({
        includes: one.includes,
        articleIds: [one.articleId],
      })),
    ]
    let checked = 0
    for (const entry of story.summary) {
      expect(briefProblems(entry.text), entry.text).toEqual([])
      const claim = gold.find((want) => entry.text.includes(want.includes))
      if (claim === undefined) continue
      checked++
      expect(articlesOf(entry), entry.text).toBe([...claim.articleIds].sort().join())
    }
    expect(checked).toBeGreaterThan(0)
  })

  test('dates the expected events on the timeline, each with its date expression as evidence', async () => {
    const { story } = await storyOf(name)
    for (const want of expected.timeline ?? []) {
      const entry = story.timeline.find(
        (found) =>
          found.date === want.date &&
          want.articleIds.every((id) => found.spans.some((span) => span.articleId === id)),
      )
      expect(
        entry,
        `${want.date} ${want.articleIds.join()} in ${JSON.stringify(story.timeline.map((t) => [t.date, t.text]))}`,
      ).toBeDefined()
      for (const evidence of entry?.evidence ?? [])
        expect(
          entry?.spans.some(
            (span) =>
              span.articleId === evidence.articleId &&
              evidence.start >= span.start &&
              evidence.end <= span.end,
          ),
        ).toBe(true)
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
