import { extractFacts } from '../nlp/facts.js'
import { independentGroups } from '../reuse/links.js'
import type {
  Article,
  ReuseLink,
  Span,
  StoryClaim,
  StoryConflict,
  StoryEntity,
  StoryFact,
  StoryQuote,
  StoryReport,
} from '../types.js'
import type { StoryCluster } from '../stories/cluster.js'
import { contentWords, groupSimilar, overlap } from './group-similar.js'
import { explainMembership } from './membership.js'
import { resolveStoryEntities, type StoryEntities } from './story-entities.js'
import { buildTimeline } from './timeline.js'

// Calibrated on the seed story: the four translations of the Kremlin quote share about half their content
// words; two sentences reporting one fact share about a third.
const SAME_QUOTE = { jaccard: 0.3, containment: 0.5 }
const SAME_CLAIM = { jaccard: 0.35, containment: 0.6 }
const SUMMARY_CLAIMS = 3
const MAX_ENTITIES = 40

/** Builds the report of one story: independence, quotes, facts, conflicts, claims, timeline, summary. */
export function buildStoryReport(
  cluster: StoryCluster,
  articles: Article[],
  links: ReuseLink[],
  storyEntities: StoryEntities = resolveStoryEntities(articles),
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
  const sourcesOf = (spans: Span[]): number =>
    new Set(spans.map((span) => groups.get(span.articleId))).size
  const facts = collectFacts(ordered)
  const conflicts = findConflicts(facts, sourcesOf)
  const claims = collectClaims(ordered, sourcesOf, conflicts)
  const entities = listedEntities(storyEntities.entities)
  const days = ordered
    .map((article) => article.published)
    .filter((day): day is string => day !== null)
    .sort()
  return {
    id: cluster.id,
    title: ordered.find((article) => article.title !== null)?.title ?? 'Untitled story',
    articleIds: cluster.articleIds,
    independentSources: new Set(groups.values()).size,
    start: days[0] ?? null,
    end: days.at(-1) ?? null,
    entities,
    quotes: collectQuotes(ordered, storyEntities.entities),
    facts,
    claims,
    conflicts,
    reuse: links,
    timeline: buildTimeline(ordered),
    summary: [...claims]
      .filter((claim) => claim.status !== 'disputed')
      .sort(
        (a, b) => b.independentSources - a.independentSources || b.spans.length - a.spans.length,
      )
      .slice(0, SUMMARY_CLAIMS)
      .map((claim) => ({ text: claim.text, spans: claim.spans })),
    membership: explainMembership(cluster.membership, ordered, entities, links),
  }
}

/** Quotes of the story: attributions (any kind) grouped across articles when their words are alike. */
function collectQuotes(articles: Article[], entities: StoryEntity[]): StoryQuote[] {
  const roleOf = new Map(entities.map((entity) => [entity.id, entity.role]))
  const items = articles.flatMap((article) =>
    article.attributions.map((attribution) => {
      const text = article.text.slice(attribution.content.start, attribution.content.end)
      return {
        text,
        start: attribution.content.start,
        end: attribution.content.end,
        speaker: attribution.speaker,
        speakerRole:
          attribution.entityId === null ? null : (roleOf.get(attribution.entityId) ?? null),
        articleId: article.id,
        words: contentWords(text),
      }
    }),
  )
  const groups = groupSimilar(items, (a, b) => {
    const measure = overlap(a.words, b.words)
    return measure.jaccard >= SAME_QUOTE.jaccard || measure.containment >= SAME_QUOTE.containment
  })
  return groups.map((indices) => {
    const members = indices.map((index) => items[index] as (typeof items)[number])
    const longest = members.reduce((a, b) => (b.text.length > a.text.length ? b : a))
    const named = members.find((member) => member.speaker !== null)
    return {
      speaker: named?.speaker ?? null,
      speakerRole: members.find((member) => member.speakerRole !== null)?.speakerRole ?? null,
      text: longest.text,
      spans: members.map((member) => ({
        articleId: member.articleId,
        start: member.start,
        end: member.end,
      })),
    }
  })
}

function collectFacts(articles: Article[]): StoryFact[] {
  const byKey = new Map<string, StoryFact>()
  for (const article of articles) {
    for (const fact of extractFacts(article.text)) {
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

/** The same measure ("price") with different values from different independent sources. */
function findConflicts(facts: StoryFact[], sourcesOf: (spans: Span[]) => number): StoryConflict[] {
  const byAbout = new Map<string, StoryFact[]>()
  for (const fact of facts)
    if (fact.about !== 'amount') byAbout.set(fact.about, [...(byAbout.get(fact.about) ?? []), fact])
  const conflicts: StoryConflict[] = []
  for (const [about, values] of byAbout) {
    const distinct = new Set(values.map((fact) => `${fact.value} ${fact.unit}`))
    if (distinct.size < 2 || sourcesOf(values.flatMap((fact) => fact.spans)) < 2) continue
    conflicts.push({
      about,
      values: values.map((fact) => ({
        value:
          `${fact.qualifier === null ? '' : `${fact.qualifier} `}${fact.value} ${fact.unit ?? ''}`.trim(),
        spans: fact.spans,
      })),
    })
  }
  return conflicts
}

function collectClaims(
  articles: Article[],
  sourcesOf: (spans: Span[]) => number,
  conflicts: StoryConflict[],
): StoryClaim[] {
  const items = articles.flatMap((article) =>
    article.sentences
      .map(({ start, end }) => ({ text: article.text.slice(start, end), start, end }))
      .filter((sentence) => sentence.text.split(/\s+/).length >= 6)
      .map((sentence) => ({
        ...sentence,
        articleId: article.id,
        words: contentWords(sentence.text),
      })),
  )
  const groups = groupSimilar(items, (a, b) => {
    const measure = overlap(a.words, b.words)
    return (
      Math.min(a.words.size, b.words.size) >= 4 &&
      (measure.jaccard >= SAME_CLAIM.jaccard || measure.containment >= SAME_CLAIM.containment)
    )
  })
  const conflictSpans = conflicts.flatMap((conflict) =>
    conflict.values.flatMap((value) => value.spans),
  )
  return groups.map((indices) => {
    const members = indices.map((index) => items[index] as (typeof items)[number])
    const spans = members.map((member) => ({
      articleId: member.articleId,
      start: member.start,
      end: member.end,
    }))
    const independentSources = sourcesOf(spans)
    const disputed = spans.some((span) =>
      conflictSpans.some(
        (other) =>
          other.articleId === span.articleId && other.start >= span.start && other.end <= span.end,
      ),
    )
    return {
      text: (members[0] as (typeof items)[number]).text,
      spans,
      independentSources,
      status: disputed ? 'disputed' : independentSources >= 2 ? 'corroborated' : 'single-source',
    }
  })
}

/** The entities a story report lists: those in two articles or mentioned three times, most present first. */
function listedEntities(entities: StoryEntity[]): StoryEntity[] {
  const articlesOf = (entity: StoryEntity): number =>
    new Set(entity.mentions.map((mention) => mention.articleId)).size
  return entities
    .filter((entity) => articlesOf(entity) >= 2 || entity.mentions.length >= 3)
    .sort(
      (a, b) =>
        articlesOf(b) - articlesOf(a) ||
        b.mentions.length - a.mentions.length ||
        (a.name < b.name ? -1 : 1),
    )
    .slice(0, MAX_ENTITIES)
}
