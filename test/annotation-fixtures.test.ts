import { readdirSync, readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { annotateArticle } from '../src/nlp/annotate.js'

/**
 * One folder per case fixed (test/fixtures/nlp/<case>/input.txt + expected.json), expectations written by
 * hand: the names the text must yield (with type, and role when one is written), forms that must be one
 * entity, and forms that must stay apart.
 */
interface Expected {
  names: { text: string; type: string; role?: string }[]
  same: [string, string][]
  apart: [string, string][]
  /** A case the model does not get right yet, and why: the test then asserts that it still fails. */
  knownGap?: string
}

const FIXTURES = new URL('./fixtures/nlp/', import.meta.url)

for (const name of readdirSync(FIXTURES).sort()) {
  const text = readFileSync(new URL(`${name}/input.txt`, FIXTURES), 'utf8')
  const expected = JSON.parse(
    readFileSync(new URL(`${name}/expected.json`, FIXTURES), 'utf8'),
  ) as Expected
  // A known gap is asserted to fail, so that the day it passes the mark is removed.
  const register = expected.knownGap === undefined ? test : test.fails
  register(
    `annotation fixture: ${name}${expected.knownGap === undefined ? '' : ` (known gap: ${expected.knownGap})`}`,
    () => {
      const { entities, sentences, attributions } = annotateArticle({ text })
      for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text)
      for (const sentence of sentences) expect(sentence.end).toBeGreaterThan(sentence.start)
      for (const attribution of attributions)
        expect(attribution.content.end).toBeGreaterThan(attribution.content.start)
      const found = (form: string) => {
        const mention = entities.find((entity) => entity.text === form)
        expect(mention, `"${form}" is found in ${name}`).toBeDefined()
        return mention as (typeof entities)[number]
      }
      for (const want of expected.names) {
        const mention = found(want.text)
        expect(mention.type, `type of "${want.text}"`).toBe(want.type)
        if (want.role !== undefined) expect(mention.role, `role of "${want.text}"`).toBe(want.role)
      }
      for (const [a, b] of expected.same)
        expect(found(a).entityId, `"${a}" and "${b}" are one entity`).toBe(found(b).entityId)
      for (const [a, b] of expected.apart)
        expect(found(a).entityId, `"${a}" and "${b}" are two entities`).not.toBe(found(b).entityId)
    },
  )
}
