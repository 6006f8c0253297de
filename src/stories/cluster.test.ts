import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { extract } from '../pipeline.js'
import type { Article } from '../types.js'
import { OnlineClusterer } from './cluster.js'
import { clusterStories } from './placement.js'

const EXAMPLE = new URL('../../examples/aurus-gift', import.meta.url).pathname
const seeds = readdirSync(EXAMPLE).map((name) =>
  extract({ text: readFileSync(join(EXAMPLE, name), 'utf8'), path: name }),
)

const other = (
  id: string,
  title: string,
  text: string,
  published: string | null = null,
): Article => ({
  ...extract({ text: `${title}\n\n${text}` }),
  id,
  published,
})
const flood = [
  other(
    'f1',
    'Floods close highway in Bavaria',
    'Heavy rain flooded the A8 highway near Munich on Monday, police said, closing lanes for hours while pumps removed the water from underpasses and drivers waited.',
    '2024-06-03',
  ),
  other(
    'f2',
    'Bavarian highway reopens after floods',
    'The A8 highway near Munich reopened on Tuesday after floods closed it, police said, as pumps cleared the underpasses and the rain eased across Bavaria.',
    '2024-06-04',
  ),
]
const election = [
  other(
    'e1',
    'Iceland elects new president',
    'Halla Tomasdottir won the presidential election in Iceland on Saturday, the electoral commission said, beating a former prime minister in a vote with high turnout.',
    '2024-06-01',
  ),
  other(
    'e2',
    'Tomasdottir wins Iceland vote',
    'Businesswoman Halla Tomasdottir was elected president of Iceland, the electoral commission announced, after a vote in which turnout was high and a former prime minister came second.',
    '2024-06-02',
  ),
]

function partition(articles: Article[]): string[][] {
  return clusterStories(articles)
    .map((story) => [...story.articleIds].sort())
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string))
}

test('the five seeds are one story, also mixed with other stories', () => {
  const groups = partition([...seeds, ...flood, ...election])
  const seedIds = seeds.map((seed) => seed.id).sort()
  expect(groups).toContainEqual(seedIds)
  expect(groups).toContainEqual(['f1', 'f2'])
  expect(groups).toContainEqual(['e1', 'e2'])
})

test('the clustering does not depend on input order, story ids included', () => {
  const articles = [...seeds, ...flood, ...election]
  const reference = clusterStories(articles)
    .map((story) => `${story.id}:${story.articleIds.join(',')}`)
    .sort()
  let seed = 7
  for (let round = 0; round < 5; round++) {
    const shuffled = [...articles].sort(
      () => (seed = (seed * 48271) % 2147483647) / 2147483647 - 0.5,
    )
    expect(
      clusterStories(shuffled)
        .map((story) => `${story.id}:${story.articleIds.join(',')}`)
        .sort(),
    ).toEqual(reference)
  }
})

test('an article without a date still joins its story', () => {
  const undated = { ...(flood[1] as Article), id: 'f3', published: null }
  const groups = partition([...flood, undated, ...election])
  expect(groups).toContainEqual(['f1', 'f2', 'f3'])
})

test('each membership says why the article joined', () => {
  for (const story of clusterStories([...flood, ...election])) {
    for (const member of story.membership.slice(1)) {
      expect(member.evidence.map((evidence) => evidence.kind)).toEqual(
        expect.arrayContaining(['similarity', 'shared-terms']),
      )
    }
  }
})

test('an article that came before its story formed joins it at the end of the pass; an unrelated one does not', () => {
  // Unit vectors by hand: "early" shares only "x" with the later articles, too little for any one of them
  // (0.45 < 0.5) but enough for the story they form together (0.505).
  const vector = (entries: Record<string, number>) => new Map(Object.entries(entries))
  const article = (id: string): Article => ({ ...(flood[0] as Article), id, published: null })
  const clusterer = new OnlineClusterer({ threshold: 0.5 })
  const early = clusterer.add(article('early'), vector({ x: 1 }))
  const story = clusterer.add(article('b'), vector({ x: 0.45, y: 0.7, b: 0.55 }))
  clusterer.add(article('c'), vector({ x: 0.45, y: 0.7, c: 0.55 }))
  clusterer.add(article('d'), vector({ x: 0.45, y: 0.7, d: 0.55 }))
  const unrelated = clusterer.add(article('other'), vector({ z: 1 }))
  expect(clusterer.clusters()).toHaveLength(3)

  clusterer.absorbLoneStories()
  const stories = clusterer.clusters()
  expect(stories.map((cluster) => cluster.articleIds)).toEqual([
    ['b', 'c', 'd', 'early'],
    ['other'],
  ])
  expect(stories[0]?.id).toBe(story)
  expect(clusterer.mergedInto.get(early)).toBe(story)
  expect(clusterer.state(unrelated)?.articleIds).toEqual(['other'])
  const joined = stories[0]?.membership.find((entry) => entry.articleId === 'early')
  expect(joined?.evidence.map((evidence) => evidence.kind)).toContain('merged')
})

test('a lone article that came after its nearest story formed is not absorbed: that story had its chance', () => {
  const vector = (entries: Record<string, number>) => new Map(Object.entries(entries))
  const dated = (id: string, day: string): Article => ({
    ...(flood[0] as Article),
    id,
    published: day,
  })
  const clusterer = new OnlineClusterer({ threshold: 0.5 })
  clusterer.add(dated('b', '2024-06-01'), vector({ x: 0.45, y: 0.7, b: 0.55 }))
  clusterer.add(dated('c', '2024-06-01'), vector({ x: 0.45, y: 0.7, c: 0.55 }))
  clusterer.add(dated('d', '2024-06-01'), vector({ x: 0.45, y: 0.7, d: 0.55 }))
  // 0.455 to the story: below the threshold (0.5), above the absorption bar (0.4).
  clusterer.add(dated('late', '2024-06-02'), vector({ x: 0.9, z: 0.436 }))
  clusterer.absorbLoneStories()
  expect(clusterer.clusters().map((cluster) => cluster.articleIds)).toEqual([
    ['b', 'c', 'd'],
    ['late'],
  ])
})
