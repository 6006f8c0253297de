import { analyze } from '../src/index.js'

const EXAMPLE = new URL('../examples/aurus-gift', import.meta.url).pathname

/** Figures on the seed story, each 0..1 or a count, so that the gate catches a regression of any of them. */
export async function seedChecks(): Promise<Record<string, number>> {
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
  }
}
