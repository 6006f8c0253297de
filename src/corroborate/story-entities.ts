import {
  editDistance,
  identityKey,
  isAcronym,
  isAcronymOf,
  isGivenNameVariant,
  isHeadOf,
  isPartOf,
  isShortFormOf,
  keyWords,
  nameKey,
  personCore,
  slugOf,
  unusedId,
} from '../nlp/names.js'
import type { Article, ArticleEntity, EntityType, Evidence, StoryEntity } from '../types.js'
import { isRole } from './annotations.js'
import { IndexGroups } from '../text/index-groups.js'
import { boundedMemo } from '../text/memo.js'
import { singleSpaced } from '../text/normalize.js'
import { counted } from '../text/counted.js'

/**
 * A rare spelling is taken for a slip of a name the story uses often when it is one edit away, at most this
 * many mentions, and the frequent form has at least MISSPELLING_RATIO times as many ("Anrus" 2 / "Aurus" 14).
 */
const MISSPELLING_MAX_MENTIONS = 3
const MISSPELLING_RATIO = 3
/** Words shorter than this are never taken for misspellings: too many real names are close. */
const MISSPELLING_MIN_LENGTH = 5
/** Words at least this long may be two edits apart and still be one word ("Turkeminstan" / "Turkmenistan"). */
const LONG_SLIP_LENGTH = 8

/** One entity of one article (its mentions share an article-level entityId). */
interface Local {
  articleId: string
  entityId: string
  /** The name the article shows the entity by (src/nlp/identity.ts displayName). */
  name: string
  /** The fullest written form of the article's mentions: the identity every join reads ("KCNA" of it too). */
  form: string
  /** The key of `form`. */
  key: string
  type: EntityType
  mentions: ArticleEntity[]
  /** Every mention sits in a title-cased line (a headline), where a tagger cannot tell where a name ends. */
  inHeadline: boolean
}

/** The story's entities and the story-level id of each article-level entity. */
export interface StoryEntities {
  entities: StoryEntity[]
  /** The story-level entityId of an article-level one. */
  idOf: (articleId: string, entityId: string) => string
  /** The type of a story-level entity (the vote of all its mentions across the story), by its id. */
  typeOf: (storyEntityId: string) => EntityType | null
}

/** Compact keys, memoised (bounded): the relation rules ask for both forms' counts in every comparison. */
const MAX_KEYS_KEPT = 50_000

/**
 * The key two forms of one name share across a story: the name key without spaces, a company's legal form
 * ("Microsoft Corp." / "Microsoft") and the abbreviations of "Mount" and "Fort" ("Mt Cook" / "Mount Cook").
 */
const compact = boundedMemo(MAX_KEYS_KEPT, (key: string): string =>
  canonicalKey(key).replace(/ /g, ''),
)

/** The key with a company's legal form left out and "Mt" / "Ft" written out: what the run-wide id spells. */
function canonicalKey(key: string): string {
  return key
    .replace(/ (?:corp|inc|ltd|llc|plc|co)$/, '')
    .replace(/(^| )mt(?= )/g, '$1mount')
    .replace(/(^| )ft(?= )/g, '$1fort')
}

/**
 * A short form joins the entity it shortens when that entity has at least this many times the mentions of
 * every other entity it could shorten ("Obama": Barack 24, Michelle 2); else it stays apart ("Kim" among
 * three Kims the story names about as often).
 */
const DOMINANT_RATIO = 3

/** How a shorter or variant form relates to a fuller one, as joined evidence says it. */
type Relation =
  'acronym' | 'short-form' | 'part' | 'given-name' | 'given-part' | 'extension' | 'demonym'

/**
 * The joins beyond same key, short person names and acronyms, each kept because it raised ECB+ entity
 * CoNLL-F1 under cross-validation by topic (scripts/cv-entity-identity.ts; every fold chose all of them):
 * organisation and place names by their last words, a rarer first-words form, given-name variants, headline
 * run-ons, a dominant fuller name (round 12); organisation and place read as one kind for those parts
 * (looseType), a role before a full name (affix), run-ons copied more than 3 times (extCopied), a surname
 * set apart from fuller forms it begins (surnameLast), given names of one stem (givenStem), slips in words of
 * four letters (slip4) and two edits in words of eight (slip2). A place's adjective joins it (demonym):
 * neutral on ECB+, which seldom marks an adjective as a name, it is what lets the seed's "the North" join
 * North Korea, as "North Korean" no longer splits the vote. Round 14: types read from the story's vote on a
 * name rather than one article's (storyType; ECB+ dev 0.8177 → 0.8186 beside the others) and a run-on of any
 * name in a title-cased headline (headlineRunOn; 0.8164 → 0.8186). Round 18 (ids run-wide): a short form's
 * own form votes for the type too (formTypes: "Jackson" of "Vincent Jackson" a person; dev 0.8519 → 0.8532
 * beside the others) and a one-word form typed a person joins an organisation or place it ends (personPart:
 * "Chiefs" of "Kansas City Chiefs"; 0.8508 → 0.8532).
 */
