import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { updateStore } from './incremental.js'
import { analyzeArticles, collectArticles, extract } from './pipeline.js'
import { openStore, type Store } from './store/index.js'
import type { Article } from './types.js'

const EXAMPLE = new URL('../examples/aurus-gift', import.meta.url).pathname

const other = (id: string, published: string, title: string, text: string): Article => ({
  ...extract({ text: `${title}\n\n${text}` }),
  id,
  published,
})
const others = [
  other(
    'f1',
    '2024-02-19',
    'Floods close highway in Bavaria',
    'Heavy rain flooded the A8 highway near Munich on Monday, police said, closing lanes for hours while pumps removed the water from underpasses and drivers waited.',
  ),
  other(
    'f2',
    '2024-02-20',
    'Bavarian highway reopens after floods',
    'The A8 highway near Munich reopened on Tuesday after floods closed it, police said, as pumps cleared the underpasses and the rain eased across Bavaria.',
  ),
  other(
    'e1',
    '2024-02-21',
    'Iceland elects new president',
    'Halla Tomasdottir won the presidential election in Iceland on Saturday, the electoral commission said, beating a former prime minister in a vote with high turnout.',
  ),
  other(
    'e2',
    '2024-02-22',
    'Tomasdottir wins Iceland vote',
    'Businesswoman Halla Tomasdottir was elected president of Iceland, the electoral commission announced, after a vote in which turnout was high and a former prime minister came second.',
  ),
]

async function corpus(): Promise<Article[]> {
  return [...(await collectArticles([EXAMPLE])), ...others]
}

async function partition(store: Store): Promise<string[]> {
  return (await store.listStories())
    .map((story) => `${story.id}:${story.articleIds.join(',')}`)
    .sort()
}

function batchPartition(articles: Article[]): string[] {
  return analyzeArticles(articles)
    .stories.map((story) => `${story.id}:${[...story.articleIds].sort().join(',')}`)
    .sort()
}

test('articles arriving one at a time land in the stories one batch forms, and story ids never change', async () => {
  const articles = await corpus()
  const store = await openStore(':memory:')
  const seen = new Map<string, string>() // article → story id when it arrived
  for (const article of articles) {
    await updateStore(store, [article])
    for (const story of await store.listStories())
      for (const id of story.articleIds) if (!seen.has(id)) seen.set(id, story.id)
  }
  const members = (entries: string[]): string[] => entries.map((entry) => entry.split(':')[1] ?? '')
  expect(members(await partition(store)).sort()).toEqual(members(batchPartition(articles)).sort())
  // A story keeps the id it had when its first article arrived (a batch names it after its earliest).
  for (const story of await store.listStories())
    for (const id of story.articleIds) expect(seen.get(id), id).toBe(story.id)
  await store.close()
})

test('an ingest re-analyses only the stories its articles touch', async () => {
  const articles = await corpus()
  const store = await openStore(':memory:')
  await updateStore(store, articles.slice(0, 8))
  const before = await store.getStory(
    (await store.listStories()).find((story) => story.articleIds.includes('f1'))?.id ?? '',
  )
  const result = await updateStore(store, [articles[8] as Article]) // e2 joins e1's story
  expect(result).toMatchObject({ placed: 1, merged: [] })
  expect(result.changedStories).toHaveLength(1)
  expect(await store.getStory(before?.id ?? '')).toEqual(before)
  const story = await store.getStory(result.changedStories[0] ?? '')
  expect(story?.articleIds.sort()).toEqual(['e1', 'e2'])
  await store.close()
})

test('rebuilding clusters the whole store exactly as one batch; articles stored but unplaced are placed', async () => {
  const articles = await corpus()
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'x.db')
  const first = await openStore(path)
  await first.addArticles(articles) // as an interrupted run, or a version-1 store, leaves them
  await first.close()
  const second = await openStore(path)
  expect(await second.unclusteredArticles()).toHaveLength(articles.length)
  const result = await updateStore(second, [])
  expect(result.placed).toBe(articles.length)
  expect(await partition(second)).toEqual(batchPartition(articles))
  await second.clearClustering()
  expect(await second.countStories()).toBe(0)
  await updateStore(second, [])
  expect(await partition(second)).toEqual(batchPartition(articles))
  expect(await second.unclusteredArticles()).toHaveLength(0)
  await second.close()
})

test('an article that bridges two stored stories merges them, and the store forgets the merged one', async () => {
  const store = await openStore(':memory:')
  const [flood, , iceland] = others as [Article, Article, Article, Article]
  await updateStore(store, [flood, iceland])
  expect(await store.countStories()).toBe(2)
  const bridge = other(
    'b1',
    '2024-02-21',
    'Floods in Bavaria and a vote in Iceland',
    `${flood.text}\n\n${iceland.text}`,
  )
  const result = await updateStore(store, [bridge])
  expect(result.merged).toHaveLength(1)
  const [{ from, into }] = result.merged as [{ from: string; into: string }]
  expect(await store.getStory(from)).toBeNull()
  const merged = await store.getStory(into)
  expect(merged?.articleIds.sort()).toEqual(['b1', 'e1', 'f1'])
  expect(merged?.membership.flatMap((entry) => entry.evidence.map((e) => e.kind))).toContain(
    'merged',
  )
  expect((await store.search('Tomasdottir')).stories).toEqual([{ id: into, title: merged?.title }])
  await store.close()
})

test('a story reported from a store reads the annotations stored with its articles: the same report as in memory', async () => {
  const articles = await collectArticles([EXAMPLE])
  const path = join(mkdtempSync(join(tmpdir(), 'corroborate-')), 'seeds.db')
  const first = await openStore(path)
  await updateStore(first, articles)
  await first.close()
  // Reopened: every article, annotations included, comes back from its stored row.
  const store = await openStore(path)
  const byId = new Map(articles.map((article) => [article.id, article]))
  const stored = await store.getExtractedArticles([...byId.keys()])
  expect(stored).toHaveLength(articles.length)
  for (const article of stored) {
    expect(article.attributions).toEqual(byId.get(article.id)?.attributions)
    expect(article.entities).toEqual(byId.get(article.id)?.entities)
  }
  const [memory] = analyzeArticles(articles).stories
  const fromStore = await store.getStory(memory?.id ?? '')
  expect(fromStore?.quotes).toEqual(memory?.quotes)
  expect(fromStore?.entities).toEqual(memory?.entities)
  expect(fromStore).toEqual(memory)
  await store.close()
})
