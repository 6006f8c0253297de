import type { EntityType } from '../../types.js'
import type { Gazetteer } from './features.js'
import type { NameMention } from './recognize.js'
import type { Token } from './tokenize.js'
import { LOWER, startsWithClass } from '../../text/char-class.js'

/**
 * Decisions about names that need the whole text, not one word and its neighbours: the tagger decides token
 * by token, so the same name can come out with two types in one article ("Waqar" a person in one sentence,
 * an organisation in the next), and a results table ("Plymouth 4 Exeter 1") looks to it like a list of places.
 */

/** A token written with digits only (a score, a count, a year): never the end of a person, place or body. */
export const NUMBER_TOKEN = /^\p{N}[\p{N}.,:/-]*$/u
const CAPITALISED = /^\p{Lu}/u
/** A lower-case word of letters (a verb, a noun of prose). */
const PROSE_WORD = /^\p{Ll}{2,}$/u
/** A table line says "Team 4 Team 1" or "Team 12 7 6 77": at most this many words of prose ("halftime"). */
const MAX_PROSE_WORDS_IN_TABLE = 1

/** A standings row gives a team's games, wins, losses...: at least this many numbers. */
const MIN_STANDINGS_NUMBERS = 3

interface Run {
  first: number
  last: number
}

/** The capitalised runs of one line, each with whether a number follows it (after an optional "( ... )"). */
function runsOfLine(tokens: Token[], from: number, to: number): (Run & { scored: boolean })[] {
  const runs: (Run & { scored: boolean })[] = []
  let index = from
  while (index <= to) {
    if (!CAPITALISED.test((tokens[index] as Token).text)) {
      index++
      continue
    }
    let last = index
    while (
      last + 1 <= to &&
      (CAPITALISED.test((tokens[last + 1] as Token).text) ||
        ((tokens[last + 1] as Token).text === '.' && last + 2 <= to))
    )
      last++
    let next = last + 1
    // "Limoges ( France ) 9 3": the bracket says where the team is from; the scores come after it.
    const bracketed = tokens[next]?.text === '('
    if (bracketed) {
      while (next <= to && (tokens[next] as Token).text !== ')') next++
      next++
    }
    runs.push({
      first: index,
      last,
      scored: next <= to && NUMBER_TOKEN.test((tokens[next] as Token).text),
    })
    index = bracketed ? next : last + 1
  }
  return runs
}

/**
 * The teams of results and standings lines: in a line made of names and numbers ("Plymouth 4 Exeter 1",
 * "NY RANGERS 10 13 5 91 81 25"), a name followed by a score is a team. A city standing for its club is an
 * organisation; a country standing for its national side stays a place (CoNLL-style annotation, and how a
 * reader says it: "Japan beat Syria"); a person of two names or more ("Jesper Ronnback ( Sweden ) 25.76")
 * is kept when the tagger found one. Returns the mentions with the teams typed, and the team names (lower case) found.
 */