export type StoryJoinRule =
  | 'part'
  | 'head'
  | 'given'
  | 'ext'
  | 'dominant'
  | 'demonym'
  | 'looseType'
  | 'affix'
  | 'slip4'
  | 'extCopied'
  | 'surnameLast'
  | 'givenStem'
  | 'slip2'
  | 'storyType'
  | 'headlineRunOn'
  | 'formTypes'
  | 'personPart'
  | 'givenPart'
export const STORY_JOIN_RULES: readonly StoryJoinRule[] = [
  'part',
  'head',
  'given',
  'ext',
  'dominant',
  'demonym',
  'looseType',
  'affix',
  'slip4',
  'extCopied',
  'surnameLast',
  'givenStem',
  'slip2',
  'storyType',
  'headlineRunOn',
  'formTypes',
  'personPart',
  'givenPart',
]

/** Endings that make a place's adjective or people ("North Korea" → "North Korean", "Russia" → "Russian"). */
const DEMONYM_ENDINGS = ['n', 'an', 'ian', 'ese', 'i']

/**
 * Whether two person names of two words share the surname and given names that begin alike, three letters or
 * more ("Katie" / "Kathryn Jenkin", "Alexis" / "Alexandros Grigoropoulos").
 */
function sharesGivenStem(aKey: string, bKey: string): boolean {
  const a = keyWords(aKey)
  const b = keyWords(bKey)
  if (a.length !== 2 || b.length !== 2 || a[1] !== b[1] || a[0] === b[0]) return false
  const [x, y] = [a[0] as string, b[0] as string]
  return x.length >= 3 && y.length >= 3 && x.slice(0, 3) === y.slice(0, 3)
}

/** Whether two types may name one organisation or place: the tagger often takes one for the other. */
const sameKind = (a: EntityType, b: EntityType, loose: boolean): boolean =>
  a === b ||
  (loose && (a === 'organization' || a === 'place') && (b === 'organization' || b === 'place'))

/** What a relation rule may read beside the two forms: the story's counts and which join rules are on. */
interface RelationContext {
  /** Mentions of a compact key as a name of its own and as words of longer names. */
  countOf: (key: string) => number
  /** Mentions of a compact key as a name of its own. */
  ownCountOf: (key: string) => number
  /** Whether a join rule is switched on (looseType and extCopied widen other rules). */
  has: (rule: StoryJoinRule) => boolean
}

/**
 * One way a shorter or variant form (`local`) names a fuller one (`other`): the join rule that switches it on
 * (null: always on), the relation it gives, and its test. The table is read in order; the first that holds
 * wins, so the strongest evidence (an acronym) comes first.
 */
interface RelationRule {
  rule: StoryJoinRule | null
  relation: Relation
  holds: (local: Local, other: Local, context: RelationContext) => boolean
}

const isOrgOrPlace = (type: EntityType): boolean => type === 'organization' || type === 'place'
const wordCount = (key: string): number => keyWords(key).length
/** `other` is a person's full name (two words or more) and `local` has more words than it. */
const longerThanFullName = (local: Local, other: Local): boolean =>
  other.type === 'person' &&
  wordCount(other.key) >= 2 &&
  wordCount(local.key) > wordCount(other.key)

/**
 * How a form names a fuller one: an acronym of its initials (KCNA), a person's surname or name without
 * initials (Peskov, Mark Felt), a place's adjective, the last words of an organisation or place (Colts) or its
 * first words when rarer (Betty Ford Center's "Betty Ford"), a given-name variant (Fred / Frederick LaRue, Katie
 * / Kathryn Jenkin), or a rare form that is a frequent person's name with words run on from a headline
 * ("Lindsay Lohan Checks") or a role before it ("Coroner Gary Hargrove").
 */
