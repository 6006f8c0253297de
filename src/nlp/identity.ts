import type { ArticleEntity, EntityType } from '../types.js'
import type { NameMention } from './ner/recognize.js'
import type { Token } from './ner/tokenize.js'
import {
  isAcronym,
  identityKey,
  isAcronymOf,
  isPartOf,
  isShortFormOf,
  keyWords,
  nameKey,
  personCore,
  slugOf,
  unusedId,
  withoutRunOnWords,
} from './names.js'
import { UPPER, startsWithClass } from '../text/char-class.js'

interface Group {
  key: string
  mentions: number[]
}

/**
 * Whether a short form of this type can name an entity of the fuller form's type. Short forms are resolved
 * for people only ("Peskov"): a place or organisation's first or last word is seldom the whole of it ("North",
 * "Council", "Korea" of "Korea Research Institute"). The tagger may type a lone surname as an organisation,
 * but a lone place name is not a person's surname ("Washington").
 */
const compatible = (short: EntityType, full: EntityType): boolean =>
  short === full ||
  short === 'other' ||
  full === 'other' ||
  (full === 'person' && short !== 'place')

/**
 * Whether a short form can name a fuller one of the article: a person by any first or last words ("Kim",
 * "Peskov"); an organisation or place only by its last words ("Colts" of "Indianapolis Colts"), since an
 * organisation's first words name the body it belongs to ("Microsoft" of "Microsoft Word"). Letting places
 * keep their first words too ("North" of "North Korea") lowered ECB+ entity CoNLL-F1 0.798 → 0.793.
 */
function shortens(
  key: string,
  type: EntityType,
  fullKey: string,
  fullType: EntityType,
  anyWords: boolean,
): boolean {
  if (!compatible(type, fullType)) return false
  return fullType === 'person' || anyWords || isPartOf(key, fullKey)
}

/**
 * Entities of one article: mentions of one name share an entityId. Forms join when their keys match
 * (transliterations, dots, accents), when a short form is the first or last words of a fuller name of the
 * article (surname "Peskov", family name "Kim": the fuller name mentioned last before it wins, so "Kim" after
 * "Kim Yo Jong" is her, unless the article keeps writing her name in full: withoutKeptInFull), and when an
 * acronym spells a name's initials (KCNA).
 */
export function resolveArticleEntities(
  text: string,
  mentions: NameMention[],
  tokens: Token[],
  roleWords: Set<string>,
  /** Let an organisation or place be shortened by its first words too (the rule before; for the CV script). */
  anyWordsShortenNames = false,
  /** A name the article keeps writing in full leaves its short form to the others (see withoutKeptInFull). */
  keepFullForms = true,
): ArticleEntity[] {
  // Function words run on before a name ("Although Microsoft") are not part of who it names.
  const keys = mentions.map((mention) => identityKey(nameKey(mention.text)))
  const groups = new Map<string, Group>()
  keys.forEach((key, index) => {
    const group = groups.get(key) ?? { key, mentions: [] }
    group.mentions.push(index)
    groups.set(key, group)
  })
  const full = [...groups.values()]
  // What the joins read of each group, once: its key's word count, voted type and first written form.
  const fullWords = full.map((group) => keyWords(group.key).length)
  const fullTypes = full.map((group) =>
    votedType(group.mentions.map((other) => mentions[other] as NameMention)),
  )
  const firstForms = full.map(
    (group) => (mentions[group.mentions[0] as number] as NameMention).text,
  )
  // The fuller forms of a written form depend on its text and type only: found once per distinct form.
  const fullerOf = new Map<string, Group[]>()
  const fullerForms = (mention: NameMention, key: string): Group[] => {
    const signature = `${mention.type}\u0000${mention.text}`
    let found = fullerOf.get(signature)
    if (found !== undefined) return found
    const words = keyWords(key).length
    const acronym = isAcronym(mention.text)
    // What the form's own text says, read once per form rather than once per group it is compared with.
    const hyphenated = !acronym && isHyphenatedWord(mention.text)
    found = full.filter(
      (group, k) =>
        group.key !== key &&
        (acronym
          ? isAcronymOf(mention.text, firstForms[k] as string)
          : // A short form has fewer words than the form it shortens (both tests below need it).
            words < (fullWords[k] as number) &&
            (isShortFormOf(key, group.key) ||
              (hyphenated && isHyphenatedSurnameOf(key, group.key))) &&
            shortens(
              key,
              mention.type,
              group.key,
              fullTypes[k] as EntityType,
              anyWordsShortenNames,
            )),
    )
    fullerOf.set(signature, found)
    return found
  }
  // The names a short form may stand for depend on the form and its candidates only: found once for them.
  const keptOutOf = new Map<string, Group[]>()
  const keptOut = (key: string, fullest: Group[]): Group[] => {
    const signature = [key, ...fullest.map((group) => group.key)].join('\u0000')
    let open = keptOutOf.get(signature)
    if (open === undefined) {
      open = withoutKeptInFull(fullest, groups.get(key)?.mentions ?? [], mentions)
      keptOutOf.set(signature, open)
    }
    return open
  }
  // Each mention's group after short forms and acronyms are resolved to a fuller form.
  const target = mentions.map((_, index) => keys[index] as string)
  mentions.forEach((mention, index) => {
    const key = keys[index] as string
    const fuller = fullerForms(mention, key)
    if (fuller.length === 0) return
    // The fullest forms only ("Kim Jong Un" over "Jong Un"), then the one mentioned last before here.
    const fullest = fuller.filter(
      (group) => !fuller.some((other) => isShortFormOf(group.key, other.key)),
    )
    const candidates = keepFullForms ? keptOut(key, fullest) : fullest
    const lastBefore = (group: Group): number =>
      Math.max(
        -1,
        ...group.mentions
          .filter((other) => (mentions[other] as NameMention).start < mention.start)
          .map((other) => (mentions[other] as NameMention).start),
      )
    const chosen = [...candidates].sort(
      (a, b) =>
        lastBefore(b) - lastBefore(a) ||
        firstStart(a, mentions) - firstStart(b, mentions) ||
        (a.key < b.key ? -1 : 1),
    )[0] as Group
    target[index] = chosen.key
  })
  // Follow chains ("Jong Un" → "Kim Jong Un") to their end.
  const resolved = target.map((key) => {
    let current = key
    for (let step = 0; step < 3; step++) {
      const next = target[groups.get(current)?.mentions[0] ?? -1]
      if (next === undefined || next === current) break
      current = next
    }
    return current
  })
  return entitiesOf(text, mentions, resolved, tokens, roleWords)
}

