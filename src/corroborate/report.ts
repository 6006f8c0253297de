import { STORY_JOIN_RULES, resolveStoryEntities, type StoryEntities } from './story-entities.js'
import { independentGroups } from '../reuse/links.js'
import { keyWords, nameKey } from '../nlp/names.js'
import type {
  Article,
  ReuseLink,
  SourceAddition,
  StoryClaim,
  StoryEntity,
  StoryFact,
  StoryQuote,
  StoryReport,
} from '../types.js'
import type { StoryCluster } from '../stories/cluster.js'
import { readAnnotations } from './annotations.js'
import { type BriefSentence, buildBrief } from './brief.js'
import { findConflicts } from './conflicts.js'
import { contentWords, groupSimilar, overlap } from './group-similar.js'
import { buildLedger, type LedgerClaim } from './ledger.js'
import { explainMembership } from './membership.js'
import { buildTimeline } from './timeline.js'

// Calibrated on the seed story: the four translations of the Kremlin quote share about half their content
// words. Attributions include short reported contents ("the gift", "that"): a statement shares at least
// three content words with its other renderings, or a word or two would chain unrelated statements together.
const SAME_QUOTE = { jaccard: 0.3, containment: 0.5, sharedWords: 3 }
const MAX_ENTITIES = 40

/**
 * How a report's brief is made: `buildBrief` in-process, or an array filled in later by another thread's stance
 * checks (brief-thread.ts).
 */
export type BriefMaker = (claims: LedgerClaim[], articles: Article[]) => BriefSentence[]

/**
 * The days a story spans: its articles' publication dates. A story whose every article is a republication
 * with no original date known (`published` null, `pageDate` set) is dated by the days its pages show — it was
 * in the news by then — rather than listed undated; where any original date is known, republication dates
 * stay out, so a copy re-dated a year later does not stretch the story.
 */
function storyDays(articles: Article[]): string[] {
  const published = articles.flatMap((article) => article.published ?? [])
  const days =
    published.length > 0 ? published : articles.flatMap((article) => article.pageDate ?? [])
  return days.sort()
}

/** Builds the report of one story: independence, quotes, facts, conflicts, claims, timeline, summary. */
export function buildStoryReport(
  cluster: StoryCluster,
  articles: Article[],
  links: ReuseLink[],
  storyEntities?: StoryEntities,
  brief: BriefMaker = buildBrief,
): StoryReport {
  const ordered = [...articles].sort((a, b) =>
    (a.published ?? '9') < (b.published ?? '9')
      ? -1
      : (a.published ?? '9') > (b.published ?? '9')
        ? 1
        : a.id < b.id
          ? -1
          : 1,
  )
  const groups = independentGroups(
    ordered.map((article) => article.id),
    links,
  )
  const sourceOf = (articleId: string): string => groups.get(articleId) ?? articleId
  const facts = collectFacts(ordered)
  const conflicts = findConflicts(ordered, sourceOf)
  const ledger = buildLedger(ordered, sourceOf, conflicts)
  const claims = ledger.map(asStoryClaim)
  // The story's identities (aliases joined across articles) when the annotation stage resolved them.
  const story = storyEntities ?? resolveStoryEntities(ordered, STORY_JOIN_RULES, cluster.id)
  // Given story entities, the members' entity ids are the story's already (withStoryEntityIds).
  const storyIdOf =
    storyEntities === undefined ? story.idOf : (_articleId: string, entityId: string) => entityId
  const entities = listedEntities(story.entities, quotedIds(ordered, storyIdOf))
  const days = storyDays(ordered)
  return {
    id: cluster.id,
    title: ordered.find((article) => article.title !== null)?.title ?? 'Untitled story',
    articleIds: cluster.articleIds,
    independentSources: new Set(groups.values()).size,
    start: days[0] ?? null,
    end: days.at(-1) ?? null,
    entities,
    quotes: collectQuotes(ordered, story.entities, storyIdOf),
    facts,
    claims,
    conflicts,
    reuse: links,
    timeline: buildTimeline(ordered),
    summary: brief(ledger, ordered),
    onlyIn: onlyIn(claims, sourceOf),
    membership: explainMembership(cluster.membership, ordered, entities, links),
  }
}

/**
 * The story's quotes: every quotation of every article, the same statement in several articles (copies,
 * translations, a paraphrase of it) one entry, said by the speaker most of its mentions name — by the story's canonical name of
 * that speaker when the speaker is a named entity (so "Peskov" in one article and "Dmitry Peskov" in another
 * are one speaker).
 */
