import type { Token } from './tokenize.js'

/** Name lists the tagger looks words up in (baked into the model file; see models/README.md). */
export interface Gazetteer {
  /** Given names, lower case. */
  firstNames: Set<string>
  /** Lower-case phrases (countries, capitals, cities, continents) by their first word. */
  places: Map<string, string[][]>
  /** Nationality and group adjectives ("russian", "korean"), lower case. */
  demonyms: Set<string>
  /** Words of titles and roles that stand before a name ("spokesman", "president", "mr"). */
  roles: Set<string>
  /** Country names, lower case (a subset of `places`): a country stays a place where a city names a team. */
  countries: Set<string>
  /** Words of company names, lower case ("lenovo", "railway"): empty in models built before them. */
  companyWords: Set<string>
  /** Parts of people's names, given and family ("sarkisian", "yeo"), lower case: empty in older models. */
  personNames: Set<string>
  /**
   * Per lower-case word, how often edited news writes it capitalised where case speaks (0 never … 4 always;
   * scripts/case-lexicon.ts): empty in models built before session 17 (then no case-class feature fires).
   */
  caseClasses: Map<string, number>
  /**
   * Per lower-case word, its path in a tree of distributional word clusters as bits ('0110…';
   * scripts/word-clusters.ts, models/word-clusters.tsv.gz): empty in models built without them (then no
   * cluster feature fires).
   */
  wordClusters: Map<string, string>
}

/** A gazetteer with every list empty (no list feature fires): for toy texts and tests. */
export function emptyGazetteer(): Gazetteer {
  return {
    firstNames: new Set(),
    places: new Map(),
    demonyms: new Set(),
    roles: new Set(),
    countries: new Set(),
    companyWords: new Set(),
    personNames: new Set(),
    caseClasses: new Map(),
    wordClusters: new Map(),
  }
}

/** What the features of one text need, computed once per text. */
export interface FeatureContext {
  tokens: Token[]
  lower: string[]
  shapes: string[]
  /** Per token: 'B' / 'I' when inside a gazetteer place phrase, '' otherwise. */
  placeTags: string[]
  sentenceStart: boolean[]
  /** The sentence is written in capitals (a headline): case says little there. */
  capsSentence: boolean[]
  /** The sentence is written in title case (a headline: "Lohan Checks Into Rehab"): case says less there. */
  titleSentence: boolean[]
  /** The word occurs in lower case elsewhere in the text, not at a sentence start. */
  seenLower: boolean[]
  /**
   * The token stands where case says little (a sentence start, a headline) and the word occurs capitalised
   * elsewhere in the text where case speaks (mid-sentence, not a headline).
   */
  seenCapital: boolean[]
}

/** Word shape with runs collapsed: "Peskov" Xx, "KCNA" X, "U.S." X.X., "Jong-un" Xx-x, "2024" d. */
export function shapeOf(word: string): string {
  let shape = ''
  let last = ''
  for (let index = 0; index < word.length && shape.length < 8; index++) {
    const kind = charKind(word[index] as string)
    if (kind !== last) shape += kind
    last = kind
  }
  return shape
}

/** X upper-case letter, x other letter, d digit, else the character itself (char codes first: hot path). */
function charKind(char: string): string {
  const code = char.charCodeAt(0)
  if (code >= 65 && code <= 90) return 'X'
  if (code >= 97 && code <= 122) return 'x'
  if (code >= 48 && code <= 57) return 'd'
  if (code < 128) return char
  const upper = char.toUpperCase()
  const lower = char.toLowerCase()
  if (upper === lower) return /\p{N}/u.test(char) ? 'd' : /\p{L}/u.test(char) ? 'x' : char
  return char === upper ? 'X' : 'x'
}

/**
 * Whether a word starts with an upper-case letter (`/^\p{Lu}/u`), by its first character's code when it is
 * ASCII (the hot path: every token of every text asks).
 */
export function startsUpper(word: string): boolean {
  const code = word.charCodeAt(0)
  return code < 128 ? code >= 65 && code <= 90 : /^\p{Lu}/u.test(word)
}

/** Whether a word starts with a lower-case letter (`/^\p{Ll}/u`); ASCII by character code. */
function startsLower(word: string): boolean {
  const code = word.charCodeAt(0)
  return code < 128 ? code >= 97 && code <= 122 : /^\p{Ll}/u.test(word)
}

/** Whether a word holds a letter (`/\p{L}/u`); an all-ASCII word by character codes. */
function hasLetter(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index)
    if (code >= 128) return /\p{L}/u.test(word)
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true
  }
  return false
}

/** Whether a word is all capitals as toUpperCase sees it (`word === word.toUpperCase()`); ASCII by codes. */
function isUpperCase(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index)
    if (code >= 128) return word === word.toUpperCase()
    if (code >= 97 && code <= 122) return false
  }
  return true
}

/** Marks after which a sentence starts again (an opening quotation mark, a dash, a colon). */
const OPENERS = new Set(['"', '“', '‘', "'", '(', '-', '–', '—', ':'])

