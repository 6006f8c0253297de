import { expect, test } from 'vitest'
import { clusterFile, clusterPaths, embed, ppmiRows } from '../scripts/word-clusters.js'

/** A small corpus in which two kinds of word stand in two kinds of place. */
function corpus(): string[][] {
  const people = ['smith', 'jones', 'brown', 'taylor', 'wilson', 'davies']
  const places = ['paris', 'berlin', 'madrid', 'vienna', 'prague', 'lisbon']
  const sentences: string[][] = []
  for (let round = 0; round < 12; round++)
    for (let index = 0; index < people.length; index++) {
      const person = people[(index + round) % people.length] as string
      const place = places[(index * 5 + round) % places.length] as string
      sentences.push(['mr', person, 'said', 'on', 'monday', '.'])
      sentences.push(['they', 'flew', 'to', place, 'in', 'may', '.'])
      sentences.push(['mr', person, 'arrived', 'in', place, 'today', '.'])
    }
  return sentences
}

test('words that stand in the same places share a path prefix, and the tree is rebuilt the same', () => {
  const { words, matrix } = ppmiRows(corpus())
  const paths = clusterPaths(embed(matrix))
  const pathOf = (word: string): string => paths[words.indexOf(word)] as string
  expect(words).toContain('smith')
  // The first split already puts surnames on one side and cities on the other.
  expect(pathOf('smith')[0]).toBe(pathOf('wilson')[0])
  expect(pathOf('paris')[0]).toBe(pathOf('lisbon')[0])
  expect(pathOf('smith')[0]).not.toBe(pathOf('paris')[0])
  const again = ppmiRows(corpus())
  expect(clusterFile(again.words, clusterPaths(embed(again.matrix)))).toBe(
    clusterFile(words, paths),
  )
})
