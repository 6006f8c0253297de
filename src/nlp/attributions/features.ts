import { CUE_STEMS, cueStem } from '../../data/reporting.js'
import { boundedMemo } from '../../text/memo.js'
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
 * Every feature template of the two layers, by name; the templates write a feature as the template's index
 * here and its value's id (`FeatureSink.value`), so that decoding never builds nor hashes a feature's name.
 */
export const TEMPLATES = [
  // Both layers (writeWordFeatures).
  'bias',
  'w',
  's',
  'p',
  'n',
  // The source/cue layer.
  'pp',
  'nn',
  'pw',
  'wn',
  'ps',
  'sn',
  'suf',
  'q',
  'stem',
  'lex',
  'lex|ps',
  'lex|ns',
  'nlex|s',
  'nlex|w',
  'plex|s',
  'pron',
  'first',
  'last',
  'afterclose',
  'beforeopen',
  // The content layer.
  'r',
  'rp',
  'rn',
  'qr',
  'ac',
  'ac|q',
  'ac|w',
  'ac1',
  'srcbetween',
  'bc',
  'bc|q',
  'bc|w',
  'bc|src',
  'nocue|q',
  'cueprev|q',
  'cuenext|q',
  'between|q',
  'first|q',
  'last|q',
] as const
export type TemplateName = (typeof TEMPLATES)[number]
const T = Object.fromEntries(TEMPLATES.map((name, index) => [name, index])) as Record<
  TemplateName,
  number
>

/**
 * Where the templates write a token's features: a list of names for training (`collect`), or a tagger's
 * scores when decoding (perceptron.ts), which finds each feature's row by the template's index and the
 * value's id instead of building a string per feature (the tagging time and most of its garbage otherwise).
 * Writing the features of a text: `token()` before each token's first feature, tokens in order; a token whose
 * `token()` is false is not read (a paragraph the content pass skips), so its features need not be written.
 */
export interface FeatureSink {
  /** Where `value`'s ids come from: two sinks with the same space give a value the same id. */
  readonly space: object
  /** Starts the next token; false when its features are not read (writing them would change nothing). */
  token(): boolean
  /**
   * The id a value is written with: when decoding, its id in the model (negative when no feature holds it,
   * then nothing is looked up); when collecting, any id that gives the value back. Taken once per value.
   */
  value(text: string): number
  /** The feature `template=value` (`template` when the value is the empty string). */
  add(template: number, value: number): void
  /** The feature `template=first|second`, without joining the two. */
  addPair(template: number, first: number, second: number): void
}

/** Features written to a sink, as the per-token (key, value) lists the training scripts read. */
export function collect(write: (sink: FeatureSink) => void): TokenFeatures[] {
  const tokens: TokenFeatures[] = []
  let current: TokenFeatures = []
  const values: string[] = []
  const ids = new Map<string, number>()
  write({
    // Ids of this collection alone: never taken for another sink's.
    space: {},
    token: () => {
      tokens.push((current = []))
      return true
    },
    value: (text) => {
      let id = ids.get(text)
      if (id === undefined) ids.set(text, (id = values.push(text) - 1))
      return id
    },
    add: (template, value) => current.push(TEMPLATES[template] as string, values[value] as string),
    addPair: (template, first, second) =>
      current.push(TEMPLATES[template] as string, `${values[first]}|${values[second]}`),
  })
  return tokens
}

const PRONOUNS = new Set(
  'he she they i we it you who him her them his their its me us our my this these those'.split(' '),
)

/** Words and stems whose shape or cue stem is kept (a bound on a long-running process's memory). */
const MAX_CACHED_WORDS = 100_000

/** The shape a word's letters give (Xx, x, X, d), or null for punctuation and the like. */
function letterShape(text: string): string | null {
  if (/^\p{Lu}\p{Ll}/u.test(text)) return 'Xx'
  if (/^\p{Ll}/u.test(text)) return 'x'
  if (/^\p{Lu}+$/u.test(text)) return 'X'
  if (/^\p{N}/u.test(text)) return 'd'
  return null
}

/** What the templates read of a token, computed once per text (both layers read the same). */
export interface TokenFacts {
  word: string
  shape: string
  /** The word's last three characters. */
  suffix: string
  stem: string
  cue: boolean
  /** The word is a pronoun (PRONOUNS): read once per form, not looked up per token. */
  pronoun: boolean
}

/**
 * The facts of a written form with the shape it has when it is no quotation mark (Xx, x, X, d, or the
 * punctuation itself), and as an opening or a closing mark (the shape is then the mark): everything the
 * templates read of a token but its place, so they are worked out once per form, not once per token, and a
 * text's tokens share the same few objects (valueIds keeps their ids by object). Memoised by form.
 */
