import {
  editDistance,
  isAcronymOf,
  isShortFormOf,
  keyWords,
  nameKey,
  slugOf,
} from '../nlp/names.js'
import type { Article, ArticleEntity, EntityType, Evidence, StoryEntity } from '../types.js'
import { IndexGroups } from '../text/index-groups.js'

/**
 * A rare spelling is taken for a slip of a name the story uses often when it is one edit away, at most this
 * many mentions, and the frequent form has at least MISSPELLING_RATIO times as many ("Anrus" 2 / "Aurus" 14).
 */
const MISSPELLING_MAX_MENTIONS = 3
const MISSPELLING_RATIO = 3
/** Words shorter than this are never taken for misspellings: too many real names are close. */
const MISSPELLING_MIN_LENGTH = 5

/** One entity of one article (its mentions share an article-level entityId). */
interface Local {
  articleId: string
  entityId: string
  name: string
  key: string
  type: EntityType
  mentions: ArticleEntity[]
}

/** The story's entities and the story-level id of each article-level entity. */
export interface StoryEntities {
  entities: StoryEntity[]
  /** The story-level entityId of an article-level one. */
  idOf: (articleId: string, entityId: string) => string
}

const compact = (key: string): string => key.replace(/ /g, '')

/**
 * One identity per entity across a story: the articles' entities join when their names share a key (case,
 * accents, hyphens: "Kim Jong-un" / "Kim Jong Un"), when one is the only fuller name of the story that a
 * short form shortens ("Peskov"), when an acronym spells a name's initials ("KCNA"), and when a rare form is
 * one slip away from a frequent one ("Anrus" / "Aurus"). Each alias keeps the evidence it joined on.
 */
export function resolveStoryEntities(articles: Article[]): StoryEntities {
  const locals = localEntities(articles)
  const groups = new IndexGroups(locals.length)
  const byCompact = new Map<string, number>()
  locals.forEach((local, index) => {
    const known = byCompact.get(compact(local.key))
    if (known === undefined) byCompact.set(compact(local.key), index)
    else groups.join(known, index)
  })
  const joinedOn = new Map<number, Evidence>()
  const representatives = [...byCompact.values()]
  // How often the story writes a form: as a name of its own, and as words of a longer name ("Aurus" in
  // "Aurus Senat", "Aurus Senat" in "Aurus Senat Limousine"), so that a brand written mostly inside its model's name still counts as frequent.
  const byKeyCount = new Map<string, number>()
  const add = (key: string, count: number): void => {
    byKeyCount.set(key, (byKeyCount.get(key) ?? 0) + count)
  }
  for (const local of locals) {
    add(compact(local.key), local.mentions.length)
    const words = keyWords(local.key)
    const parts = new Set<string>()
    for (let from = 0; from < words.length; from++)
      for (let to = from + 1; to <= words.length; to++)
        if (to - from < words.length) parts.add(words.slice(from, to).join(''))
    for (const part of parts) add(part, local.mentions.length)
  }
  const mentionsOf = (index: number): number =>
    byKeyCount.get(compact((locals[index] as Local).key)) ?? 0
  const counts = new Map(representatives.map((index) => [index, mentionsOf(index)]))
  for (const index of representatives) {
    const local = locals[index] as Local
    // Short forms of people only ("Peskov"); a place's or organisation's last word is seldom the whole of it.
    const persons =
      local.type === 'place' || local.type === 'other'
        ? []
        : representatives.filter(
            (other) =>
              other !== index &&
              (locals[other] as Local).type === 'person' &&
              isShortFormOf(local.key, (locals[other] as Local).key) &&
              !representatives.some(
                (fuller) =>
                  fuller !== other &&
                  isShortFormOf((locals[other] as Local).key, (locals[fuller] as Local).key),
              ),
          )
    const acronymOf = representatives.filter(
      (other) => other !== index && isAcronymOf(local.name, (locals[other] as Local).name),
    )
    const slipOf = representatives.filter((other) =>
      isSlip(local, locals[other] as Local, (key) => byKeyCount.get(compact(key)) ?? 0),
    )
    const [target, kind] =
      acronymOf.length === 1
        ? [acronymOf[0], 'acronym']
        : persons.length === 1
          ? [persons[0], 'short-form']
          : slipOf.length === 1
            ? [slipOf[0], 'misspelling']
            : [undefined, '']
    if (target === undefined) continue
    groups.join(index, target)
    const other = locals[target] as Local
    joinedOn.set(index, {
      kind,
      text:
        kind === 'misspelling'
          ? `"${local.name}" (${counts.get(index)} mentions) is one letter from "${other.name}" (${counts.get(target)})`
          : `"${local.name}" ${kind === 'acronym' ? 'spells the initials of' : 'shortens'} "${other.name}", the only such name in the story`,
    })
  }
  return buildEntities(locals, groups.groups(), joinedOn)
}

/**
 * A slip: the names have as many words and differ in one word, one edit apart, and the story writes the rare
 * word (alone or inside its names: "Anrus" in "Anrus Senat") far less often than the frequent one.
 */