export function teamsOfResultLines(
  text: string,
  tokens: Token[],
  mentions: NameMention[],
  gazetteer: Gazetteer,
): { mentions: NameMention[]; teams: Set<string> } {
  const teams = new Set<string>()
  const replaced = new Map<number, NameMention | null>()
  const added: NameMention[] = []
  const mentionAt = new Map<number, number>()
  mentions.forEach((mention, index) => {
    for (let token = mention.firstToken; token <= mention.lastToken; token++)
      mentionAt.set(token, index)
  })
  // Tables are read by line (a standings row "MIAMI 14 4 .778" holds what looks like a sentence end).
  const lineOf = new Int32Array(tokens.length)
  for (let index = 1; index < tokens.length; index++)
    lineOf[index] =
      (lineOf[index - 1] as number) +
      (text.slice((tokens[index - 1] as Token).end, (tokens[index] as Token).start).includes('\n')
        ? 1
        : 0)
  let lineStart = 0
  for (let index = 0; index <= tokens.length; index++) {
    if (index < tokens.length && lineOf[index] === lineOf[lineStart]) continue
    const lineEnd = index - 1
    const lineTokens = tokens.slice(lineStart, lineEnd + 1)
    const prose = lineTokens.filter((token) => PROSE_WORD.test(token.text)).length
    const runs = runsOfLine(tokens, lineStart, lineEnd)
    if (
      prose <= MAX_PROSE_WORDS_IN_TABLE &&
      runs.every((run) => run.scored) &&
      // Two teams and their scores, or one team and its row of standings: not a dateline
      // ("LONDON 1996-08-30") or a total ("Extras 12").
      (runs.length >= 2 ||
        (runs.length === 1 &&
          lineTokens.filter((token) => NUMBER_TOKEN.test(token.text)).length >=
            MIN_STANDINGS_NUMBERS))
    )
      for (const run of runs) {
        const words = tokens.slice(run.first, run.last + 1).filter((token) => token.text !== '.')
        const key = words.map((token) => token.text.toLowerCase()).join(' ')
        const tagged = mentionAt.get(run.first)
        const mention = tagged === undefined ? undefined : mentions[tagged]
        const person = mention?.type === 'person' && mention.lastToken > mention.firstToken
        if (person) continue
        const type: EntityType = gazetteer.countries.has(key) ? 'place' : 'organization'
        const start = (tokens[run.first] as Token).start
        const end = (tokens[run.last] as Token).end
        const team: NameMention = {
          text: text.slice(start, end),
          type,
          start,
          end,
          firstToken: run.first,
          lastToken: run.last,
        }
        if (type === 'organization') teams.add(key)
        // The team replaces the mentions the tagger made inside its run (one of them, or none if one
        // crosses the run's edge).
        const inside = new Set<number>()
        let crossing = false
        for (let token = run.first; token <= run.last; token++) {
          const at = mentionAt.get(token)
          if (at === undefined) continue
          const old = mentions[at] as NameMention
          if (old.firstToken < run.first || old.lastToken > run.last) crossing = true
          inside.add(at)
        }
        if (crossing) continue
        if (inside.size === 0) added.push(team)
        ;[...inside].forEach((at, order) => replaced.set(at, order === 0 ? team : null))
      }
    lineStart = index
  }
  if (replaced.size === 0 && added.length === 0) return { mentions, teams }
  const kept = mentions
    .map((mention, index) => (replaced.has(index) ? (replaced.get(index) ?? null) : mention))
    .filter((mention): mention is NameMention => mention !== null)
  return { mentions: [...kept, ...added].sort((a, b) => a.start - b.start), teams }
}

/**
 * One type per name within a text: every mention of a name (compared without case, so the headline's
 * "WEST INDIES" is the body's "West Indies") takes the type most of its mentions have; a name that is a team
 * in a results line is that team wherever the text names it; and a single word that is the surname of a
 * person the text names in full is that person ("Warne" after "Shane Warne").
 */
export function oneTypePerName(
  mentions: NameMention[],
  teams: Set<string> = new Set(),
  vote = true,
  bySurname = true,
): NameMention[] {
  const votes = new Map<string, Map<EntityType, number>>()
  const surnames = new Set<string>()
  for (const mention of mentions) {
    const key = mention.text.toLowerCase()
    const counts = votes.get(key) ?? new Map<EntityType, number>()
    // Longer names are the surer readings of their type.
    const words = key.split(/\s+/)
    counts.set(mention.type, (counts.get(mention.type) ?? 0) + words.length)
    votes.set(key, counts)
    if (bySurname && mention.type === 'person' && words.length >= 2)
      surnames.add(words.at(-1) as string)
  }
  const typeOf = new Map<string, EntityType>()
  for (const [key, counts] of votes) {
    if (teams.has(key)) {
      typeOf.set(key, 'organization')
      continue
    }
    if (surnames.has(key)) {
      typeOf.set(key, 'person')
      continue
    }
    if (!vote) continue
    let best: EntityType | null = null
    let bestCount = 0
    for (const [type, count] of counts)
      if (count > bestCount) {
        best = type
        bestCount = count
      }
    if (best !== null) typeOf.set(key, best)
  }
  return mentions.map((mention) => {
    const type = typeOf.get(mention.text.toLowerCase()) ?? mention.type
    return type === mention.type ? mention : { ...mention, type }
  })
}

/** A word that can continue a person's name: capitalised, then lower case ("Ladki", "O'Neill", "McLean"). */
const NAME_WORD = /^\p{Lu}[\p{Ll}'’]*\p{Ll}[\p{L}'’-]*$/u
/** How many words a person's name is carried past where the tagger stopped. */
const MAX_NAME_EXTENSION = 1
/** Articles: a phrase of its own starts at one. */
const ARTICLES = new Set(['a', 'an', 'the'])

