import { expect, test } from 'vitest'
import { analyze } from '../src/index.js'
import type { Span } from '../src/index.js'
import { singleSpaced } from '../src/text/normalize.js'
import { EXAMPLE } from './helpers.js'

test('every span of the seed analysis slices back to its text', async () => {
  const analysis = await analyze([EXAMPLE])
  const texts = new Map(analysis.articles.map((article) => [article.id, article.text]))
  const slice = (span: Span): string => {
    const text = texts.get(span.articleId)
    expect(text, `article ${span.articleId}`).toBeDefined()
    expect(span.start).toBeGreaterThanOrEqual(0)
    expect(span.end).toBeLessThanOrEqual((text as string).length)
    expect(span.end).toBeGreaterThan(span.start)
    return (text as string).slice(span.start, span.end)
  }
  for (const story of analysis.stories) {
    // A name and its aliases are shown with plain spaces (a page's "North\u00a0Korea" is the alias "North
    // Korea"); the span itself is the text as written.
    for (const entity of story.entities)
      for (const mention of entity.mentions)
        expect([entity.name, ...entity.aliases]).toContain(singleSpaced(slice(mention)))
    for (const quote of story.quotes) expect(quote.spans.map(slice)).toContain(quote.text)
    for (const claim of story.claims) expect(claim.spans.map(slice)).toContain(claim.text)
    for (const fact of story.facts) for (const span of fact.spans) expect(slice(span)).toMatch(/\d/)
    for (const link of story.reuse) {
      for (const passage of link.passages) {
        expect(passage.from.articleId).toBe(link.from)
        expect(passage.to.articleId).toBe(link.to)
        slice(passage.from)
        slice(passage.to)
      }
    }
    for (const entry of [...story.timeline, ...story.summary])
      for (const span of entry.spans) slice(span)
    // Each member says which names and passages tie it to the others; a passage's offsets are in the member.
    for (const member of story.membership) {
      const kinds = member.evidence.map((evidence) => evidence.kind)
      expect(kinds).toContain('shared-names')
      expect(kinds).toContain('shared-passage')
      for (const evidence of member.evidence.filter((item) => item.kind === 'shared-passage')) {
        const passage = slice({
          articleId: member.articleId,
          start: evidence.start ?? 0,
          end: evidence.end ?? 0,
        })
        expect(evidence.text).toContain(passage.slice(0, 40))
      }
    }
  }
  for (const article of analysis.articles) {
    // Names and attributions: every span slices back to the article's text; story ids are shared.
    const storyIds = new Set(analysis.stories.flatMap((story) => story.entities.map((e) => e.id)))
    for (const entity of article.entities) {
      expect(article.text.slice(entity.start, entity.end)).toBe(entity.text)
      expect(entity.entityId).not.toBe('')
    }
    expect(article.entities.some((entity) => storyIds.has(entity.entityId))).toBe(true)
    for (const attribution of article.attributions)
      for (const range of [attribution.content, attribution.cue, attribution.source])
        if (range !== null) {
          expect(range.end).toBeGreaterThan(range.start)
          expect(range.end).toBeLessThanOrEqual(article.text.length)
        }
    for (const sentence of article.sentences)
      expect(article.text.slice(sentence.start, sentence.end).trim()).not.toBe('')
    for (const evidence of article.dateEvidence)
      if (evidence.start !== undefined)
        expect(article.text.slice(evidence.start, evidence.end)).toBe(evidence.text)
  }
})

test('in analyze output, a mention and a speaker with a story entity id read as that entity’s name', async () => {
  const analysis = await analyze([EXAMPLE])
  const names = new Map(
    analysis.stories.flatMap((story) => story.entities.map((entity) => [entity.id, entity.name])),
  )
  let speakers = 0
  for (const article of analysis.articles) {
    for (const entity of article.entities)
      if (names.has(entity.entityId)) expect(entity.name).toBe(names.get(entity.entityId))
    for (const attribution of article.attributions) {
      if (attribution.entityId === null || !names.has(attribution.entityId)) continue
      // "KCNA" in The Independent's copy is the story's Korean Central News Agency, as in its quotes.
      expect(attribution.speaker).toBe(names.get(attribution.entityId))
      speakers++
    }
  }
  expect(speakers).toBeGreaterThan(20)
})

test('a story entity’s and a quote’s role says what the person is, never a courtesy title alone', async () => {
  const analysis = await analyze([EXAMPLE])
  const roles = analysis.stories.flatMap((story) => [
    ...story.entities.map((entity) => entity.role),
    ...story.quotes.map((quote) => quote.speakerRole),
  ])
  expect(roles).toContain('Kremlin spokesman')
  // Kim Yo Jong, first written "Ms Kim" in one copy, was shown as "Kim Yo Jong (Ms)".
  expect(roles.filter((role) => role !== null && /^(?:mr|mrs|ms|miss|dr)\.?$/i.test(role))).toEqual(
    [],
  )
})