export function featureContext(tokens: Token[], gazetteer: Gazetteer): FeatureContext {
  const lower = tokens.map((token) => token.text.toLowerCase())
  const shapes = tokens.map((token) => shapeOf(token.text))
  const sentenceStart = tokens.map(
    (token, index) =>
      index === 0 ||
      (tokens[index - 1] as Token).sentence !== token.sentence ||
      OPENERS.has((tokens[index - 1] as Token).text),
  )
  const lowerSeen = new Set<string>()
  tokens.forEach((token, index) => {
    if (!sentenceStart[index] && startsLower(token.text)) lowerSeen.add(token.text)
  })
  const capsBySentence = new Map<number, { letters: number; caps: number; initials: number }>()
  for (const token of tokens) {
    if (!hasLetter(token.text)) continue
    const counts = capsBySentence.get(token.sentence) ?? { letters: 0, caps: 0, initials: 0 }
    counts.letters++
    if (token.text.length > 1 && isUpperCase(token.text)) counts.caps++
    if (startsUpper(token.text)) counts.initials++
    capsBySentence.set(token.sentence, counts)
  }
  const capsSentence = tokens.map((token) => {
    const counts = capsBySentence.get(token.sentence)
    return counts !== undefined && counts.letters >= 3 && counts.caps / counts.letters > 0.6
  })
  const titleSentence = tokens.map((token) => {
    const counts = capsBySentence.get(token.sentence)
    return counts !== undefined && counts.letters >= 4 && counts.initials / counts.letters > 0.75
  })
  const capitalSeen = new Set<string>()
  tokens.forEach((token, index) => {
    if (
      !sentenceStart[index] &&
      !capsSentence[index] &&
      !titleSentence[index] &&
      startsUpper(token.text)
    )
      capitalSeen.add(lower[index] as string)
  })
  const seenCapital = lower.map(
    (word, index) =>
      (sentenceStart[index] === true ||
        capsSentence[index] === true ||
        titleSentence[index] === true) &&
      capitalSeen.has(word),
  )
  return {
    tokens,
    lower,
    shapes,
    titleSentence,
    seenCapital,
    placeTags: placeTags(lower, gazetteer),
    sentenceStart,
    capsSentence,
    seenLower: lower.map((word) => lowerSeen.has(word)),
  }
}

/** Longest gazetteer place phrase at each position, as B/I tags. */
function placeTags(lower: string[], gazetteer: Gazetteer): string[] {
  const tags = lower.map(() => '')
  for (let index = 0; index < lower.length; index++) {
    const phrases = gazetteer.places.get(lower[index] as string)
    if (phrases === undefined) continue
    const phrase = phrases.find((words) =>
      words.every((word, offset) => lower[index + offset] === word),
    )
    if (phrase === undefined) continue
    phrase.forEach((_, offset) => (tags[index + offset] = offset === 0 ? 'B' : 'I'))
    index += phrase.length - 1
  }
  return tags
}

function caseOf(word: string): string {
  const ascii = asciiCaseOf(word)
  if (ascii !== null) return ascii
  if (!/\p{L}/u.test(word)) return 'n'
  if (word === word.toUpperCase()) return word.length === 1 ? 'c' : 'a'
  if (/^\p{Lu}/u.test(word)) return 'c'
  if (/\p{Lu}/u.test(word)) return 'm'
  return 'l'
}

/**
 * caseOf for ASCII words, by character codes (the hot path; the same answers as the Unicode classes); null for a
 * word with a character beyond ASCII (found in the same pass: no regular expression run per token first).
 */
function asciiCaseOf(word: string): string | null {
  let upper = 0
  let lower = 0
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index)
    if (code >= 128) return null
    if (code >= 65 && code <= 90) upper++
    else if (code >= 97 && code <= 122) lower++
  }
  if (upper + lower === 0) return 'n'
  if (lower === 0) return word.length === 1 ? 'c' : 'a'
  const first = word.charCodeAt(0)
  if (first >= 65 && first <= 90) return 'c'
  return upper > 0 ? 'm' : 'l'
}

const PAD = '<s>'

/**
 * Every marked case (caseOf's five, then '', H or T, then '' or S) as one string, built once: a text's tokens
 * share these few strings instead of concatenating one per token, and the scorer's look-ups by them hash each
 * once per process.
 */
const MARKED_CASES = new Map(
  ['n', 'c', 'a', 'm', 'l'].map((wordCase) => [
    wordCase,
    ['', 'H', 'T'].flatMap((caps) => [wordCase + caps, `${wordCase}${caps}S`]),
  ]),
)

/** A token's case, marked for headline sentences (H capitals, T title case) and sentence starts (S). */
export function wordCaseAt(context: FeatureContext, index: number): string {
  const raw = (context.tokens[index] as { text: string }).text
  const caps = context.capsSentence[index] ? 1 : context.titleSentence[index] ? 2 : 0
  const marked = MARKED_CASES.get(caseOf(raw)) as string[]
  return marked[caps * 2 + (context.sentenceStart[index] ? 1 : 0)] as string
}