const factsOfForm = boundedMemo(MAX_CACHED_WORDS, (text) => {
  const lowered = text.toLowerCase()
  const word = lowered.includes('’') ? lowered.replace(/’/g, "'") : lowered
  const stem = cueStem(word)
  const facts = {
    word,
    suffix: word.slice(-3),
    stem,
    cue: CUE_STEMS.has(stem),
    pronoun: PRONOUNS.has(word),
  }
  const marked = (mark: string): TokenFacts => ({ ...facts, shape: letterShape(text) ?? mark })
  return { plain: marked(text), open: marked('open'), close: marked('close') }
})

/** The facts of every token of a text, for `writeRoleFeatures` and `writeContentFeatures` (shared: read only). */
export function tokenFacts(tokens: TagToken[]): TokenFacts[] {
  return tokens.map((token) => factsOfForm(token.text)[token.mark ?? 'plain'])
}

/** What stands for a missing neighbour (before the first token, after the last). */
const NONE = '_'
/** Neighbours a template reads on either side: the id arrays below are padded by this many NONE ids. */
const PAD = 2

/**
 * The ids of the tokens' word, shape, suffix and stem in one sink, padded by PAD ids of NONE on both sides
 * (token i is at i + PAD), so that the neighbours' values are read without a test.
 */
interface ValueIds {
  word: Int32Array
  shape: Int32Array
  suffix: Int32Array
  stem: Int32Array
  none: number
}

/** Ids of a text's facts, kept for the next sink of the same space (the other layer's tagger). */
const idsOfFacts = new WeakMap<TokenFacts[], { space: object; ids: ValueIds }>()

/**
 * Per space, the ids of each fact object's word, shape, suffix and stem: a text's tokens share the fact
 * objects of their forms (tokenFacts), so a token's four values cost one look-up by object, not four by string.
 */
const idsBySpace = new WeakMap<object, Map<TokenFacts, Int32Array>>()

function valueIds(facts: TokenFacts[], sink: FeatureSink): ValueIds {
  const known = idsOfFacts.get(facts)
  if (known !== undefined && known.space === sink.space) return known.ids
  let bySpace = idsBySpace.get(sink.space)
  if (bySpace === undefined) idsBySpace.set(sink.space, (bySpace = new Map()))
  const none = sink.value(NONE)
  const padded = (): Int32Array => new Int32Array(facts.length + 2 * PAD).fill(none)
  const ids: ValueIds = {
    word: padded(),
    shape: padded(),
    suffix: padded(),
    stem: padded(),
    none,
  }
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i] as TokenFacts
    let values = bySpace.get(fact)
    if (values === undefined) {
      // Three fact objects per form are kept (factsOfForm): a bound of the same order.
      if (bySpace.size >= 3 * MAX_CACHED_WORDS) bySpace.clear()
      values = Int32Array.of(
        sink.value(fact.word),
        sink.value(fact.shape),
        sink.value(fact.suffix),
        sink.value(fact.stem),
      )
      bySpace.set(fact, values)
    }
    ids.word[i + PAD] = values[0] as number
    ids.shape[i + PAD] = values[1] as number
    ids.suffix[i + PAD] = values[2] as number
    ids.stem[i + PAD] = values[3] as number
  }
  idsOfFacts.set(facts, { space: sink.space, ids })
  return ids
}

/**
 * The token, its shape and its neighbours: features both layers share (`at` is the token's padded index). Starts
 * the token: false, and nothing written, when the sink does not read it.
 */
function writeWordFeatures(sink: FeatureSink, ids: ValueIds, at: number, empty: number): boolean {
  if (!sink.token()) return false
  sink.add(T.bias, empty)
  sink.add(T.w, ids.word[at] as number)
  sink.add(T.s, ids.shape[at] as number)
  sink.add(T.p, ids.word[at - 1] as number)
  sink.add(T.n, ids.word[at + 1] as number)
  return true
}

/** Features of each token for the source/cue layer: the words around it, their shapes, quotation state. */
export function roleFeatures(tokens: TagToken[]): TokenFeatures[] {
  return collect((sink) => writeRoleFeatures(tokens, sink))
}

