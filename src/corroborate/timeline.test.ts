import { expect, test } from 'vitest'
import { extract } from '../pipeline.js'
import { buildTimeline } from './timeline.js'

test('a timeline entry reads the sentence that names who it is about, not one opening on a pronoun', () => {
  const published = '2024-02-20T09:00:00Z'
  const articles = [
    extract({
      id: 'first',
      published,
      text: 'Officials in the capital spoke to reporters on Tuesday morning. He said the delegation handed over the car on Sunday at the border.',
    }),
    extract({
      id: 'second',
      published,
      text: 'A Russian delegation handed over the car on Sunday at the border, officials in the capital said on Tuesday.',
    }),
  ]
  const entry = buildTimeline(articles).find((candidate) => candidate.date === '2024-02-18')
  expect(entry?.spans.map((span) => span.articleId).sort()).toEqual(['first', 'second'])
  expect(entry?.text).toMatch(/^A Russian delegation handed over/)
})
