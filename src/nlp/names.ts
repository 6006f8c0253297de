import { boundedMemo } from '../text/memo.js'

/**
 * How name forms compare: the key two spellings of one name share, acronyms, short forms, one-letter slips.
 * Used within an article (src/nlp/identity.ts) and across a story (src/corroborate/story-entities.ts).
 */

/** Words that do not count in an acronym ("Ministry of Foreign Affairs" → MFA). */
const ACRONYM_SKIP = new Set(['of', 'the', 'and', 'for', 'de', 'in', 'on', 'at', '&'])

/** Names and keys whose derived forms are kept (a bound on a long-running process's memory). */
const MAX_NAMES_KEPT = 50_000

/**
 * Comparison key: lower case, accents off, hyphens and spaces one (transliterations "Kim Jong-un" / "Kim
 * Jong Un"), dots and a possessive off ("U.S." / "US"). Memoised (bounded): every stage keys the same names.
 */
export const nameKey: (name: string) => string = boundedMemo(MAX_NAMES_KEPT, (name) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[-‐‑–]/g, ' ')
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim(),
)

/**
 * Closed-class words a tagger runs into a name at the start of a sentence or headline ("Although Microsoft",
 * "Then Hansbrough", "The Chargers"): conjunctions, adverbs that open a sentence, prepositions, determiners.
 * None of them tells which entity a name is, so the key an identity reads leaves them out (identityKey).
 */
const LEADING_FUNCTION_WORDS = new Set(
  `the a an although though but and or then when while after before if as so since because yet meanwhile however
now also still even once until unless whereas where with at in on for from by of to during despite unlike
including against under over about into through thus here there this that these those his her its their every
each both all some several`.split(/\s+/),
)
/** Articles are part of how a name is written ("The Hague"); the other function words are not. */
const ARTICLES = new Set(['the', 'a', 'an'])

/**
 * The key an identity reads: the name key without function words run on before the name ("although
 * microsoft" → "microsoft", "the chargers" → "chargers"); one word at least is kept.
 */
export function identityKey(key: string): string {
  // A nickname in quotes is not part of the name ("Vincent 'Chin' Gigante" is Vincent Gigante).
  const words = keyWords(key).filter(
    (word, index, all) => all.length < 3 || !/^["'“‘].*["'”’]$/u.test(word),
  )
  let from = 0
  while (from < words.length - 1 && LEADING_FUNCTION_WORDS.has(words[from] as string)) from++
  return from === 0 && words.length === keyWords(key).length ? key : words.slice(from).join(' ')
}

/** A written name without function words run on before it ("Although Microsoft" → "Microsoft"; "The Hague" kept). */
export function withoutRunOnWords(text: string): string {
  let rest = text
  for (;;) {
    const match = /^(\p{L}+)\s+(?=\S)/u.exec(rest)
    const word = match?.[1]?.toLowerCase()
    if (
      match === null ||
      word === undefined ||
      !LEADING_FUNCTION_WORDS.has(word) ||
      ARTICLES.has(word)
    )
      return rest
    rest = rest.slice(match[0].length)
  }
}

/**
 * The words of a key. Memoised (bounded): a story compares every form with every other, each comparison asks
 * for both forms' words, and callers only read them.
 */
export const keyWords: (key: string) => readonly string[] = boundedMemo(MAX_NAMES_KEPT, (key) =>
  Object.freeze(key.split(' ').filter(Boolean)),
)

/** Whether a form is written as an acronym ("KCNA", "U.N.", "NATO"). */
export function isAcronym(text: string): boolean {
  return /^(?:\p{Lu}{2,7}s?|(?:\p{Lu}\.){2,6})$/u.test(text)
}

/** The initials of a multi-word name ("Korean Central News Agency" → "kcna"), or null for one word. */
export function initialsOf(name: string): string | null {
  const words = name
    .split(/[\s-]+/)
    .filter((word) => word !== '' && !ACRONYM_SKIP.has(word.toLowerCase()))
  if (words.length < 2) return null
  return words.map((word) => (word[0] as string).toLowerCase()).join('')
}

/** Whether `short` is an acronym of `full` ("KCNA" of "Korean Central News Agency"). */
export function isAcronymOf(short: string, full: string): boolean {
  if (!isAcronym(short)) return false
  const letters = short.replace(/[.]/g, '').replace(/s$/, '').toLowerCase()
  return letters.length >= 2 && initialsOf(full) === letters
}

/**
 * Whether a short form names the same as a longer one: its words are the longer one's first or last words
 * ("Peskov" / "Dmitry Peskov"; "Kim" / "Kim Jong Un", family name first).
 */
export function isShortFormOf(shortKey: string, fullKey: string): boolean {
  const short = keyWords(shortKey)
  const full = keyWords(fullKey)
  if (short.length >= full.length || short.length === 0) return false
  // Initials and generational suffixes left out ("Mark Felt" / "W. Mark Felt Sr.").
  const core = coreOf(fullKey)
  if (core.words >= 2 && core.text === coreOf(shortKey).text) return true
  // One word of three letters or more ("Kim", "Peskov"), not a given name pair ("Jong Un") nor "Un" / "UN".
  if (short.length === 1 && (short[0] as string).length < 3) return false
  // A surname with a particle ("Lo Presti" of "Gaetano Lo Presti", "De Niro" of "Robert De Niro").
  if (
    short.length === 2 &&
    SURNAME_PARTICLES.has(short[0] as string) &&
    full.slice(-2).join(' ') === short.join(' ')
  )
    return true
  if (short.length > 1 && !(short[0] === full[0] && short.at(-1) === full.at(-1))) return false
  // A middle name or patronymic left out ("Vladimir Putin" / "Vladimir Vladimirovich Putin").
  if (short.length >= 2 && short[0] === full[0] && short.at(-1) === full.at(-1)) return true
  // The short form is the full one's first or last words (words hold no space: compared word by word).
  return sameWords(short, full, 0) || sameWords(short, full, full.length - short.length)
}

/** Words that begin a surname of two words ("Lo Presti", "van Gogh", "bin Laden"). */
const SURNAME_PARTICLES = new Set([
  'de',
  'da',
  'di',
  'del',
  'della',
  'dos',
  'du',
  'la',
  'le',
  'lo',
  'van',
  'von',
  'der',
  'den',
  'ten',
  'bin',
  'ibn',
  'al',
  'el',
  'abu',
  'mac',
  'st',
  'san',
  'santa',
])

/** Whether `full` holds the words of `short` from word `from` on. */
function sameWords(short: readonly string[], full: readonly string[], from: number): boolean {
  for (let k = 0; k < short.length; k++) if (short[k] !== full[from + k]) return false
  return true
}

/** A key's person core (personCore) as its words joined and their count, memoised like keyWords. */
const coreOf = boundedMemo(MAX_NAMES_KEPT, (key) => {
  const core = personCore(keyWords(key))
  return { text: core.join(' '), words: core.length }
})

/** Generational suffixes, left out when two forms of a person's name are compared. */
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])

