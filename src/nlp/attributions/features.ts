import { CUE_STEMS, cueStem } from '../../data/reporting.js'
import type { TagToken } from './tokens.js'

/** Labels of the first layer: who (source) and the cue words. */
export const ROLE_LABELS = ['O', 'B-SRC', 'I-SRC', 'B-CUE', 'I-CUE'] as const
/** Labels of the second layer: what was said (content). */
export const CONTENT_LABELS = ['O', 'B-CON', 'I-CON'] as const

/**
 * The features of one token as a flat list of (template, value) pairs: [key, value, key, value, …]. Kept apart
 * rather than joined ("w=said"), so that decoding looks up the token's own strings, whose hashes the engine
 * caches, instead of hashing a freshly built string per feature (most of the tagging time otherwise).
 * A feature's name is `key=value`, or `key` when the value is empty (see `featureName`).
 */
export type TokenFeatures = string[]

export function featureName(key: string, value: string): string {
  return value === '' ? key : `${key}=${value}`
}

const PRONOUNS = new Set(
  'he she they i we it you who him her them his their its me us our my this these those'.split(' '),
)

/** Word shape: Xx, x, X, d, or the punctuation itself. */
function shapeOf(token: TagToken): string {
  const text = token.text
  if (/^\p{Lu}\p{Ll}/u.test(text)) return 'Xx'
  if (/^\p{Ll}/u.test(text)) return 'x'
  if (/^\p{Lu}+$/u.test(text)) return 'X'
  if (/^\p{N}/u.test(text)) return 'd'
  if (token.mark !== null) return token.mark
  return text
}

/** What the templates read of a token, computed once per token. */
interface TokenFacts {
  word: string
  shape: string
  cue: boolean
}

const NONE: TokenFacts = { word: '_', shape: '_', cue: false }

function factsOf(tokens: TagToken[]): TokenFacts[] {
  return tokens.map((token) => ({
    word: token.lower,
    shape: shapeOf(token),
    cue: CUE_STEMS.has(cueStem(token.lower)),
  }))
}

/** The token, its shape and its neighbours: features both layers share. */
function wordFeatures(token: TokenFacts, previous: TokenFacts, next: TokenFacts): string[] {
  return ['bias', '', 'w', token.word, 's', token.shape, 'p', previous.word, 'n', next.word]
}

/** Features of each token for the source/cue layer: the words around it, their shapes, quotation state. */
export function roleFeatures(tokens: TagToken[]): TokenFeatures[] {
  const facts = factsOf(tokens)
  return tokens.map((token, i) => {
    const here = facts[i] ?? NONE
    const previous = facts[i - 1] ?? NONE
    const next = facts[i + 1] ?? NONE
    const w = here.word
    const features = wordFeatures(here, previous, next)
    features.push(
      'pp',
      (facts[i - 2] ?? NONE).word,
      'nn',
      (facts[i + 2] ?? NONE).word,
      'pw',
      `${previous.word}|${w}`,
      'wn',
      `${w}|${next.word}`,
      'ps',
      `${previous.shape}|${here.shape}`,
      'sn',
      `${here.shape}|${next.shape}`,
      'suf',
      w.slice(-3),
      'q',
      `${token.inQuote}|${here.shape}`,
      'stem',
      cueStem(w),
    )
    if (here.cue) features.push('lex', '', 'lex|ps', previous.shape, 'lex|ns', next.shape)
    if (next.cue) features.push('nlex|s', here.shape, 'nlex|w', w)
    if (previous.cue) features.push('plex|s', here.shape)
    if (PRONOUNS.has(w)) features.push('pron', '')
    const before = tokens[i - 1]
    const after = tokens[i + 1]
    if (before === undefined || before.sentence !== token.sentence) features.push('first', '')
    if (after === undefined || after.sentence !== token.sentence) features.push('last', '')
    if (before?.mark === 'close' || tokens[i - 2]?.mark === 'close') features.push('afterclose', '')
    if (after?.mark === 'open' || tokens[i + 2]?.mark === 'open') features.push('beforeopen', '')
    return features
  })
}

