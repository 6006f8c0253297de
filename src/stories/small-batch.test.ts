import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { analyze } from '../pipeline.js'
import type { ArticleInput } from '../types.js'
import { clusterStories } from './placement.js'

// "Here are the articles I have on this": a batch too small to tell common words from telling ones by itself.
const FIXTURE = new URL('../../test/fixtures/stories/small-batch/input.jsonl', import.meta.url)
const inputs = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as ArticleInput)
const strike = inputs.filter((input) => input.id?.startsWith('harbour')).map((input) => input.id)

test('three short reports of one event and one of another make two stories', async () => {
  const analysis = await analyze(inputs)
  const stories = analysis.stories.map((story) => [...story.articleIds].sort())
  expect(stories).toHaveLength(2)
  expect(stories).toContainEqual(strike)
  expect(stories).toContainEqual(['orchard-1'])
})

test('the three reports of one event analysed alone are one story', async () => {
  const analysis = await analyze(inputs.filter((input) => strike.includes(input.id)))
  expect(analysis.stories.map((story) => story.articleIds.length)).toEqual([3])
})

test('weighed by the batch alone, the same three reports fall apart (what the reference fixes)', async () => {
  const articles = (await analyze(inputs.filter((input) => strike.includes(input.id)))).articles
  expect(clusterStories(articles, { referencePrior: 0, hapaxWeight: 1 })).toHaveLength(3)
})
