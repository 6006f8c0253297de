import { readdirSync, readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { resolveStoryEntities, withStoryEntityIds } from '../src/corroborate/story-entities.js'
import { annotateArticle } from '../src/nlp/annotate.js'
import type { Article } from '../src/types.js'

/**
 * One folder per identity case fixed (test/fixtures/identity/<case>/*.txt, one article each, + expected.json):
 * the articles are annotated as the pipeline does and read as one story; every mention written as one form of
 * a `same` pair must carry the story entityId of every mention of the other, and no mention of one form of an
 * `apart` pair may share an id with the other's.
 */
interface Expected {
  same: [string, string][]
  apart: [string, string][]
}

const FIXTURES = new URL('./fixtures/identity/', import.meta.url)

for (const name of readdirSync(FIXTURES).sort()) {
  test(`identity fixture: ${name}`, () => {
    const folder = new URL(`${name}/`, FIXTURES)
    const articles = readdirSync(folder)
      .filter((file) => file.endsWith('.txt'))
      .sort()
      .map((file) => {
        const text = readFileSync(new URL(file, folder), 'utf8')
        return { id: file, text, ...annotateArticle({ text }) } as unknown as Article
      })
    const expected = JSON.parse(readFileSync(new URL('expected.json', folder), 'utf8')) as Expected
    const story = resolveStoryEntities(articles)
    const mentions = articles.flatMap((article) => withStoryEntityIds(article, story).entities)
    const idsOf = (form: string): Set<string> => {
      const ids = new Set(mentions.filter((m) => m.text === form).map((m) => m.entityId))
      expect(ids.size, `"${form}" is found in ${name}`).toBeGreaterThan(0)
      return ids
    }
    for (const [a, b] of expected.same)
      expect(new Set([...idsOf(a), ...idsOf(b)]).size, `"${a}" and "${b}" are one entity`).toBe(1)
    for (const [a, b] of expected.apart) {
      const bIds = idsOf(b)
      expect(
        [...idsOf(a)].some((id) => bIds.has(id)),
        `"${a}" and "${b}" are two entities`,
      ).toBe(false)
    }
  })
}
