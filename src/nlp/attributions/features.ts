import { CUE_STEMS, cueStem } from '../../data/reporting.js'
import type { TagToken } from './tokens.js'

/** Labels of the first layer: who (source) and the cue words. */
export const ROLE_LABELS = ['O', 'B-SRC', 'I-SRC', 'B-CUE', 'I-CUE'] as const
/** Labels of the second layer: what was said (content). */
export const CONTENT_LABELS = ['O', 'B-CON', 'I-CON'] as const

/**
 * The features of one token as a flat list of (template, value) pairs: [key, value, key, value, …], the form
 * the training scripts intern. A feature's name is `key=value`, or `key` when the value is empty (see
 * `featureName`); a template over two things (`pw`: previous word and word) has the value `a|b`.
 */
export type TokenFeatures = string[]

export function featureName(key: string, value: string): string {
  return value === '' ? key : `${key}=${value}`
}

/**
 * Where the templates write a token's features: a list of names for training (`collect`), or a tagger's
 * scores when decoding (perceptron.ts), which looks each feature's row up from the strings the token already
 * holds instead of building a string per feature (the tagging time and most of its garbage otherwise).
 * Writing the features of a text: `token()` before each token's first feature, tokens in order.
 */
export interface FeatureSink {
  token(): void
  /** The feature `key=value` (`key` when the value is empty). */
  add(key: string, value: string): void
  /** The feature `key=first|second`, without joining the two. */
  addPair(key: string, first: string, second: string): void
}

/** Features written to a sink, as the per-token (key, value) lists the training scripts read. */
export function collect(write: (sink: FeatureSink) => void): TokenFeatures[] {
  const tokens: TokenFeatures[] = []
  let current: TokenFeatures = []
  write({
    token: () => tokens.push((current = [])),
    add: (key, value) => current.push(key, value),
    addPair: (key, first, second) => current.push(key, `${first}|${second}`),
  })
  return tokens
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
  /** The word's last three characters. */
  suffix: string
  stem: string
  cue: boolean
}

const NONE: TokenFacts = { word: '_', shape: '_', suffix: '_', stem: '_', cue: false }

function factsOf(tokens: TagToken[]): TokenFacts[] {
  return tokens.map((token) => {
    const stem = cueStem(token.lower)
    return {
      word: token.lower,
      shape: shapeOf(token),
      suffix: token.lower.slice(-3),
      stem,
      cue: CUE_STEMS.has(stem),
    }
  })
}

/** The token, its shape and its neighbours: features both layers share. */
function writeWordFeatures(
  sink: FeatureSink,
  token: TokenFacts,
  previous: TokenFacts,
  next: TokenFacts,
): void {
  sink.token()
  sink.add('bias', '')
  sink.add('w', token.word)
  sink.add('s', token.shape)
  sink.add('p', previous.word)
  sink.add('n', next.word)
}

/** Features of each token for the source/cue layer: the words around it, their shapes, quotation state. */
export function roleFeatures(tokens: TagToken[]): TokenFeatures[] {
  return collect((sink) => writeRoleFeatures(tokens, sink))
}

/** The role features of each token, written to a sink (see roleFeatures). */
export function writeRoleFeatures(tokens: TagToken[], sink: FeatureSink): void {
  const facts = factsOf(tokens)
  tokens.forEach((token, i) => {
    const here = facts[i] ?? NONE
    const previous = facts[i - 1] ?? NONE
    const next = facts[i + 1] ?? NONE
    const w = here.word
    writeWordFeatures(sink, here, previous, next)
    sink.add('pp', (facts[i - 2] ?? NONE).word)
    sink.add('nn', (facts[i + 2] ?? NONE).word)
    sink.addPair('pw', previous.word, w)
    sink.addPair('wn', w, next.word)
    sink.addPair('ps', previous.shape, here.shape)
    sink.addPair('sn', here.shape, next.shape)
    sink.add('suf', here.suffix)
    sink.addPair('q', token.inQuote ? 'true' : 'false', here.shape)
    sink.add('stem', here.stem)
    if (here.cue) {
      sink.add('lex', '')
      sink.add('lex|ps', previous.shape)
      sink.add('lex|ns', next.shape)
    }
    if (next.cue) {
      sink.add('nlex|s', here.shape)
      sink.add('nlex|w', w)
    }
    if (previous.cue) sink.add('plex|s', here.shape)
    if (PRONOUNS.has(w)) sink.add('pron', '')
    const before = tokens[i - 1]
    const after = tokens[i + 1]
    if (before === undefined || before.sentence !== token.sentence) sink.add('first', '')
    if (after === undefined || after.sentence !== token.sentence) sink.add('last', '')
    if (before?.mark === 'close' || tokens[i - 2]?.mark === 'close') sink.add('afterclose', '')
    if (after?.mark === 'open' || tokens[i + 2]?.mark === 'open') sink.add('beforeopen', '')
  })
}

const distance = (d: number): string =>
  d <= 3 ? `${d}` : d <= 6 ? '4-6' : d <= 12 ? '7-12' : '13+'

/**
 * Features of each token for the content layer, given the first layer's roles: the token's place relative
 * to the nearest cue and source of its sentence (and of the sentences beside it), its quotation state, words.
 */
export function contentFeatures(tokens: TagToken[], roles: string[]): TokenFeatures[] {
  return collect((sink) => writeContentFeatures(tokens, roles, sink))
}

/** The content features of each token, written to a sink (see contentFeatures). */
export function writeContentFeatures(tokens: TagToken[], roles: string[], sink: FeatureSink): void {
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
  tokens.forEach((token, i) => {
    const here = facts[i] ?? NONE
    const q = token.inQuote ? 'Q' : token.mark !== null ? token.mark : 'U'
    const role = roles[i] ?? 'O'
    writeWordFeatures(sink, here, facts[i - 1] ?? NONE, facts[i + 1] ?? NONE)
    sink.add('q', q)
    sink.add('r', role)
    sink.add('rp', roles[i - 1] ?? '_')
    sink.add('rn', roles[i + 1] ?? '_')
    sink.addPair('qr', q, role)
    const before = cueBefore[i] === -1 ? undefined : cueBefore[i]
    const after = cueAfter[i] === -1 ? undefined : cueAfter[i]
    if (before !== undefined) {
      const d = distance(i - before)
      sink.add('ac', d)
      sink.addPair('ac|q', d, q)
      sink.add('ac|w', word(before))
      sink.add('ac1', word(before + 1))
      if (sourceBetween(before, i)) sink.add('srcbetween', '')
    }
    if (after !== undefined) {
      const d = distance(after - i)
      sink.add('bc', d)
      sink.addPair('bc|q', d, q)
      sink.add('bc|w', word(after))
      if (sourceBetween(i + 1, after)) sink.add('bc|src', '')
    }
    if (before === undefined && after === undefined) {
      sink.add('nocue|q', q)
      const near = (s: number): boolean => sentencesWithCues.has(s)
      if (near(token.sentence - 1)) sink.add('cueprev|q', q)
      if (near(token.sentence + 1)) sink.add('cuenext|q', q)
    }
    if (before !== undefined && after !== undefined) sink.add('between|q', q)
    const previous = tokens[i - 1]
    const next = tokens[i + 1]
    if (previous === undefined || previous.sentence !== token.sentence) sink.add('first|q', q)
    if (next === undefined || next.sentence !== token.sentence) sink.add('last|q', q)
  })
}
