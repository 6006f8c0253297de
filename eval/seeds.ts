import { analyze } from '../src/index.js'
import { clusterStories } from '../src/stories/cluster.js'
import type { CliDataset } from './clustering-cv.js'

const EXAMPLE = new URL('../examples/aurus-gift', import.meta.url).pathname

/** Figures on the seed story, each 0..1 or a count, so that the gate catches a regression of any of them. */
export async function seedChecks(corpora: CliDataset[]): Promise<Record<string, number>> {
  const analysis = await analyze([EXAMPLE])
  const story = analysis.stories[0]
  const rewrite = story?.reuse.find((link) => link.kind === 'rewrite')
  return {
    'one story': analysis.stories.length === 1 ? 1 : 0,
    'published 2024-02-20 share':
      analysis.articles.filter((article) => article.published?.startsWith('2024-02-20')).length /
      analysis.articles.length,
    'independent sources is 4': story?.independentSources === 4 ? 1 : 0,
    'AP/Independent rewrite found':
      rewrite !== undefined &&
      rewrite.evidence.some((evidence) => evidence.kind === 'shared-misspelling')
        ? 1
        : 0,
    'price conflict found':
      story?.conflicts.some((conflict) => conflict.about === 'price') === true ? 1 : 0,
    'one story among ECB+ and BASIL': aloneTogether(
      analysis.articles.map((article) => article.id),
      clusterStories([...analysis.articles, ...corpora.flatMap((corpus) => corpus.articles)]),
    ),
  }
}

/** 1 when the given articles form one story with nothing else in it. */
function aloneTogether(ids: string[], stories: { articleIds: string[] }[]): number {
  const story = stories.find((candidate) => candidate.articleIds.includes(ids[0] ?? ''))
  const members = new Set(story?.articleIds ?? [])
  return members.size === ids.length && ids.every((id) => members.has(id)) ? 1 : 0
}