/** The role features of each token, written to a sink (see roleFeatures). */
export function writeRoleFeatures(
  tokens: TagToken[],
  sink: FeatureSink,
  facts: TokenFacts[] = tokenFacts(tokens),
): void {
  const ids = valueIds(facts, sink)
  const { word, shape } = ids
  const empty = sink.value('')
  const quoted = sink.value('true')
  const unquoted = sink.value('false')
  const cue = (i: number): boolean => facts[i]?.cue === true
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as TagToken
    const at = i + PAD
    const w = word[at] as number
    if (!writeWordFeatures(sink, ids, at, empty)) continue
    sink.add(T.pp, word[at - 2] as number)
    sink.add(T.nn, word[at + 2] as number)
    sink.addPair(T.pw, word[at - 1] as number, w)
    sink.addPair(T.wn, w, word[at + 1] as number)
    sink.addPair(T.ps, shape[at - 1] as number, shape[at] as number)
    sink.addPair(T.sn, shape[at] as number, shape[at + 1] as number)
    sink.add(T.suf, ids.suffix[at] as number)
    sink.addPair(T.q, token.inQuote ? quoted : unquoted, shape[at] as number)
    sink.add(T.stem, ids.stem[at] as number)
    if (cue(i)) {
      sink.add(T.lex, empty)
      sink.add(T['lex|ps'], shape[at - 1] as number)
      sink.add(T['lex|ns'], shape[at + 1] as number)
    }
    if (cue(i + 1)) {
      sink.add(T['nlex|s'], shape[at] as number)
      sink.add(T['nlex|w'], w)
    }
    if (cue(i - 1)) sink.add(T['plex|s'], shape[at] as number)
    // The form's word is the token's lower-case text (tokens.ts lowers it the same way).
    if ((facts[i] as TokenFacts).pronoun) sink.add(T.pron, empty)
    const before = tokens[i - 1]
    const after = tokens[i + 1]
    if (before === undefined || before.sentence !== token.sentence) sink.add(T.first, empty)
    if (after === undefined || after.sentence !== token.sentence) sink.add(T.last, empty)
    if (before?.mark === 'close' || tokens[i - 2]?.mark === 'close') sink.add(T.afterclose, empty)
    if (after?.mark === 'open' || tokens[i + 2]?.mark === 'open') sink.add(T.beforeopen, empty)
  }
}

const DISTANCES = ['1', '2', '3', '4-6', '7-12', '13+']
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
export function writeContentFeatures(
  tokens: TagToken[],
  roles: string[],
  sink: FeatureSink,
  facts: TokenFacts[] = tokenFacts(tokens),
): void {
  const ids = valueIds(facts, sink)
  const empty = sink.value('')
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
  // The few values of quotation state, role and distance, each taken once.
  const value = new Map<string, number>()
  const idOf = (text: string): number => {
    let id = value.get(text)
    if (id === undefined) value.set(text, (id = sink.value(text)))
    return id
  }
  const distanceIds = DISTANCES.map(idOf)
  const distanceId = (d: number): number =>
    (d <= 3 ? distanceIds[d - 1] : idOf(distance(d))) as number
  const roleIds = roles.map(idOf)
  const noRole = idOf('O')
  const none = idOf(NONE)
  const word = (i: number): number => ids.word[i + PAD] as number
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as TagToken
    if (!writeWordFeatures(sink, ids, i + PAD, empty)) continue
    const q = idOf(token.inQuote ? 'Q' : token.mark !== null ? token.mark : 'U')
    const role = roleIds[i] ?? noRole
    sink.add(T.q, q)
    sink.add(T.r, role)
    sink.add(T.rp, roleIds[i - 1] ?? none)
    sink.add(T.rn, roleIds[i + 1] ?? none)
    sink.addPair(T.qr, q, role)
    const before = cueBefore[i] === -1 ? undefined : cueBefore[i]
    const after = cueAfter[i] === -1 ? undefined : cueAfter[i]
    if (before !== undefined) {
      const d = distanceId(i - before)
      sink.add(T.ac, d)
      sink.addPair(T['ac|q'], d, q)
      sink.add(T['ac|w'], word(before))
      sink.add(T.ac1, word(before + 1))
      if (sourceBetween(before, i)) sink.add(T.srcbetween, empty)
    }
    if (after !== undefined) {
      const d = distanceId(after - i)
      sink.add(T.bc, d)
      sink.addPair(T['bc|q'], d, q)
      sink.add(T['bc|w'], word(after))
      if (sourceBetween(i + 1, after)) sink.add(T['bc|src'], empty)
    }
    if (before === undefined && after === undefined) {
      sink.add(T['nocue|q'], q)
      const near = (s: number): boolean => sentencesWithCues.has(s)
      if (near(token.sentence - 1)) sink.add(T['cueprev|q'], q)
      if (near(token.sentence + 1)) sink.add(T['cuenext|q'], q)
    }
    if (before !== undefined && after !== undefined) sink.add(T['between|q'], q)
    const previous = tokens[i - 1]
    const next = tokens[i + 1]
    if (previous === undefined || previous.sentence !== token.sentence) sink.add(T['first|q'], q)
    if (next === undefined || next.sentence !== token.sentence) sink.add(T['last|q'], q)
  }
}
