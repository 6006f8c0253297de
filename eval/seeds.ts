import { analyze, verify } from '../src/index.js'
import type { StoryEntity } from '../src/types.js'
import { clusterStories } from '../src/stories/placement.js'
import type { CliDataset } from './clustering-cv.js'
import { stemmer } from 'stemmer'
import { STOPWORDS } from '../src/data/stopwords.js'
import { splitSentences } from '../src/text/sentences.js'
import { tokenize } from '../src/text/tokens.js'
import { briefProblems } from '../test/brief-checks.js'

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
    'entities: "the North" is North Korea': northIsNorthKorea(story?.entities ?? []),
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
    'brief citations whose article states the sentence (words)': briefCitationsStated(
      story?.summary ?? [],
      analysis.articles,
    ),
    'brief sentences readable alone (no pronoun, speakerless quote, opinion)': briefReadable(
      story?.summary ?? [],
    ),
    'ledger claims (clauses aligned across articles)': story?.claims.length ?? 0,
    'timeline entries dated by an event with evidence': timelineDated(
      story?.timeline ?? [],
      analysis.articles,
    ),
    'one story among ECB+ and BASIL': aloneTogether(
      analysis.articles.map((article) => article.id),
      clusterStories([...analysis.articles, ...corpora.flatMap((corpus) => corpus.articles)]),
    ),
  }
}

/**
 * The claim that Kim's sister received the car, against what the texts hold: the articles with a sentence
 * saying she received or accepted it (America One, AP, and the Independent, a rewrite of AP: two independent
 * sources). The issue counted four: TradeSphere's sentence about her is what she *said* of the gift, another
 * statement. 1 when the ledger claim that carries the receipt spans exactly those articles.
 */
function sisterClaim(
  claims: {
    spans: { articleId: string; start: number; end: number }[]
    independentSources: number
  }[],
  articles: { id: string; text: string }[],
): Record<string, number> {
  const says = (text: string): boolean => /sister/.test(text) && /received|accepted/.test(text)
  const found = claims
    .filter((claim) => claim.spans.some((span) => says(textOf(articles, span))))
    .sort((a, b) => b.spans.length - a.spans.length)[0]
  const gold = articles
    .filter((article) => splitSentences(article.text).some((sentence) => says(sentence.text)))
    .map((article) => article.id)
    .sort()
  const members = [...new Set(found?.spans.map((span) => span.articleId) ?? [])].sort()
  return {
    'claim "Kim\'s sister received the car" spans exactly the articles that say it':
      found !== undefined && members.join() === gold.join() ? 1 : 0,
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

const contentStems = (text: string): Set<string> =>
  new Set(
    tokenize(text)
      .map((token) => token.norm)
      .filter((word) => word.length > 2 && !STOPWORDS.has(word))
      .map((word) => stemmer(word)),
  )

/**
 * Share of brief citations whose article has a sentence holding at least half the brief sentence's content
 * words: a check by words, independent of the stance model the brief itself uses to keep a citation.
 */
function briefCitationsStated(
  summary: { text: string; spans: { articleId: string }[] }[],
  articles: { id: string; text: string }[],
): number {
  const citations = summary.flatMap((entry) => entry.spans.map((span) => ({ entry, span })))
  if (citations.length === 0) return 0
  const stated = citations.filter(({ entry, span }) => {
    const wanted = contentStems(entry.text)
    const text = articles.find((article) => article.id === span.articleId)?.text ?? ''
    return splitSentences(text).some((sentence) => {
      const have = contentStems(sentence.text)
      return [...wanted].filter((word) => have.has(word)).length * 2 >= wanted.size
    })
  })
  return stated.length / citations.length
}

/** Share of brief sentences with no leading pronoun, no quotation without a speaker, no opinion line. */
function briefReadable(summary: { text: string }[]): number {
  if (summary.length === 0) return 0
  const readable = summary.filter(({ text }) => briefProblems(text).length === 0)
  return readable.length / summary.length
}

/** Share of timeline entries whose date expression (evidence) lies inside one of the entry's sentences. */
function timelineDated(
  timeline: {
    date: string
    spans: { articleId: string; start: number; end: number }[]
    evidence?: { articleId: string; start: number; end: number }[]
  }[],
  articles: { id: string; text: string }[],
): number {
  if (timeline.length === 0) return 0
  const ok = timeline.filter(
    (entry) =>
      /^\d{4}(?:-\d{2}){0,2}(?:\/\d{4}-\d{2}-\d{2})?$/.test(entry.date) &&
      (entry.evidence ?? []).length > 0 &&
      (entry.evidence ?? []).every((evidence) =>
        entry.spans.some(
          (span) =>
            span.articleId === evidence.articleId &&
            evidence.start >= span.start &&
            evidence.end <= span.end &&
            articles.some((article) => article.id === span.articleId),
        ),
      ),
  )
  return ok.length / timeline.length
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

/** 1 when the story entity holding "North" is North Korea: the seed's "the North" is North Korea (issue 16). */
function northIsNorthKorea(entities: StoryEntity[]): number {
  const north = entities.find((entity) => formsOf(entity).includes('North'))
  return north !== undefined && north.name === 'North Korea' ? 1 : 0
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