function collectQuotes(
  articles: Article[],
  storyEntities: StoryEntity[],
  storyIdOf: (articleId: string, entityId: string) => string,
): StoryQuote[] {
  const byId = new Map(storyEntities.map((entity) => [entity.id, entity]))
  const items = articles.flatMap((article) =>
    readAnnotations(article).quotes.map((quote) => {
      const entity =
        quote.entityId === null ? undefined : byId.get(storyIdOf(article.id, quote.entityId))
      return {
        ...quote,
        speaker: entity?.name ?? quote.speaker,
        speakerRole: quote.speakerRole ?? entity?.role ?? null,
        named: entity !== undefined,
        articleId: article.id,
        words: contentWords(quote.text),
      }
    }),
  )
  const groups = groupSimilar(
    items,
    (a, b) => {
      const measure = overlap(a.words, b.words)
      const shared = Math.round(measure.containment * Math.min(a.words.size, b.words.size))
      return (
        shared >= SAME_QUOTE.sharedWords &&
        (measure.jaccard >= SAME_QUOTE.jaccard || measure.containment >= SAME_QUOTE.containment)
      )
    },
    // Two different named speakers never say one statement, not even through a paraphrase whose speaker is
    // unnamed or unresolved and like both (which may join either). A name whose words are all in the other's
    // ("Yo Jong", "Kim Yo Jong") may be the same person, written shorter where the story's identities missed it.
    (item) => (item.named ? item.speaker : null),
    (a, b) => sameOrShorter(a, b),
  )
  return groups.flatMap((indices) => {
    const members = indices.map((index) => items[index] as (typeof items)[number])
    // A quote is words in quotation marks; a reported version of them (a translation, a paraphrase) joins
    // it, but reported speech alone stays in the articles' attributions and the claims.
    const quoted = members.filter((member) => member.kind !== 'indirect')
    if (quoted.length === 0) return []
    const longest = quoted.reduce((a, b) => (b.text.length > a.text.length ? b : a))
    const speaker = mostNamed(members)
    return {
      speaker,
      speakerRole:
        members.find((member) => member.speaker === speaker && member.speakerRole !== null)
          ?.speakerRole ?? null,
      text: longest.text,
      spans: members.map((member) => ({
        articleId: member.articleId,
        start: member.start,
        end: member.end,
      })),
    }
  })
}

/** Whether one name's words are all words of the other ("Yo Jong" and "Kim Yo Jong"; not "Kim Jong Un"). */
function sameOrShorter(a: string, b: string): boolean {
  const [x, y] = [a, b].map((name) => new Set(keyWords(nameKey(name))))
  const within = (p: Set<string>, q: Set<string>): boolean => [...p].every((word) => q.has(word))
  return within(x as Set<string>, y as Set<string>) || within(y as Set<string>, x as Set<string>)
}

/**
 * The speaker most mentions of a statement give, those resolved to a named entity first; ties go to the
 * earliest mention (members are in article order).
 */
function mostNamed(members: { speaker: string | null; named: boolean }[]): string | null {
  const votes = new Map<string, number>()
  for (const member of members)
    if (member.speaker !== null)
      votes.set(member.speaker, (votes.get(member.speaker) ?? 0) + (member.named ? 2 : 1))
  let best: string | null = null
  for (const [speaker, count] of votes)
    if (best === null || count > (votes.get(best) ?? 0)) best = speaker
  return best
}

function collectFacts(articles: Article[]): StoryFact[] {
  const byKey = new Map<string, StoryFact>()
  for (const article of articles) {
    for (const fact of readAnnotations(article).facts) {
      const key = `${fact.about}|${fact.value}|${fact.unit}|${fact.qualifier}`
      const span = { articleId: article.id, start: fact.start, end: fact.end }
      const known = byKey.get(key)
      if (known === undefined)
        byKey.set(key, {
          about: fact.about,
          value: fact.value,
          unit: fact.unit,
          qualifier: fact.qualifier,
          spans: [span],
        })
      else known.spans.push(span)
    }
  }
  return [...byKey.values()]
}

function asStoryClaim({ members: _members, ...claim }: LedgerClaim): StoryClaim {
  return claim
}

/** Per independent source, the claims no other source carries (what that outlet alone adds). */
function onlyIn(claims: StoryClaim[], sourceOf: (articleId: string) => string): SourceAddition[] {
  const bySource = new Map<string, SourceAddition>()
  claims.forEach((claim, index) => {
    const sources = new Set(claim.spans.map((span) => sourceOf(span.articleId)))
    if (sources.size !== 1) return
    const source = [...sources][0] as string
    const addition = bySource.get(source) ?? { articleIds: [], claims: [] }
    for (const span of claim.spans)
      if (!addition.articleIds.includes(span.articleId)) addition.articleIds.push(span.articleId)
    addition.claims.push(index)
    bySource.set(source, addition)
  })
  return [...bySource.values()].map((addition) => ({
    articleIds: addition.articleIds.sort(),
    claims: addition.claims,
  }))
}

/**
 * The story-level ids of the entities quoted in it (direct and mixed attributions: the story's `quotes`), so
 * that a speaker the story names once ("Andrew Yeo, a senior fellow…") is still among its entities.
 */
function quotedIds(
  articles: Article[],
  storyIdOf: (articleId: string, entityId: string) => string,
): Set<string> {
  const ids = new Set<string>()
  for (const article of articles)
    for (const attribution of article.attributions)
      if (attribution.entityId !== null && attribution.kind !== 'indirect')
        ids.add(storyIdOf(article.id, attribution.entityId))
  return ids
}

/**
 * The entities a story report lists: those in two articles, mentioned three times or quoted (`quoted`: ids),
 * most present first.
 */
function listedEntities(entities: StoryEntity[], quoted: Set<string>): StoryEntity[] {
  const articlesOf = (entity: StoryEntity): number =>
    new Set(entity.mentions.map((mention) => mention.articleId)).size
  return entities
    .filter(
      (entity) => articlesOf(entity) >= 2 || entity.mentions.length >= 3 || quoted.has(entity.id),
    )
    .sort(
      (a, b) =>
        articlesOf(b) - articlesOf(a) ||
        b.mentions.length - a.mentions.length ||
        (a.name < b.name ? -1 : 1),
    )
    .slice(0, MAX_ENTITIES)
}
