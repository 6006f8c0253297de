import { analyze, verify } from '../src/index.js'
import type { StoryEntity } from '../src/types.js'
import { clusterStories } from '../src/stories/placement.js'
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
    'entities: alias groups joined (issue 16)': aliasShare(story?.entities ?? []),
    'entities: three Kims apart': threeKimsApart(story?.entities ?? []),
    'price conflict found':
      story?.conflicts.some((conflict) => conflict.about.startsWith('price')) === true ? 1 : 0,
    'price shown as differing qualifiers':
      story?.conflicts.some(
        (conflict) => conflict.about.startsWith('price') && conflict.kind === 'differing',
      ) === true
        ? 1
        : 0,
    'handover date contradiction (18 vs 20 Feb)':
      story?.conflicts.some(
        (conflict) =>
          conflict.kind === 'contradiction' &&
          conflict.about.startsWith('date') &&
          conflict.values.some((value) => value.value === '2024-02-18') &&
          conflict.values.some((value) => value.value === '2024-02-20'),
      ) === true
        ? 1
        : 0,
    ...sisterClaim(story?.claims ?? [], analysis.articles),
    'brief sentences verify as agree/discuss with their citations': briefSupported(
      story?.summary ?? [],
      analysis.articles,
    ),
    'one story among ECB+ and BASIL': aloneTogether(
      analysis.articles.map((article) => article.id),
      clusterStories([...analysis.articles, ...corpora.flatMap((corpus) => corpus.articles)]),
    ),
  }
}

/** The claim that Kim's sister received the car: how many articles and independent sources carry it. */
function sisterClaim(
  claims: {
    spans: { articleId: string; start: number; end: number }[]
    independentSources: number
  }[],
  articles: { id: string; text: string }[],
): Record<string, number> {
  const found = claims
    .filter((claim) =>
      claim.spans.some((span) => {
        const text = textOf(articles, span)
        return /sister/.test(text) && /received|accepted/.test(text)
      }),
    )
    .sort((a, b) => b.spans.length - a.spans.length)[0]
  return {
    'articles in the claim "Kim\'s sister received the car"': found
      ? new Set(found.spans.map((span) => span.articleId)).size
      : 0,
    'independent sources of that claim': found?.independentSources ?? 0,
  }
}

function textOf(
  articles: { id: string; text: string }[],
  span: { articleId: string; start: number; end: number },
): string {
  return (
    articles.find((article) => article.id === span.articleId)?.text.slice(span.start, span.end) ??
    ''
  )
}

/** Share of brief sentences that every cited article supports or reports, by the stance model. */
function briefSupported(
  summary: { text: string; spans: { articleId: string }[] }[],
  articles: { id: string; text: string }[],
): number {
  if (summary.length === 0) return 0
  const supported = summary.filter((entry) => {
    const cited = articles.filter((article) =>
      entry.spans.some((span) => span.articleId === article.id),
    )
    return verify(entry.text, cited).verdicts.every(
      (verdict) => verdict.stance === 'agree' || verdict.stance === 'discuss',
    )
  })
  return supported.length / summary.length
}

/** 1 when the given articles form one story with nothing else in it. */
function aloneTogether(ids: string[], stories: { articleIds: string[] }[]): number {
  const story = stories.find((candidate) => candidate.articleIds.includes(ids[0] ?? ''))
  const members = new Set(story?.articleIds ?? [])
  return members.size === ids.length && ids.every((id) => members.has(id)) ? 1 : 0
}

/** The alias groups the seed story must join (issue 16): each pair as one story entity. */
const SEED_ALIASES: [string, string][] = [
  ['Peskov', 'Dmitry Peskov'],
  ['KCNA', 'Korean Central News Agency'],
  ['Kim Jong-un', 'Kim Jong Un'],
  ['Anrus', 'Aurus'],
]

function formsOf(entity: StoryEntity): string[] {
  return [entity.name, ...entity.aliases]
}

/** Share of the seed alias pairs whose two forms (as words of its names: "Anrus Senat") are one entity. */
function aliasShare(entities: StoryEntity[]): number {
  const has = (entity: StoryEntity, form: string): boolean =>
    formsOf(entity).some((name) => name === form || name.split(' ').includes(form))
  const joined = SEED_ALIASES.filter(([a, b]) =>
    entities.some((entity) => has(entity, a) && has(entity, b)),
  )
  return joined.length / SEED_ALIASES.length
}

/** 1 when Kim Jong Un, Kim Yo Jong and Kim Il Sung are three entities of the story. */
function threeKimsApart(entities: StoryEntity[]): number {
  const holders = ['Kim Jong Un', 'Kim Yo Jong', 'Kim Il Sung'].map((name) =>
    entities.findIndex((entity) =>
      formsOf(entity).some((form) => form.replace(/-/g, ' ').toLowerCase() === name.toLowerCase()),
    ),
  )
  return holders.every((index) => index >= 0) && new Set(holders).size === 3 ? 1 : 0
}