/**
 * Names completed past where the tagger stopped: a person's name goes on into an unknown capitalised word
 * ("Nadim Ladki", not "Nadim"), and starts at a given name before it ("Jean-Luc Brassard"); a place the
 * list knows in full is not cut ("United Arab Emirates", not "United Arab").
 */
export function completedNames(
  text: string,
  tokens: Token[],
  mentions: NameMention[],
  gazetteer: Gazetteer,
  rules: ReadonlySet<string> = new Set([
    'extendPerson',
    'givenNameBefore',
    'initialBefore',
    'placePhrase',
  ]),
): NameMention[] {
  const covered = new Uint8Array(tokens.length)
  for (const mention of mentions) covered.fill(1, mention.firstToken, mention.lastToken + 1)
  const owner = new Int32Array(tokens.length).fill(-1)
  mentions.forEach((mention, index) => owner.fill(index, mention.firstToken, mention.lastToken + 1))
  /** The tokens from..to are free, or covered only by names that lie wholly inside them. */
  const absorbable = (from: number, to: number): boolean => {
    for (let index = from; index <= to; index++) {
      const inside = owner[index] as number
      if (inside < 0) continue
      const other = mentions[inside] as NameMention
      if (other.firstToken < from || other.lastToken > to) return false
    }
    return true
  }
  const absorbed = new Set<number>()
  const lowerSeen = new Set<string>()
  for (const token of tokens) if (startsWithClass(token.text, LOWER)) lowerSeen.add(token.text)
  const free = (index: number, sentence: number): boolean => {
    const token = tokens[index]
    if (token === undefined || covered[index] === 1 || token.sentence !== sentence) return false
    const lower = token.text.toLowerCase()
    return (
      NAME_WORD.test(token.text) &&
      !lowerSeen.has(lower) &&
      !gazetteer.places.has(lower) &&
      !gazetteer.demonyms.has(lower) &&
      !gazetteer.roles.has(lower)
    )
  }
  // A word before lower-case prose may be a noun the name qualifies ("the Anrus Senat limousine"): the
  // name is carried on only where it ends at punctuation, a number, an article or the end of the line (an
  // article starts a new phrase, so the word before it is no qualifier: "gifted Kim Jong Un a car").
  const beforeProse = (index: number): boolean => {
    const token = tokens[index]
    return token !== undefined && startsWithClass(token.text, LOWER) && !ARTICLES.has(token.text)
  }
  const out = mentions.map((mention) => {
    let { firstToken, lastToken } = mention
    const sentence = (tokens[firstToken] as Token).sentence
    if (mention.type === 'person') {
      for (
        let step = 0;
        step < MAX_NAME_EXTENSION &&
        rules.has('extendPerson') &&
        free(lastToken + 1, sentence) &&
        !beforeProse(lastToken + 2);
        step++
      )
        lastToken++
      const before = tokens[firstToken - 1]
      if (
        before !== undefined &&
        ((rules.has('givenNameBefore') &&
          free(firstToken - 1, sentence) &&
          gazetteer.firstNames.has(before.text.toLowerCase().split(/[-‐]/)[0] as string)) ||
          (rules.has('initialBefore') &&
            INITIAL.test(before.text) &&
            covered[firstToken - 1] === 0 &&
            before.sentence === sentence))
      )
        firstToken--
    } else if (rules.has('placePhrase')) {
      const phrase = gazetteer.places
        .get((tokens[firstToken] as Token).text.toLowerCase())
        ?.find(
          (place) =>
            place.length > lastToken - firstToken + 1 &&
            place.every(
              (word, offset) => tokens[firstToken + offset]?.text.toLowerCase() === word,
            ) &&
            tokens[firstToken + place.length - 1]?.sentence === sentence &&
            absorbable(lastToken + 1, firstToken + place.length - 1),
        )
      if (phrase !== undefined) {
        for (let index = lastToken + 1; index < firstToken + phrase.length; index++)
          if ((owner[index] as number) >= 0) absorbed.add(owner[index] as number)
        lastToken = firstToken + phrase.length - 1
      }
    }
    if (firstToken === mention.firstToken && lastToken === mention.lastToken) return mention
    covered.fill(1, firstToken, lastToken + 1)
    const start = (tokens[firstToken] as Token).start
    const end = (tokens[lastToken] as Token).end
    return { ...mention, text: text.slice(start, end), start, end, firstToken, lastToken }
  })
  return absorbed.size === 0 ? out : out.filter((_, index) => !absorbed.has(index))
}