const RELATION_RULES: readonly RelationRule[] = [
  {
    rule: null,
    relation: 'acronym',
    holds: (local, other) => isAcronymOf(local.form, other.form),
  },
  {
    rule: null,
    relation: 'short-form',
    holds: (local, other) =>
      other.type === 'person' &&
      (local.type === 'person' || local.type === 'organization') &&
      isShortFormOf(local.key, other.key),
  },
  {
    rule: 'demonym',
    relation: 'demonym',
    holds: (local, other) =>
      other.type === 'place' && DEMONYM_ENDINGS.some((ending) => local.key === other.key + ending),
  },
  {
    rule: 'part',
    relation: 'part',
    holds: (local, other, { has }) =>
      sameKind(local.type, other.type, has('looseType')) &&
      isOrgOrPlace(local.type) &&
      isPartOf(local.key, other.key),
  },
  {
    // A team or body the tagger typed a person where the story writes it alone ("Chiefs" of "Kansas City
    // Chiefs"): one word that ends an organisation or place name; a person it could also name competes.
    rule: 'personPart',
    relation: 'part',
    holds: (local, other) =>
      local.type === 'person' &&
      wordCount(local.key) === 1 &&
      isOrgOrPlace(other.type) &&
      isPartOf(local.key, other.key),
  },
  {
    rule: 'head',
    relation: 'part',
    holds: (local, other, { has, ownCountOf }) =>
      sameKind(local.type, other.type, has('looseType')) &&
      isOrgOrPlace(local.type) &&
      isHeadOf(local.key, other.key) &&
      ownCountOf(compact(local.key)) < ownCountOf(compact(other.key)),
  },
  {
    rule: 'given',
    relation: 'given-name',
    holds: (local, other) =>
      local.type === 'person' &&
      other.type === 'person' &&
      isGivenNameVariant(local.key, other.key) &&
      keyWords(local.key)[0]!.length < keyWords(other.key)[0]!.length,
  },
  {
    // The given names of a three-part name, family name first, written alone ("Kim's sister, Yo Jong" of Kim
    // Yo Jong; "Jong Un" of Kim Jong Un): two words that end a three-word person's name. Joined only when it
    // is the one name they could be (resolveStoryEntities).
    rule: 'givenPart',
    relation: 'given-part',
    holds: (local, other) =>
      local.type === 'person' &&
      other.type === 'person' &&
      wordCount(local.key) === 2 &&
      wordCount(other.key) === 3 &&
      other.key.endsWith(` ${local.key}`),
  },
  {
    rule: 'givenStem',
    relation: 'given-name',
    holds: (local, other, { ownCountOf }) =>
      local.type === 'person' &&
      other.type === 'person' &&
      sharesGivenStem(local.key, other.key) &&
      ownCountOf(compact(local.key)) < ownCountOf(compact(other.key)),
  },
  {
    rule: 'ext',
    relation: 'extension',
    holds: (local, other, { countOf, has }) =>
      longerThanFullName(local, other) &&
      local.key.startsWith(`${other.key} `) &&
      (countOf(compact(local.key)) <= MISSPELLING_MAX_MENTIONS || has('extCopied')) &&
      countOf(compact(other.key)) >= MISSPELLING_RATIO * countOf(compact(local.key)),
  },
  {
    // A headline's run-on of any name ("Queens Hit", "Creighton Returns", "Microsoft Rushes Emergency Fix"):
    // only where every mention is in a title-cased line, and the plain name is the far more frequent. The
    // tagger reads a run-on of any name as a person as often as not, so a person's run-on may join any kind.
    rule: 'headlineRunOn',
    relation: 'extension',
    holds: (local, other, { countOf, has }) =>
      local.inHeadline &&
      (sameKind(local.type, other.type, has('looseType')) || local.type === 'person') &&
      other.key.length >= 3 &&
      local.key.startsWith(`${other.key} `) &&
      countOf(compact(other.key)) >= MISSPELLING_RATIO * countOf(compact(local.key)),
  },
  {
    rule: 'affix',
    relation: 'extension',
    holds: (local, other, { ownCountOf }) =>
      longerThanFullName(local, other) &&
      local.key.endsWith(` ${other.key}`) &&
      ownCountOf(compact(other.key)) >= ownCountOf(compact(local.key)),
  },
]

/** How `local` names the fuller `other` under the rules switched on, or null. */
function relationOf(local: Local, other: Local, context: RelationContext): Relation | null {
  const found = RELATION_RULES.find(
    (entry) =>
      (entry.rule === null || context.has(entry.rule)) && entry.holds(local, other, context),
  )
  return found?.relation ?? null
}

/**
 * One identity per entity across a story: the articles' entities join when their names share a key (case,
 * accents, hyphens: "Kim Jong-un" / "Kim Jong Un"); then, longest forms first, a shorter or variant form joins
 * the fuller entity it names (relationOf) when that entity is the only one it could name, or the one the
 * story names far more often than the others (DOMINANT_RATIO); and a rare form one slip away from a frequent
 * one joins it ("Anrus" / "Aurus"). Each alias keeps the evidence it joined on.
 */