/**
 * The fuller names a short form may stand for, without those the article keeps writing in full: a name written
 * in full twice with neither another of them nor the short form between ("Kim Yo Jong … accepted the gift …
 * Kim Yo Jong said"), where the short form would have named it. A writer who does so keeps the short form for
 * another one ("Kim" for Kim Jong Un in an article that names his sister in full each time: AP style for
 * relatives who share a surname). Unchanged when every candidate is so written, or only one is a candidate.
 */
function withoutKeptInFull(
  candidates: Group[],
  shortForms: number[],
  mentions: NameMention[],
): Group[] {
  if (candidates.length < 2) return candidates
  // Who each mention of these names is, in text order; the short form's own mentions separate the others.
  const written = new Map<number, Group | null>(
    shortForms.map((index) => [(mentions[index] as NameMention).start, null]),
  )
  for (const group of candidates)
    for (const index of group.mentions) written.set((mentions[index] as NameMention).start, group)
  const kept = new Set<Group>()
  // Before the pair, the short form was in use and another of the names written.
  let shortSeen = false
  const seen = new Set<Group>()
  let previous: Group | null = null
  for (const [, group] of [...written].sort((a, b) => a[0] - b[0])) {
    if (group === null) shortSeen = true
    else {
      if (previous === group && shortSeen && seen.size > 1) kept.add(group)
      seen.add(group)
    }
    previous = group
  }
  const open = candidates.filter((group) => !kept.has(group))
  return open.length > 0 ? open : candidates
}

/** A form written as one hyphenated word ("Garcia-Lopez"): no space, a hyphen between two letters. */
function isHyphenatedWord(written: string): boolean {
  return !/\s/u.test(written) && /\p{L}[-‐‑]\p{L}/u.test(written)
}

/**
 * A hyphenated surname written alone ("Garcia-Lopez", "Ocasio-Cortez") is one word as written, though its key
 * has two ("garcia lopez"): it stands for the fuller name it ends ("Ana Garcia-Lopez"), where two written
 * words at the end of a name ("Jong Un" of "Kim Jong Un") do not.
 */
function isHyphenatedSurnameOf(key: string, fullKey: string): boolean {
  const short = keyWords(key)
  const full = keyWords(fullKey)
  return full.length > short.length && full.slice(-short.length).join(' ') === short.join(' ')
}

function firstStart(group: Group, mentions: NameMention[]): number {
  return (mentions[group.mentions[0] as number] as NameMention).start
}