/** A person's name words without initials and generational suffixes ("w mark felt sr" → mark felt). */
export function personCore(words: readonly string[]): string[] {
  return words.filter((word) => word.length > 1 && !NAME_SUFFIXES.has(word))
}

/** Words that name the kind of a place after its name: "Mediterranean Sea" is the Mediterranean. */
const PLACE_KIND_WORDS = new Set([
  'sea',
  'ocean',
  'island',
  'islands',
  'river',
  'lake',
  'mountains',
  'desert',
  'peninsula',
  'strait',
  'canal',
  'city',
])

/**
 * Whether a shorter form names an organisation or place by a longer name's last words ("Colts" / "Indianapolis
 * Colts", "Navy" / "Indian Navy"), or a place without its kind word ("Mediterranean" / "Mediterranean Sea").
 * An organisation's first words name another one, the one it belongs to ("Microsoft" / "Microsoft Word",
 * "Staunton Police" / "Staunton Police Department"), so they never join.
 */
export function isPartOf(shortKey: string, fullKey: string): boolean {
  const short = keyWords(shortKey)
  const full = keyWords(fullKey)
  if (short.length >= full.length || short.length === 0) return false
  if (short.length === 1 && (short[0] as string).length < 3) return false
  const joined = short.join(' ')
  return (
    full.slice(-short.length).join(' ') === joined ||
    (full.length === short.length + 1 &&
      full.slice(0, short.length).join(' ') === joined &&
      PLACE_KIND_WORDS.has(full.at(-1) as string))
  )
}

/** Whether a short form is a name's first words ("Betty Ford" of "Betty Ford Center"). */
export function isHeadOf(shortKey: string, fullKey: string): boolean {
  const short = keyWords(shortKey)
  const full = keyWords(fullKey)
  if (short.length >= full.length || short.length === 0) return false
  if (short.length === 1 && (short[0] as string).length < 3) return false
  return full.slice(0, short.length).join(' ') === short.join(' ')
}

/**
 * Whether two forms of a person's name share the surname and one given name starts the other ("Fred" /
 * "Frederick LaRue", "Alex" / "Alexandros").
 */
export function isGivenNameVariant(aKey: string, bKey: string): boolean {
  const a = personCore(keyWords(aKey))
  const b = personCore(keyWords(bKey))
  if (a.length !== 2 || b.length !== 2 || a[1] !== b[1]) return false
  const [x, y] = [a[0] as string, b[0] as string]
  if (x === y) return false
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x]
  return shorter.length >= 3 && longer.startsWith(shorter)
}

/** Damerau-Levenshtein distance, stopping early once above `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, index) => index)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1)
      row.push(value)
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > limit) return limit + 1
    rows.push(row)
  }
  return rows[a.length]?.[b.length] ?? limit + 1
}

/** A stable id for a canonical name within its article or story ("Kim Jong Un" → "kim-jong-un"). */
export function slugOf(name: string): string {
  return (
    nameKey(name)
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'name'
  )
}

/** `base`, or `base-2`, `base-3`, … the first of them not in `used` (the caller adds it): ids that stay unique. */
export function unusedId(base: string, used: ReadonlySet<string>): string {
  let id = base
  for (let suffix = 2; used.has(id); suffix++) id = `${base}-${suffix}`
  return id
}