export function resolveStoryEntities(
  articles: Article[],
  rules: readonly StoryJoinRule[] = STORY_JOIN_RULES,
  /** The story's id, when known: ids that cannot name one entity across stories carry it (runWideId). */
  storyId: string | null = null,
): StoryEntities {
  const locals = rules.includes('storyType')
    ? withStoryTypes(localEntities(articles), rules.includes('formTypes'))
    : localEntities(articles)
  const switchedOn = new Set(rules)
  const has = (rule: StoryJoinRule): boolean => switchedOn.has(rule)
  const groups = new IndexGroups(locals.length)
  const byCompact = new Map<string, number>()
  locals.forEach((local, index) => {
    const known = byCompact.get(compact(local.key))
    if (known === undefined) byCompact.set(compact(local.key), index)
    else groups.join(known, index)
  })
  const joinedOn = new Map<number, Evidence>()
  const representatives = [...byCompact.values()]
  const candidates = formCandidates(representatives, locals)
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
  const countOf = (key: string): number => byKeyCount.get(key) ?? 0
  const ownCount = new Map<string, number>()
  for (const local of locals)
    ownCount.set(
      compact(local.key),
      (ownCount.get(compact(local.key)) ?? 0) + local.mentions.length,
    )
  const ownCountOf = (key: string): number => ownCount.get(key) ?? 0
  const context: RelationContext = { countOf, ownCountOf, has }
  // Forms joined as run-ons or role-prefixed names: never the entity's name ("Queens Hit" of Queens).
  const runOns = new Set<string>()
  const groupMentions = (root: number): number =>
    locals.reduce(
      (sum, local, index) => sum + (groups.root(index) === root ? local.mentions.length : 0),
      0,
    )
  // Longest forms first, so that "Barack Obama" has joined "Barack Hussein Obama" before "Obama" chooses.
  const ordered = [...representatives].sort(
    (a, b) =>
      keyWords((locals[b] as Local).key).length - keyWords((locals[a] as Local).key).length ||
      a - b,
  )
  for (const index of ordered) {
    const local = locals[index] as Local
    const byRoot = new Map<number, { other: number; relation: Relation }>()
    for (const other of candidates.related(local)) {
      if (other === index || groups.together(index, other)) continue
      const relation = relationOf(local, locals[other] as Local, context)
      if (relation === null) continue
      const root = groups.root(other)
      const known = byRoot.get(root)
      // The acronym's evidence is the strongest, then the fullest form.
      if (known === undefined || (relation === 'acronym' && known.relation !== 'acronym'))
        byRoot.set(root, { other, relation })
    }
    if (rules.includes('surnameLast'))
      keepSurnameMatches(local, byRoot, locals, rules.includes('personPart'))
    // Given names alone join a full name only when the story has no other name they could be.
    if (byRoot.size > 1)
      for (const [root, target] of byRoot) if (target.relation === 'given-part') byRoot.delete(root)
    const chosen = dominantTarget(byRoot, groupMentions, rules.includes('dominant'))
    if (chosen === null) {
      const minLength = rules.includes('slip4') ? 4 : MISSPELLING_MIN_LENGTH
      const slipOf = candidates
        .slips(local)
        .filter((other) =>
          isSlip(local, locals[other] as Local, countOf, minLength, rules.includes('slip2')),
        )
      if (slipOf.length !== 1) continue
      const target = slipOf[0] as number
      groups.join(index, target)
      joinedOn.set(index, {
        kind: 'misspelling',
        text: `"${local.form}" (${counted(countOf(compact(local.key)), 'mention')}) is one letter from "${(locals[target] as Local).form}" (${countOf(compact((locals[target] as Local).key))})`,
      })
      continue
    }
    const other = locals[chosen.target.other] as Local
    groups.join(index, chosen.target.other)
    if (chosen.target.relation === 'extension') runOns.add(compact(local.key))
    const kind =
      chosen.target.relation === 'acronym'
        ? 'acronym'
        : chosen.target.relation === 'demonym'
          ? 'adjective'
          : 'short-form'
    const how =
      chosen.target.relation === 'acronym'
        ? 'spells the initials of'
        : chosen.target.relation === 'extension'
          ? 'is, with words run on or a role before it,'
          : chosen.target.relation === 'given-name'
            ? 'is a given-name variant of'
            : chosen.target.relation === 'given-part'
              ? 'is the given name of'
              : chosen.target.relation === 'demonym'
                ? 'is the adjective of'
                : 'shortens'
    joinedOn.set(index, {
      kind,
      text: chosen.alone
        ? `"${local.form}" ${how} "${other.form}", the only such name in the story`
        : `"${local.form}" ${how} "${other.form}", which the story names ${counted(chosen.count, 'time')}, far more than the other such names (${chosen.others})`,
    })
  }
  return buildEntities(locals, groups.groups(), joinedOn, runOns, storyId)
}

