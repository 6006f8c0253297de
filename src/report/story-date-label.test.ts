import { expect, test } from 'vitest'
import { storyDateLabel } from './story-date-label.js'

const story = { start: '2025-06-24', end: '2025-06-24' }

test('a story dated by its pages says so; one with an original date, or without its articles, does not', () => {
  expect(storyDateLabel(story, [{ published: null }])).toBe(
    '2025-06-24 (republished; original date unknown)',
  )
  expect(storyDateLabel(story, [{ published: null }, { published: '2025-06-24' }])).toBe(
    '2025-06-24',
  )
  // A store missing the story's articles cannot tell republication days from publication days.
  expect(storyDateLabel(story, [])).toBe('2025-06-24')
})
