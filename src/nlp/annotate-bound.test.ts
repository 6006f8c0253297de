import { expect, test } from 'vitest'
import { annotateArticle, MAX_ANNOTATED_CHARS } from './annotate.js'

test('names are read in the first MAX_ANNOTATED_CHARS of a text; sentences cover all of it', () => {
  const filler = 'The council met again on the budget and voted on the plan. '
  const head = 'Dmitry Peskov said the car was a gift. '
  const tail = ' Angela Merkel said nothing about it.'
  const text = head + filler.repeat(Math.ceil(MAX_ANNOTATED_CHARS / filler.length)) + tail
  const annotations = annotateArticle({ text })
  const names = annotations.entities.map((entity) => text.slice(entity.start, entity.end))
  expect(names).toContain('Dmitry Peskov')
  expect(names).not.toContain('Angela Merkel')
  expect(annotations.entities.every((entity) => entity.end <= MAX_ANNOTATED_CHARS)).toBe(true)
  expect(annotations.sentences.at(-1)?.end).toBeGreaterThan(MAX_ANNOTATED_CHARS)
})