/**
 * The forms a form may relate to or be a slip of, found by index instead of by trying every pair (the story's
 * forms are compared all with all otherwise). Every relation but an acronym and an adjective shares a word
 * with the fuller form (a surname, first or last words, a run-on's name); an acronym may name any form, an
 * adjective is a place's key with an ending; a slip of a name of several words keeps all but one of them, and
 * a one-word slip may be of any one-word form. The candidates come in the representatives' order, so the
 * relations are tried in the order they were when every pair was.
 */
function formCandidates(
  representatives: number[],
  locals: Local[],
): { related: (local: Local) => number[]; slips: (local: Local) => number[] } {
  const byWord = new Map<string, number[]>()
  const byKey = new Map<string, number[]>()
  const oneWord: number[] = []
  const listed = (map: Map<string, number[]>, key: string, position: number): void => {
    const list = map.get(key)
    if (list === undefined) map.set(key, [position])
    else if (list.at(-1) !== position) list.push(position)
  }
  representatives.forEach((index, position) => {
    const key = (locals[index] as Local).key
    const words = keyWords(key)
    for (const word of words) listed(byWord, word, position)
    listed(byKey, key, position)
    if (words.length === 1) oneWord.push(position)
  })
  const inOrder = (positions: Set<number>): number[] =>
    [...positions].sort((a, b) => a - b).map((position) => representatives[position] as number)
  const sharingWords = (local: Local): Set<number> => {
    const positions = new Set<number>()
    for (const word of keyWords(local.key))
      for (const position of byWord.get(word) ?? []) positions.add(position)
    return positions
  }
  return {
    related: (local) => {
      if (isAcronym(local.form)) return representatives
      const positions = sharingWords(local)
      for (const ending of DEMONYM_ENDINGS)
        if (local.key.endsWith(ending))
          for (const position of byKey.get(local.key.slice(0, -ending.length)) ?? [])
            positions.add(position)
      return inOrder(positions)
    },
    slips: (local) => {
      const positions = sharingWords(local)
      if (keyWords(local.key).length === 1) for (const position of oneWord) positions.add(position)
      return inOrder(positions)
    },
  }
}

/**
 * A one-word person form is a surname when it ends a fuller name ("Obama" of "Barack Obama"); a fuller form it
 * begins ("Obama Administration", a headline's "Obama Announces") is then a weaker candidate, and is set aside
 * so that it does not split the vote. Family-name-first names ("Kim" of three Kims) begin every candidate and
 * keep them all.
 */
function keepSurnameMatches(
  local: Local,
  byRoot: Map<number, { other: number; relation: Relation }>,
  locals: Local[],
  teamFirst: boolean,
): void {
  if (keyWords(local.key).length !== 1) return
  const ends = (other: number): boolean =>
    keyWords((locals[other] as Local).key).at(-1) === local.key
  const shortForms = [...byRoot].filter(([, target]) => target.relation === 'short-form')
  const surnames = shortForms.filter(([, target]) => ends(target.other))
  // A word that ends a team's or body's name and only begins people's names ("Jaguars" of "Jacksonville
  // Jaguars", not of a headline's "Jaguars Maurice Jones-Drew") names the team.
  if (
    teamFirst &&
    surnames.length === 0 &&
    [...byRoot.values()].some((target) => target.relation === 'part')
  ) {
    for (const [root] of shortForms) byRoot.delete(root)
    return
  }
  if (surnames.length === 0 || surnames.length === shortForms.length) return
  for (const [root, target] of shortForms) if (!ends(target.other)) byRoot.delete(root)
}

/** The entity a form joins among those it could name: the only one, or one named far more than the rest. */
function dominantTarget<T>(
  byRoot: Map<number, T>,
  groupMentions: (root: number) => number,
  dominance: boolean,
): { target: T; alone: boolean; count: number; others: number } | null {
  const candidates = [...byRoot].map(([root, target]) => ({
    target,
    count: groupMentions(root),
  }))
  if (candidates.length === 0) return null
  if (candidates.length === 1)
    return { target: (candidates[0] as { target: T }).target, alone: true, count: 0, others: 0 }
  if (!dominance) return null
  candidates.sort((a, b) => b.count - a.count)
  const [top, ...rest] = candidates as [{ target: T; count: number }, ...{ count: number }[]]
  const others = rest.reduce((sum, item) => sum + item.count, 0)
  return top.count >= DOMINANT_RATIO * others
    ? { target: top.target, alone: false, count: top.count, others }
    : null
}