/** The features that read the tag before the token (first order: Viterbi decodes over them). */
export function tagFeatures(context: FeatureContext, index: number, previousTag: string): string[] {
  const word = context.lower[index] as string
  const wordCase = wordCaseAt(context, index)
  return [
    `t-1=${previousTag}`,
    `t-1w=${previousTag}|${word}`,
    `t-1s=${previousTag}|${context.shapes[index]}`,
    `t-1c=${previousTag}|${wordCase}`,
  ]
}

/** The features of the text around the token alone (the same on every training pass: cached there). */
export function staticFeatures(
  context: FeatureContext,
  gazetteer: Gazetteer,
  index: number,
): string[] {
  const { lower, shapes } = context
  const word = lower[index] as string
  const at = (offset: number): string => lower[index + offset] ?? PAD
  const shapeAt = (offset: number): string => shapes[index + offset] ?? PAD
  const wordCase = wordCaseAt(context, index)
  const features = [
    'b',
    `w=${word}`,
    `s=${shapes[index]}`,
    `c=${wordCase}`,
    `p2=${word.slice(0, 2)}`,
    `p3=${word.slice(0, 3)}`,
    `p4=${word.slice(0, 4)}`,
    `x2=${word.slice(-2)}`,
    `x3=${word.slice(-3)}`,
    `x4=${word.slice(-4)}`,
    `w-1=${at(-1)}`,
    `w+1=${at(1)}`,
    `w-2=${at(-2)}`,
    `w+2=${at(2)}`,
    `s-1=${shapeAt(-1)}`,
    `s+1=${shapeAt(1)}`,
    `s-1s+1=${shapeAt(-1)}|${shapes[index]}|${shapeAt(1)}`,
    `w-1w=${at(-1)}|${word}`,
    `ww+1=${word}|${at(1)}`,
  ]
  features.push(...listFeatures(context, gazetteer, index, wordCase))
  return features
}

/** The features some tokens have: a word seen in lower case, in a gazetteer list or after one. */
export function listFeatures(
  context: FeatureContext,
  gazetteer: Gazetteer,
  index: number,
  wordCase: string,
): string[] {
  const { lower, shapes } = context
  const word = lower[index] as string
  const before = lower[index - 1] ?? PAD
  const features: string[] = []
  if (context.seenLower[index]) features.push(`dl=${wordCase}`)
  if (context.seenCapital[index]) features.push(`du=${wordCase}`)
  const place = context.placeTags[index] as string
  if (place !== '') features.push(`gp=${place}`, `gpc=${place}${wordCase}`)
  if (gazetteer.firstNames.has(word))
    features.push(`gf=${wordCase}`, `gf+1=${shapes[index + 1] ?? PAD}`)
  if (gazetteer.firstNames.has(before)) features.push(`gf-1=${shapes[index]}`)
  if (gazetteer.demonyms.has(word)) features.push(`gd=${wordCase}`)
  if (gazetteer.roles.has(before)) features.push(`gr-1=${shapes[index]}`)
  if (gazetteer.roles.has(word)) features.push(`gr=${wordCase}`)
  if (gazetteer.companyWords.has(word)) features.push(`gc=${wordCase}`)
  if (gazetteer.personNames.has(word)) features.push(`gn=${wordCase}`)
  if (gazetteer.personNames.has(before)) features.push(`gn-1=${shapes[index]}`)
  if (gazetteer.caseClasses.size > 0) {
    const own = caseClassOf(gazetteer, word)
    features.push(
      `cr=${own}`,
      `crc=${own}|${wordCase}`,
      `cr-1=${caseClassOf(gazetteer, before)}`,
      `cr+1=${caseClassOf(gazetteer, lower[index + 1] ?? PAD)}`,
    )
  }
  if (gazetteer.wordClusters.size > 0) {
    for (const key of clusterKeys(gazetteer, word)) features.push(`cw=${key}`)
    for (const key of clusterKeys(gazetteer, before)) features.push(`cw-1=${key}`)
    for (const key of clusterKeys(gazetteer, lower[index + 1] ?? PAD)) features.push(`cw+1=${key}`)
  }
  return features
}

/**
 * Prefix lengths of a word's cluster path read as features: Ratinov & Roth (2009) read Brown-cluster paths at
 * 4, 6, 10 and 20 bits; our trees stop at 14 bits, so the whole path stands for the last (set a priori).
 */
export const CLUSTER_PREFIXES = [4, 6, 10] as const

/** The cluster keys of a word ('4:0110', '6:011010', '10:…', 'p:<whole path>'), or 'u' for a word without one. */
export function clusterKeys(gazetteer: Gazetteer, word: string): string[] {
  const path = gazetteer.wordClusters.get(word)
  if (path === undefined) return ['u']
  return [...CLUSTER_PREFIXES.map((length) => `${length}:${path.slice(0, length)}`), `p:${path}`]
}

/** A word's case class ('0'…'4'), 'u' for a word the lexicon lacks, 'n' for punctuation and numbers. */
export function caseClassOf(gazetteer: Gazetteer, word: string): string {
  const known = gazetteer.caseClasses.get(word)
  if (known !== undefined) return String(known)
  return word === PAD ? PAD : /^\p{L}/u.test(word) ? 'u' : 'n'
}