/** A capital initial with its dot ("B. Young"). */
const INITIAL = /^\p{Lu}\.$/u

/**
 * Words that head the name of an event, a prize or a competition ("World Cup", "US Open", "Nobel Prize"):
 * such a name is an "other" name, whatever its first words suggest.
 */
const EVENT_HEADS = new Set(
  'cup open championship championships games olympics series prize award trophy tournament festival marathon grand prix'.split(
    ' ',
  ),
)

/** Names ending in an event's head word are events ("World Cup" is not an organisation). */
export function typedEvents(mentions: NameMention[]): NameMention[] {
  return mentions.map((mention) => {
    const last = mention.text.split(/\s+/).at(-1)?.toLowerCase() ?? ''
    return EVENT_HEADS.has(last) && mention.type !== 'other'
      ? { ...mention, type: 'other' }
      : mention
  })
}

/**
 * Head nouns of made things: a name written just before one ("an Aurus Senat limousine", "a Boeing 747 jet")
 * or ending in one ("Aurus Senat Limousine") names a product or its maker, never a person. Chosen a priori
 * (vehicles, aircraft, weapons, devices), not from any evaluation set.
 */
const PRODUCT_HEADS = new Set(
  'limousine limousines limo limos sedan sedans car cars vehicle vehicles suv truck trucks jeep motorcycle jet jets airliner airliners aircraft plane planes helicopter helicopters drone drones missile missiles rocket rockets rifle rifles pistol tank tanks warship warships submarine submarines smartphone smartphones phone phones handset tablet laptop laptops console browser model models'.split(
    ' ',
  ),
)

/**
 * A maker's model designation: one to three capitals, then digits ("S600", "A380", "F-35", "MH17"). A name
 * written just before one is a make or a product ("a Mercedes Maybach S600", "an Airbus A380"), as before a
 * product word. Digits alone are not ("Obama 2012" is a campaign), nor ordinals and decades ("19th", "1990s").
 * Chosen a priori, as the product words were; checked on the ECB+ entity layer (README, session 22).
 */
const MODEL_CODE = /^\p{Lu}{1,3}-?\d+[\p{L}\d]*$/u

/** Whether a mention is written exactly as a place of the list (a whole phrase, any case). */
export function listedPlace(mention: NameMention, gazetteer: Gazetteer): boolean {
  const words = mention.text.toLowerCase().split(/\s+/)
  return (
    gazetteer.places
      .get(words[0] as string)
      ?.some(
        (phrase) =>
          phrase.length === words.length && phrase.every((word, index) => word === words[index]),
      ) === true
  )
}

/**
 * Names that are products, not persons or places: the tagger reads an unknown capitalised pair as a person or
 * a place ("Aurus Senat"), but neither is written before "limousine" or "jet". A person, or a place the list
 * does not hold, written before such a word or ending in one is an "other" name, and so is every mention
 * typed a person or an unlisted place of a name the text so writes (one reading per text, as `repeated` and
 * `surnames` do). Two or more mentions side by side that together spell such a product ("Aurus" a place and
 * "Senat" a person in "the Aurus Senat's back seat") are that one product. Organisations and listed places
 * stay ("Air Force jets", "Iran missiles"); an organisation so written still makes the person readings of
 * its name a product. A product's first word written alone and typed a person or an
 * unlisted place is its maker, an organisation ("a limousine by Aurus"), unless the word is part of a person's
 * fuller name in the text ("Ford" of "Henry Ford").
 */