/**
 * A slip: the names have as many words and differ in one word, one edit apart, and the story writes the rare
 * word (alone or inside its names: "Anrus" in "Anrus Senat") far less often than the frequent one.
 */
function isSlip(
  rare: Local,
  frequent: Local,
  countOf: (key: string) => number,
  minLength: number,
  longSlips: boolean,
): boolean {
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
    rareWord.length >= minLength &&
    (editDistance(rareWord, frequentWord, 1) === 1 ||
      (longSlips &&
        Math.min(rareWord.length, frequentWord.length) >= LONG_SLIP_LENGTH &&
        editDistance(rareWord, frequentWord, 2) <= 2))
  )
}

/**
 * The locals with the type most of the story's mentions of their name carry (each local's mentions counted,
 * its short forms included): the tagger types one name differently from article to article ("Wladimir
 * Klitschko" an organisation in one, a person in most), and a join that tests types should read the story's
 * verdict, not one article's. Ties keep the local's own type.
 */
function withStoryTypes(locals: Local[], byForm: boolean): Local[] {
  const votes = new Map<string, Map<EntityType, number>>()
  const vote = (key: string, type: EntityType): void => {
    const counts = votes.get(key) ?? new Map<EntityType, number>()
    counts.set(type, (counts.get(type) ?? 0) + 1)
    votes.set(key, counts)
  }
  for (const local of locals) {
    const key = compact(local.key)
    for (const mention of local.mentions) {
      vote(key, mention.type)
      // formTypes: a short form the article resolved to a fuller name votes for its own form too ("Jackson"
      // of "Vincent Jackson" a person, where another article types "Jackson" alone a place).
      const own = compact(identityKey(nameKey(mention.text)))
      if (byForm && own !== key) vote(own, mention.type)
    }
  }
  return locals.map((local) => {
    const counts = votes.get(compact(local.key)) as Map<EntityType, number>
    const own = counts.get(local.type) ?? 0
    const [top, topCount] = [...counts].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    )[0] as [EntityType, number]
    return topCount > own ? { ...local, type: top } : local
  })
}

/** A line is title-cased when it has at least this many words of four letters or more... */
const HEADLINE_MIN_WORDS = 3
/** ...and at least this share of them is capitalised (function words of a headline are often short). */
const HEADLINE_CAPITALISED_SHARE = 0.8

/**
 * A headline is shorter than this; a longer line is body text, and is not read further (the search for the
 * line's ends is bounded too, so that a text of one long line costs no more per mention).
 */
const HEADLINE_MAX_CHARS = 300

