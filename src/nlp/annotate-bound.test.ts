import { expect, test } from 'vitest'
import { readAnnotations } from '../corroborate/annotations.js'
import { extract } from '../extract-input.js'
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

test('figures, too, are read in the first MAX_ANNOTATED_CHARS: a long text of figures stays bounded', () => {
  const filler = 'The council met again on the budget and voted on the plan. '
  const head = 'The new bridge cost $40 million, officials said. '
  const tail = ' The old bridge cost $90 million, officials said.'
  const text = head + filler.repeat(Math.ceil(MAX_ANNOTATED_CHARS / filler.length)) + tail
  const article = extract({ id: 'long', text, clean: true })
  const { facts } = readAnnotations(article)
  expect(facts.some((fact) => fact.start < head.length)).toBe(true)
  // Every pair of a story's figures is weighed for conflicts: a 1.5 MB text of figures ran out of memory.
  expect(facts.every((fact) => fact.end <= MAX_ANNOTATED_CHARS)).toBe(true)
})