const distance = (d: number): string =>
  d <= 3 ? `${d}` : d <= 6 ? '4-6' : d <= 12 ? '7-12' : '13+'

/**
 * Features of each token for the content layer, given the first layer's roles: the token's place relative
 * to the nearest cue and source of its sentence (and of the sentences beside it), its quotation state, words.
 */
export function contentFeatures(tokens: TagToken[], roles: string[]): TokenFeatures[] {
  const facts = factsOf(tokens)
  const cueAt = tokens.map((_, i) => (roles[i] ?? 'O').endsWith('CUE'))
  // Sources up to each token (prefix sums) and the nearest cue before and after each token in its sentence,
  // in linear passes, so that a long sentence costs no more per token than a short one.
  const sourcesBefore = new Int32Array(tokens.length + 1)
  tokens.forEach((_, i) => {
    sourcesBefore[i + 1] = (sourcesBefore[i] ?? 0) + ((roles[i] ?? 'O').endsWith('SRC') ? 1 : 0)
  })
  const sourceBetween = (from: number, to: number): boolean =>
    to > from && (sourcesBefore[to] ?? 0) - (sourcesBefore[from] ?? 0) > 0
  const cueBefore = new Int32Array(tokens.length).fill(-1)
  const cueAfter = new Int32Array(tokens.length).fill(-1)
  for (let i = 1; i < tokens.length; i++)
    if (tokens[i]?.sentence === tokens[i - 1]?.sentence)
      cueBefore[i] = cueAt[i - 1] ? i - 1 : (cueBefore[i - 1] ?? -1)
  for (let i = tokens.length - 2; i >= 0; i--)
    if (tokens[i]?.sentence === tokens[i + 1]?.sentence)
      cueAfter[i] = cueAt[i + 1] ? i + 1 : (cueAfter[i + 1] ?? -1)
  const sentencesWithCues = new Set<number>()
  tokens.forEach((token, i) => {
    if (cueAt[i]) sentencesWithCues.add(token.sentence)
  })
  const word = (i: number): string => (facts[i] ?? NONE).word
  return tokens.map((token, i) => {
    const here = facts[i] ?? NONE
    const q = token.inQuote ? 'Q' : token.mark !== null ? token.mark : 'U'
    const role = roles[i] ?? 'O'
    const features = wordFeatures(here, facts[i - 1] ?? NONE, facts[i + 1] ?? NONE)
    features.push(
      'q',
      q,
      'r',
      role,
      'rp',
      roles[i - 1] ?? '_',
      'rn',
      roles[i + 1] ?? '_',
      'qr',
      `${q}|${role}`,
    )
    const before = cueBefore[i] === -1 ? undefined : cueBefore[i]
    const after = cueAfter[i] === -1 ? undefined : cueAfter[i]
    if (before !== undefined) {
      const d = distance(i - before)
      features.push('ac', d, 'ac|q', `${d}|${q}`, 'ac|w', word(before), 'ac1', word(before + 1))
      if (sourceBetween(before, i)) features.push('srcbetween', '')
    }
    if (after !== undefined) {
      const d = distance(after - i)
      features.push('bc', d, 'bc|q', `${d}|${q}`, 'bc|w', word(after))
      if (sourceBetween(i + 1, after)) features.push('bc|src', '')
    }
    if (before === undefined && after === undefined) {
      features.push('nocue|q', q)
      const near = (s: number): boolean => sentencesWithCues.has(s)
      if (near(token.sentence - 1)) features.push('cueprev|q', q)
      if (near(token.sentence + 1)) features.push('cuenext|q', q)
    }
    if (before !== undefined && after !== undefined) features.push('between|q', q)
    const previous = tokens[i - 1]
    const next = tokens[i + 1]
    if (previous === undefined || previous.sentence !== token.sentence) features.push('first|q', q)
    if (next === undefined || next.sentence !== token.sentence) features.push('last|q', q)
    return features
  })
}