/** Whether the line holding `offset` is written in title case, as headlines are. */
export function inTitleCasedLine(text: string, offset: number): boolean {
  const reach = Math.max(0, offset - HEADLINE_MAX_CHARS)
  const before = text.slice(reach, offset)
  const after = text.slice(offset, offset + HEADLINE_MAX_CHARS)
  const lineStart = before.lastIndexOf('\n')
  const lineEnd = after.indexOf('\n')
  // No end of the line within reach on either side: a line longer than any headline.
  if (lineStart === -1 && reach > 0) return false
  if (lineEnd === -1 && offset + HEADLINE_MAX_CHARS < text.length) return false
  const line = before.slice(lineStart + 1) + (lineEnd === -1 ? after : after.slice(0, lineEnd))
  if (line.length > HEADLINE_MAX_CHARS) return false
  const words = line.match(/\p{L}[\p{L}'’]{3,}/gu) ?? []
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length
  return (
    words.length >= HEADLINE_MIN_WORDS && capitalised >= HEADLINE_CAPITALISED_SHARE * words.length
  )
}

function localEntities(articles: Article[]): Local[] {
  const locals: Local[] = []
  for (const article of articles) {
    const byId = new Map<string, ArticleEntity[]>()
    for (const mention of article.entities) {
      const mentions = byId.get(mention.entityId)
      if (mentions === undefined) byId.set(mention.entityId, [mention])
      else mentions.push(mention)
    }
    for (const [entityId, mentions] of byId) {
      // The article's fullest form is the identity: every other form of it is shorter (src/nlp/identity.ts).
      // Its name is shown by a form the article writes more, never a fuller one, unless the article's
      // entities were given another way (a fuller name than any mention): then the name is the identity.
      const first = mentions[0] as ArticleEntity
      const form = [first.name, ...mentions.map((mention) => mention.text)].reduce((best, text) =>
        keyWords(identityKey(nameKey(text))).length > keyWords(identityKey(nameKey(best))).length
          ? text
          : best,
      )
      const key = identityKey(nameKey(form))
      locals.push({
        articleId: article.id,
        entityId,
        name: first.name,
        form,
        key,
        type: first.type,
        mentions,
        // Only a name of two words or more can be a run-on: one word needs no look at its line. The
        // fullest form's own mentions are read, not the short forms the article joined to it ("Creighton
        // Returns" in the headline, "Creighton" in the body).
        inHeadline:
          keyWords(key).length >= 2 &&
          mentions
            .filter((mention) => identityKey(nameKey(mention.text)) === key)
            .every((mention) => inTitleCasedLine(article.text, mention.start)),
      })
    }
  }
  return locals
}

function buildEntities(
  locals: Local[],
  groups: number[][],
  joinedOn: Map<number, Evidence>,
  runOns: Set<string>,
  storyId: string | null,
): StoryEntities {
  const used = new Set<string>()
  const idByLocal = new Map<string, string>()
  const slips = new Set(
    [...joinedOn]
      .filter(([, evidence]) => evidence.kind === 'misspelling')
      .map(([index]) => compact((locals[index] as Local).key)),
  )
  const adjectives = new Set(
    [...joinedOn]
      .filter(([, evidence]) => evidence.kind === 'adjective')
      .map(([index]) => compact((locals[index] as Local).key)),
  )
  const entities = groups
    .map((members) => members.map((index) => locals[index] as Local))
    .map((members) => {
      // The name: a full name (two words or more) before a surname or acronym, the one most mentions carry
      // before a longer one (a headline's "Lindsay Lohan Checks Into Rehab" once, "Lindsay Lohan" often); never
      // a slip ("Anrus Senat"), a place's adjective ("North Korean") nor a run-on ("Queens Hit").
      const spelled = members.filter(
        (local) =>
          !slips.has(compact(local.key)) &&
          !adjectives.has(compact(local.key)) &&
          !runOns.has(compact(local.key)),
      )
      const forms = new Map<string, number>()
      for (const local of spelled.length > 0 ? spelled : members) {
        const form = singleSpaced(local.name)
        forms.set(form, (forms.get(form) ?? 0) + local.mentions.length)
      }
      // A legal form or a run-on word does not make a name full ("Microsoft Corp." is Microsoft's one word).
      const full = (form: string): number =>
        keyWords(canonicalKey(identityKey(nameKey(form)))).length >= 2 ? 1 : 0
      // A dateline's capitals ("SEOUL, South Korea –") are typography, not the name: "Seoul" when the story has it.
      const shouted = (form: string): number =>
        /^[^\p{Ll}]*\p{Lu}{5}[^\p{Ll}]*$/u.test(form) ? 1 : 0
      const name = [...forms].sort(
        ([a, countA], [b, countB]) =>
          full(b) - full(a) ||
          shouted(a) - shouted(b) ||
          countB - countA ||
          keyWords(nameKey(b)).length - keyWords(nameKey(a)).length ||
          (a < b ? -1 : 1),
      )[0]?.[0] as string
      return { members, name }
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ members, name }) => {
      const mentions = members.flatMap((local) =>
        local.mentions.map((mention) => ({ local, mention })),
      )
      const types = new Map<EntityType, number>()
      for (const { mention } of mentions)
        types.set(mention.type, (types.get(mention.type) ?? 0) + 1)
      const type =
        [...types].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'other'
      const id = runWideId(name, type, storyId, used)
      used.add(id)
      for (const local of members) idByLocal.set(`${local.articleId}\u0000${local.entityId}`, id)
      // An alias as a reader sees it: pages that space a name with a no-break space ("North\u00a0Korea") write
      // the same alias as those with a plain one. The mentions keep their offsets into the text as written.
      const aliases = [...new Set(mentions.map(({ mention }) => singleSpaced(mention.text)))]
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
        // A role that says what the entity is ("Kremlin spokesman"), not the courtesy title of a mention ("Ms").
        role: mentions.find(({ mention }) => isRole(mention.role))?.mention.role ?? null,
      } satisfies StoryEntity
    })
  const typeById = new Map(entities.map((entity) => [entity.id, entity.type]))
  return {
    entities,
    idOf: (articleId, entityId) => idByLocal.get(`${articleId}\u0000${entityId}`) ?? entityId,
    typeOf: (id) => typeById.get(id) ?? null,
  }
}