function entitiesOf(
  text: string,
  mentions: NameMention[],
  resolved: string[],
  tokens: Token[],
  roleWords: Set<string>,
): ArticleEntity[] {
  const byEntity = new Map<string, number[]>()
  // Pushed in place: copying the list per mention made a text naming one entity n times cost n² (issue 16's
  // hostile inputs: 38,000 transcript labels of one speaker took 40 s).
  resolved.forEach((key, index) => {
    const members = byEntity.get(key)
    if (members === undefined) byEntity.set(key, [index])
    else members.push(index)
  })
  const entityOf = new Map<number, { id: string; name: string; type: EntityType }>()
  const used = new Set<string>()
  for (const [key, members] of [...byEntity].sort(
    (a, b) => (a[1][0] as number) - (b[1][0] as number),
  )) {
    const forms = members.map((index) => mentions[index] as NameMention)
    const named = forms.filter((form) => identityKey(nameKey(form.text)) === key)
    const type = votedType(named.length > 0 ? named : forms)
    const name = displayName(key, type, named.length > 0 ? named : forms, forms)
    const id = unusedId(slugOf(name), used)
    used.add(id)
    for (const index of members) entityOf.set(index, { id, name, type })
  }
  return mentions.map((mention, index) => {
    const entity = entityOf.get(index) as { id: string; name: string; type: EntityType }
    return {
      text: mention.text,
      type: entity.type,
      start: mention.start,
      end: mention.end,
      entityId: entity.id,
      name: entity.name,
      role:
        entity.type === 'person' ? roleBefore(text, tokens, mention.firstToken, roleWords) : null,
    }
  })
}

/**
 * The name an entity is shown by. The identity is the fullest form (`key`: "Vladimir Vladimirovich Putin"),
 * but a person is shown by the full form (given name and surname, the middle names, patronymics and initials
 * left out or not) the article writes most ("Vladimir Putin"); ties go to the shorter form, then the earlier.
 * Other types, and a person named by one word, keep the fullest form. Display only: the story's joins read
 * the fullest form (`identityForm`), never this name.
 */
function displayName(
  key: string,
  type: EntityType,
  fullest: NameMention[],
  forms: NameMention[],
): string {
  const fallback = withoutRunOnWords((fullest[0] as NameMention).text)
  if (type !== 'person') return fallback
  const full = personCore(keyWords(key))
  if (full.length < 2) return fallback
  const counts = new Map<string, { count: number; words: number; first: NameMention }>()
  for (const form of forms) {
    const formKey = identityKey(nameKey(form.text))
    const core = personCore(keyWords(formKey))
    if (core.length < 2 || core[0] !== full[0] || core.at(-1) !== full.at(-1)) continue
    const known = counts.get(formKey)
    if (known === undefined)
      counts.set(formKey, { count: 1, words: keyWords(formKey).length, first: form })
    else known.count++
  }
  const best = [...counts.values()].sort(
    (a, b) => b.count - a.count || a.words - b.words || a.first.start - b.first.start,
  )[0]
  return best === undefined ? fallback : writtenForm(withoutRunOnWords(best.first.text))
}

/** A written form without a possessive ending ("Putin's" → "Putin"), as a name is shown. */
function writtenForm(text: string): string {
  return text.replace(/['’]s$/u, '')
}

/** The type most mentions of an entity have; ties go to the earliest mention's. */
function votedType(forms: NameMention[]): EntityType {
  const counts = new Map<EntityType, number>()
  for (const form of forms) counts.set(form.type, (counts.get(form.type) ?? 0) + 1)
  let best = (forms[0] as NameMention).type
  for (const [type, count] of counts) if (count > (counts.get(best) ?? 0)) best = type
  return best
}

/** At most this many words of a role before a name ("North Korean state media spokesman"). */
const ROLE_WORDS_MAX = 4

/**
 * The role written right before a person's name: title words ("spokesman", "Mr") and the capitalised words
 * that qualify them ("Kremlin spokesman", "North Korean leader"). Null when no title word is there.
 */
function roleBefore(
  text: string,
  tokens: Token[],
  firstToken: number,
  roleWords: Set<string>,
): string | null {
  const sentence = (tokens[firstToken] as Token).sentence
  let from = firstToken
  let hasRole = false
  for (let index = firstToken - 1; index >= 0 && firstToken - index <= ROLE_WORDS_MAX; index--) {
    const token = tokens[index] as Token
    if (token.sentence !== sentence) break
    const word = token.text.toLowerCase().replace(/\.$/, '')
    if (roleWords.has(word)) hasRole = true
    else if (!startsWithClass(token.text, UPPER) || /^(The|A|An)$/.test(token.text)) break
    from = index
  }
  if (!hasRole) return null
  // Capitalised words before the first title word are kept only when a title word follows them.
  while (
    from < firstToken &&
    !roleWords.has((tokens[from] as Token).text.toLowerCase()) &&
    !startsWithClass((tokens[from] as Token).text, UPPER)
  )
    from++
  return text.slice((tokens[from] as Token).start, (tokens[firstToken - 1] as Token).end)
}
