import { finishStory, type StoryAnalysisOptions } from './analysis.js'
import { withAnnotations } from './nlp/annotate.js'
import { type AnalyzeOptions, collectArticles } from './read-articles.js'
import { placeBatch } from './stories/placement.js'
import { type Analysis, type Article, type ArticleInput, SCHEMA_VERSION } from './types.js'

// Reading lives in read-articles.ts; these names stay importable from here, as before.
export { type AnalyzeOptions, collectArticles, dedupeById, extractInputs } from './read-articles.js'
export { extract, safeExtract } from './extract-input.js'

/**
 * Analyses a batch: reads paths and URLs (strings), takes article inputs or Articles as they are, and returns
 * every article with the stories they form (reuse, independent sources, quotes, facts, claims, conflicts).
 */
export async function analyze(
  inputs: (string | ArticleInput | Article)[],
  options: AnalyzeOptions = {},
): Promise<Analysis> {
  const articles = await collectArticles(inputs, options)
  return analyzeArticles(articles, options)
}

/**
 * The analysis stages over extracted articles, with nothing clustered before: the stages a store's ingest runs
 * (`updateStore`), state in memory. Pure.
 */
export function analyzeArticles(
  given: Article[],
  options: AnalyzeOptions & Pick<StoryAnalysisOptions, 'brief'> = {},
): Analysis {
  // Articles made before annotations existed (an old store, a caller's object) are annotated here, once.
  const articles = given.map(withAnnotations)
  const { stories, placement } = placeBatch(articles, options.cluster)
  let reported = 0
  const parts = stories
    .flatMap((story) => {
      const finished = finishStory(placement, story, options)
      options.onStory?.(++reported, stories.length)
      return finished
    })
    .sort(
      (x, y) =>
        y.state.articleIds.length - x.state.articleIds.length || (x.state.id < y.state.id ? -1 : 1),
    )
  const byId = new Map(articles.map((article) => [article.id, article]))
  for (const part of parts) for (const member of part.members) byId.set(member.id, member)
  return {
    schemaVersion: SCHEMA_VERSION,
    articles: articles.map((article) => byId.get(article.id) as Article),
    stories: parts.map((part) => part.report),
  }
}