function isSlip(rare: Local, frequent: Local, countOf: (key: string) => number): boolean {
  if (rare === frequent) return false
  const rareWords = keyWords(rare.key)
  const frequentWords = keyWords(frequent.key)
  if (rareWords.length !== frequentWords.length) return false
  const differing = rareWords.flatMap((word, index) =>
    word === frequentWords[index] ? [] : [[word, frequentWords[index] as string] as const],
  )
  if (differing.length !== 1) return false
  const [rareWord, frequentWord] = differing[0] as readonly [string, string]
  const rareCount = countOf(rareWord)
  return (
    rareCount <= MISSPELLING_MAX_MENTIONS &&
    countOf(frequentWord) >= MISSPELLING_RATIO * rareCount &&
    rareWord.length >= MISSPELLING_MIN_LENGTH &&
    editDistance(rareWord, frequentWord, 1) === 1
  )
}

function localEntities(articles: Article[]): Local[] {
  const locals: Local[] = []
  for (const article of articles) {
    const byId = new Map<string, Local>()
    for (const mention of article.entities) {
      const local = byId.get(mention.entityId) ?? {
        articleId: article.id,
        entityId: mention.entityId,
        name: mention.name,
        key: nameKey(mention.name),
        type: mention.type,
        mentions: [],
      }
      local.mentions.push(mention)
      byId.set(mention.entityId, local)
    }
    locals.push(...byId.values())
  }
  return locals
}

function buildEntities(
  locals: Local[],
  groups: number[][],
  joinedOn: Map<number, Evidence>,
): StoryEntities {
  const used = new Set<string>()
  const idByLocal = new Map<string, string>()
  const entities = groups
    .map((members) => members.map((index) => locals[index] as Local))
    .map((members) => {
      // The name: the fullest form, then the one most mentions carry.
      const forms = new Map<string, number>()
      for (const local of members)
        forms.set(local.name, (forms.get(local.name) ?? 0) + local.mentions.length)
      const name = [...forms].sort(
        ([a, countA], [b, countB]) =>
          keyWords(nameKey(b)).length - keyWords(nameKey(a)).length ||
          countB - countA ||
          (a < b ? -1 : 1),
      )[0]?.[0] as string
      return { members, name }
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ members, name }) => {
      let id = slugOf(name)
      for (let suffix = 2; used.has(id); suffix++) id = `${slugOf(name)}-${suffix}`
      used.add(id)
      for (const local of members) idByLocal.set(`${local.articleId}\u0000${local.entityId}`, id)
      const mentions = members.flatMap((local) =>
        local.mentions.map((mention) => ({ local, mention })),
      )
      const types = new Map<EntityType, number>()
      for (const { mention } of mentions)
        types.set(mention.type, (types.get(mention.type) ?? 0) + 1)
      const type =
        [...types].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'other'
      const aliases = [...new Set(mentions.map(({ mention }) => mention.text))]
        .filter((text) => text !== name)
        .sort()
      return {
        name,
        type,
        aliases,
        mentions: mentions.map(({ local, mention }) => ({
          articleId: local.articleId,
          start: mention.start,
          end: mention.end,
        })),
        id,
        aliasEvidence: aliases.map((alias) => ({
          alias,
          ...aliasEvidence(alias, name, mentions, locals, joinedOn),
        })),
        role: mentions.find(({ mention }) => mention.role !== null)?.mention.role ?? null,
      } satisfies StoryEntity
    })
  return {
    entities,
    idOf: (articleId, entityId) => idByLocal.get(`${articleId}\u0000${entityId}`) ?? entityId,
  }
}

/** Why an alias names the entity: the join that brought it, or the article that resolved it. */
function aliasEvidence(
  alias: string,
  name: string,
  mentions: { local: Local; mention: ArticleEntity }[],
  locals: Local[],
  joinedOn: Map<number, Evidence>,
): Evidence {
  const holder = mentions.find(({ mention }) => mention.text === alias) as {
    local: Local
    mention: ArticleEntity
  }
  const joined = joinedOn.get(locals.indexOf(holder.local))
  if (joined !== undefined && nameKey(holder.local.name) === nameKey(alias)) return joined
  if (compact(nameKey(alias)) === compact(nameKey(name)))
    return {
      kind: 'spelling',
      text: `"${alias}" and "${name}" differ only in case, accents, hyphens or dots`,
    }
  const within = holder.local.name
  return {
    kind: isAcronymOf(alias, within) ? 'acronym' : 'short-form',
    text: `"${alias}" refers to "${within}" in the same article`,
    start: holder.mention.start,
    end: holder.mention.end,
  }
}

/** The article with its entities' ids replaced by the story's. */
export function withStoryEntityIds(article: Article, story: StoryEntities): Article {
  return {
    ...article,
    entities: article.entities.map((entity) => ({
      ...entity,
      entityId: story.idOf(article.id, entity.entityId),
    })),
    attributions: article.attributions.map((attribution) =>
      attribution.entityId === null
        ? attribution
        : { ...attribution, entityId: story.idOf(article.id, attribution.entityId) },
    ),
  }
}