/**
 * A story entity's id, the same in every story of one run for one entity (CONTRACT.md): the slug of its
 * canonical name, so that "Barack Obama" in two stories of a run is one id and a reader can follow him
 * across them. A name that does not tell one entity from another across stories — a person known by one
 * word ("Kim", "Smith": a surname alone) — or a second name of the story with the same slug carries the
 * story's id ("story-1a2b:kim"), unique within the run and never taken for another story's. Without the
 * story's id (a story read alone) the second name of a slug is numbered instead ("kim-2").
 */
function runWideId(
  name: string,
  type: EntityType,
  storyId: string | null,
  used: Set<string>,
): string {
  // The slug of the key: the stories of a run that write "Microsoft Corp." and "Microsoft", "Mt Cook" and
  // "Mount Cook", give one id.
  const key = canonicalKey(identityKey(nameKey(name)))
  const slug = slugOf(key)
  const acrossStories = type !== 'person' || personCore(keyWords(key)).length >= 2
  const base = storyId !== null && (!acrossStories || used.has(slug)) ? `${storyId}:${slug}` : slug
  return unusedId(base, used)
}

/** Why an alias names the entity: the join that brought it, or the article that resolved it. */
function aliasEvidence(
  alias: string,
  name: string,
  mentions: { local: Local; mention: ArticleEntity }[],
  locals: Local[],
  joinedOn: Map<number, Evidence>,
): Evidence {
  const holder = mentions.find(({ mention }) => singleSpaced(mention.text) === alias) as {
    local: Local
    mention: ArticleEntity
  }
  const joined = joinedOn.get(locals.indexOf(holder.local))
  const aliasKey = identityKey(nameKey(alias))
  if (joined !== undefined && holder.local.key === aliasKey) return joined
  if (compact(nameKey(alias)) === compact(nameKey(name)))
    return {
      kind: 'spelling',
      text: `"${alias}" and "${name}" differ only in case, accents, hyphens or dots`,
    }
  if (holder.local.key === aliasKey)
    return {
      kind: 'full-form',
      text: `"${alias}" is the fullest form of "${holder.local.name}" in the same article`,
      start: holder.mention.start,
      end: holder.mention.end,
    }
  const within = holder.local.form
  return {
    kind: isAcronymOf(alias, within) ? 'acronym' : 'short-form',
    text: `"${alias}" refers to "${within}" in the same article`,
    start: holder.mention.start,
    end: holder.mention.end,
  }
}

/**
 * The article as `analyze` prints it (after the story is reported): each mention's `name` and each attributed
 * speaker's name are those of its story entity, as its `entityId` is, so that one speaker reads one way in every
 * article and in the story's `quotes` ("Korean Central News Agency", not "KCNA" in one article; "Kim Jong Un",
 * not "Kim Jong-un"). The report itself is built from the article-level names (`withStoryEntityIds`); only what
 * is printed and stored for reading changes.
 */
export function withStoryNames(article: Article, story: StoryEntities): Article {
  const names = new Map(story.entities.map((entity) => [entity.id, entity.name]))
  return {
    ...article,
    entities: article.entities.map((entity) => {
      const name = names.get(entity.entityId)
      return name === undefined ? entity : { ...entity, name }
    }),
    attributions: article.attributions.map((attribution) => {
      const speaker = attribution.entityId === null ? undefined : names.get(attribution.entityId)
      return speaker === undefined ? attribution : { ...attribution, speaker }
    }),
  }
}

/**
 * The article with its entities' ids replaced by the story's, and (`storyTypes`, default true) each mention's
 * type by its story entity's: the vote of all the entity's mentions across the story (buildEntities). The
 * tagger types one name differently from article to article ("Yo Jong" an organisation in one seed article, a
 * person in the others); the claim ledger's anchors read each mention's type, so one entity with two types
 * kept two clauses about it apart and let clauses about two of its participants join. With the story's types
 * (session 15): seed brief citations stated by their article 0.818 → 0.905; ECB+ ledger figures in README.
 */
export function withStoryEntityIds(
  article: Article,
  story: StoryEntities,
  storyTypes = true,
): Article {
  return {
    ...article,
    entities: article.entities.map((entity) => {
      const entityId = story.idOf(article.id, entity.entityId)
      const type = storyTypes ? (story.typeOf(entityId) ?? entity.type) : entity.type
      return { ...entity, entityId, type }
    }),
    attributions: article.attributions.map((attribution) =>
      attribution.entityId === null
        ? attribution
        : { ...attribution, entityId: story.idOf(article.id, attribution.entityId) },
    ),
  }
}