export function typedProducts(
  text: string,
  mentions: NameMention[],
  tokens: Token[],
  gazetteer: Gazetteer,
): NameMention[] {
  const headAfter = (mention: NameMention): boolean => {
    const next = tokens[mention.lastToken + 1]?.text ?? ''
    return PRODUCT_HEADS.has(next.toLowerCase()) || MODEL_CODE.test(next)
  }
  const endsInHead = (mention: NameMention): boolean =>
    mention.lastToken > mention.firstToken &&
    PRODUCT_HEADS.has((tokens[mention.lastToken] as Token).text.toLowerCase())
  /** A reading the tagger may have given a product by mistake. */
  const retypable = (mention: NameMention): boolean =>
    mention.type === 'person' || (mention.type === 'place' && !listedPlace(mention, gazetteer))
  const wordsOf = (first: number, last: number): string =>
    tokens
      .slice(first, last + 1)
      .map((token) => token.text.toLowerCase())
      .join(' ')
  // Names written before a product word or ending in one. An organisation so written ("the Aurus Senat
  // vehicle") counts against the person readings of its name (as before session 20) but not against its
  // place readings, joins or makers: so widened, those cost ner-train prose (session 20).
  const products = new Set<string>()
  const againstPersons = new Set<string>()
  for (const mention of mentions) {
    const key = mention.text.toLowerCase()
    if (headAfter(mention)) {
      againstPersons.add(key)
      if (mention.type === 'other' || retypable(mention)) products.add(key)
    }
    if (endsInHead(mention)) {
      const product = wordsOf(mention.firstToken, mention.lastToken - 1)
      againstPersons.add(product)
      if (mention.type !== 'organization') products.add(product)
    }
  }
  for (const product of products) againstPersons.add(product)
  if (againstPersons.size === 0) return mentions
  const merged = mergedProducts(text, mentions, products, wordsOf)
  const personParts = new Set(
    merged
      .filter(
        (mention) =>
          mention.type === 'person' &&
          mention.lastToken > mention.firstToken &&
          !products.has(mention.text.toLowerCase()) &&
          !endsInHead(mention),
      )
      .flatMap((mention) => mention.text.toLowerCase().split(/\s+/)),
  )
  const makers = new Set(
    [...products]
      .filter((product) => product.includes(' '))
      .map((product) => product.split(' ')[0] as string)
      .filter((word) => !products.has(word) && !personParts.has(word)),
  )
  return merged.map((mention) => {
    const key = mention.text.toLowerCase()
    if (!retypable(mention)) return mention
    if ((mention.type === 'person' ? againstPersons : products).has(key) || endsInHead(mention))
      return { ...mention, type: 'other' }
    return makers.has(key) ? { ...mention, type: 'organization' } : mention
  })
}

/** Mentions side by side (no token between them) whose words are together a product's name, joined into it. */
function mergedProducts(
  text: string,
  mentions: NameMention[],
  products: Set<string>,
  wordsOf: (first: number, last: number) => string,
): NameMention[] {
  const out: NameMention[] = []
  for (let index = 0; index < mentions.length; index++) {
    const first = mentions[index] as NameMention
    let last = index
    while (
      last + 1 < mentions.length &&
      (mentions[last + 1] as NameMention).firstToken ===
        (mentions[last] as NameMention).lastToken + 1 &&
      products.has(wordsOf(first.firstToken, (mentions[last + 1] as NameMention).lastToken))
    )
      last++
    if (last === index) {
      out.push(first)
      continue
    }
    const end = mentions[last] as NameMention
    out.push({
      text: text.slice(first.start, end.end),
      type: 'other',
      start: first.start,
      end: end.end,
      firstToken: first.firstToken,
      lastToken: end.lastToken,
    })
    index = last
  }
  return out
}

/** Role words that follow the body a person speaks or works for ("Kremlin spokesperson", "Pentagon officials"). */
const EMPLOYER_ROLES = new Set(
  'spokesman spokeswoman spokesperson spokespeople official officials'.split(' '),
)

/**
 * Bodies the tagger read as persons: a one-word "person" written after "the" ("the Kremlin confirmed") or just
 * before a spokesman's or an official's role ("Kremlin spokesperson Dmitry Peskov") names an organisation,
 * unless the word is part of a fuller person name in the text ("Putin" of "Vladimir Putin"). Every person
 * mention of that word in the text then reads the same (one reading per text).
 */
export function typedBodies(mentions: NameMention[], tokens: Token[]): NameMention[] {
  const nameParts = new Set(
    mentions
      .filter((mention) => mention.type === 'person' && mention.lastToken > mention.firstToken)
      .flatMap((mention) => mention.text.toLowerCase().split(/\s+/)),
  )
  const bodies = new Set<string>()
  for (const mention of mentions) {
    if (mention.type !== 'person' || mention.lastToken !== mention.firstToken) continue
    const key = mention.text.toLowerCase()
    if (nameParts.has(key)) continue
    const before = (tokens[mention.firstToken - 1]?.text ?? '').toLowerCase()
    const after = (tokens[mention.lastToken + 1]?.text ?? '').toLowerCase()
    if (before === 'the' || EMPLOYER_ROLES.has(after)) bodies.add(key)
  }
  if (bodies.size === 0) return mentions
  return mentions.map((mention) =>
    mention.type === 'person' && bodies.has(mention.text.toLowerCase())
      ? { ...mention, type: 'organization' }
      : mention,
  )
}
