import { describe, expect, it } from 'vitest'
import { contentWords, groupSimilar } from './group-similar.js'

describe('groupSimilar', () => {
  const item = (articleId: string, text: string, speaker: string | null) => ({
    articleId,
    words: contentWords(text),
    speaker,
  })
  const alike = (a: { words: Set<string> }, b: { words: Set<string> }): boolean =>
    [...a.words].filter((word) => b.words.has(word)).length >= 2

  it('joins alike items of different articles through a chain (single link)', () => {
    const items = [
      item('a', 'gift serves demonstration', null),
      item('b', 'gift serves relations', null),
      item('c', 'relations serves leaders', null),
    ]
    expect(groupSimilar(items, alike)).toEqual([[0, 1, 2]])
  })

  it('never puts two labels in one group, not even through an unlabelled item like both', () => {
    const items = [
      item('a', 'gift serves demonstration', 'Kim Yo Jong'),
      item('b', 'gift serves demonstration car liked', null),
      item('c', 'demonstration car liked', 'Dmitry Peskov'),
    ]
    const groups = groupSimilar(items, alike, (x) => x.speaker)
    expect(groups).toEqual([[0, 1], [2]])
  })
})
