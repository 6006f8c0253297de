import { SPEAKER_ROLES, cueStem } from '../../data/reporting.js'
import type { Attribution, AttributionKind, TextRange } from '../../types.js'
import { type SpeakerHypothesis, featureName as name, tokenDistance } from './ranker.js'
import { type Run, gap, rangeOf, within } from './runs.js'
import type { NameMention, NamedSpeaker, ResolvedSpeaker, SpeakerResolver } from './speakers.js'
import { type TagToken, countBefore } from './tokens.js'
import { LETTER, NUMBER, UPPER, hasClass, startsWithClass } from '../../text/char-class.js'

/** What the assembly knows of one content run when its speaker is chosen. */
export interface SpeakerDraft {
  run: Run
  cue: Run | null
  kind: AttributionKind
  /** The cue stands in the content's own sentences. */
  ownCue: boolean
  /** The assembly rule's reading (source and speaker), continuation of a quotation included. */
  rule: Attribution
  /** The attribution before it (as the rule read it) and how many paragraphs back it stands. */
  previous: { attribution: Attribution; paragraphs: number } | null
}

/** Everything the hypotheses of one text share. */
export interface HypothesisContext {
  tokens: TagToken[]
  sources: Run[]
  names: Run[]
  resolver: SpeakerResolver
  named: NamedSpeaker[]
  resolve: (source: TextRange, cue: TextRange | null) => ResolvedSpeaker
}

const PRONOUN_WORDS = new Set(
  'he she they i we it you who him her them his their its me us our my which that this these those'.split(
    ' ',
  ),
)
// How many sentences either side of the content a source or name may stand and still be a candidate.
const SENTENCE_REACH = 1
// Tokens either side of the content searched for candidates (a bound on the work in an endless sentence).
const TOKEN_REACH = 80

// Words between a subject and its verb ("has", "also", "reportedly"): skipped when the subject is looked for.
const BEFORE_VERB = new Set(
  "has have had 's 've also reportedly would will could may might can did does do is are was were been be not n't still then later previously repeatedly already often just even now recently once never again too".split(
    ' ',
  ),
)
// Words that end a subject on its left: a clause opens there ("…, which officials said", "while critics say").
const CLAUSE_OPENERS = new Set(
  'that which who whom whose when while but because as if although though after before since where and or so than whether said says told'.split(
    ' ',
  ),
)
// Abbreviations written with a dot inside a name ("Mr. Trump", "Sen. Cruz"): the dot is no boundary.
const DOTTED = new Set('mr mrs ms dr sen rep gov gen lt col sgt st jr sr prof rev u.s'.split(' '))
// How many words a subject may have (a bound; "People briefed on the situation" is five).
const SUBJECT_WORDS = 10
// Words before and after a candidate that show its part in the sentence ("to", "of", "by" before an object;
// "said", "'s" after a subject or a possessor); any other word is 'cap' or 'word'.
const BEFORE_WORDS = new Set(
  'to of with by from at for about on against and told according asked than like in'.split(' '),
)
const AFTER_WORDS = new Set("said says told added who and of 's".split(' '))
// A role word beside a candidate: "Kremlin spokesman Dmitry Peskov" — the name before it qualifies the role.
const ROLES = new Set(SPEAKER_ROLES.map((role) => role.toLowerCase()))

const relation = (a: Run, b: Run): string =>
  a.last < b.first ? 'before' : a.first > b.last ? 'after' : 'in'
const clamp = (n: number): number => Math.max(-2, Math.min(2, n))
const isWord = (token: TagToken): boolean => hasClass(token.text, LETTER | NUMBER)

/** Whether a code unit is white space as `\s` reads it (ASCII by its code: every hypothesis asks). */
const isSpace = (text: string, at: number): boolean => {
  const code = text.charCodeAt(at)
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : /\s/.test(text[at] as string)
}

/** How many words a name has: `name.split(/\s+/).filter(Boolean).length`, without building the words. */
export function wordCount(name: string): number {
  let count = 0
  for (let at = 0; at < name.length; at++)
    if (!isSpace(name, at) && (at === 0 || isSpace(name, at - 1))) count++
  return count
}

/**
 * The words right before a cue that would be its subject ("People briefed on the situation say", "the
 * journalists are missing"): back from the cue, past auxiliaries and adverbs, to a clause boundary — a comma or
 * other mark, a quotation, a word that opens a clause, the sentence start — at most SUBJECT_WORDS words. Sources
 * the tagger missed are mostly such phrases (on PolNeAR train a third of the descriptions the metric reads by
 * their noun, "most voters", "analysts", had no tagged source).
 */
export function subjectBefore(tokens: TagToken[], cue: Run): Run | null {
  const cueToken = tokens[cue.first]
  if (cueToken === undefined || cueToken.inQuote) return null
  let k = cue.first - 1
  const sameSentence = (i: number): boolean => tokens[i]?.sentence === cueToken.sentence
  while (
    k >= 0 &&
    sameSentence(k) &&
    (BEFORE_VERB.has((tokens[k] as TagToken).lower) ||
      /^\p{Ll}{3,}ly$/u.test((tokens[k] as TagToken).text))
  )
    k--
  // A phrase back from `end` to a clause boundary: the index of its first word (end + 1 when it is empty).
  const phraseStart = (end: number): number => {
    let i = end
    while (i >= 0 && end - i < SUBJECT_WORDS && sameSentence(i)) {
      const token = tokens[i] as TagToken
      if (token.inQuote || CLAUSE_OPENERS.has(token.lower)) break
      const dotted = token.text === '.' && DOTTED.has(tokens[i - 1]?.lower ?? '')
      if (!isWord(token) && !dotted) break
      i--
    }
    return i + 1
  }
  const last = k
  const first = phraseStart(last)
  if (first <= last) return { first, last }
  // An apposition between commas before the cue ("Kim's sister, Yo Jong, said", "Andrew Yeo, a senior fellow
  // at Brookings, said"): the subject is the phrase before it with the apposition.
  if (tokens[last]?.text !== ',' || !sameSentence(last)) return null
  const inner = phraseStart(last - 1)
  if (inner > last - 1 || tokens[inner - 1]?.text !== ',' || !sameSentence(inner - 1)) return null
  const head = phraseStart(inner - 2)
  return head <= inner - 2 ? { first: head, last: last - 1 } : null
}

/**
 * The speaker hypotheses of one draft: the rule's reading first, then each tagged source and each name within
 * a sentence of the content, the previous quotation's speaker, and the other persons a pronoun may stand for.
 * Readings that resolve to the same speaker are kept apart (their features differ) but counted as support.
 */
export function speakerHypotheses(
  context: HypothesisContext,
  draft: SpeakerDraft,
): SpeakerHypothesis[] {
  const { tokens, resolver } = context
  const sentence = (i: number): number => (tokens[i] as TagToken).sentence
  const cueRange = draft.cue === null ? null : rangeOf(tokens, draft.cue)
  const cueWord = draft.cue === null ? 'none' : cueStem((tokens[draft.cue.first] as TagToken).lower)
  const common = [name('kind', draft.kind), name('owncue', draft.ownCue)]
  const hypotheses: SpeakerHypothesis[] = []
  const positional = (category: string, run: Run): string[] => {
    const features: string[] = []
    if (draft.cue !== null) {
      const where = relation(run, draft.cue)
      features.push(
        name(category, 'cue', where),
        name(category, 'cue', where, tokenDistance(gap(run, draft.cue))),
        name(category, 'cueword', cueWord, where),
        name(category, 'cuesent', clamp(sentence(run.first) - sentence(draft.cue.first))),
      )
    } else features.push(name(category, 'nocue'))
    const where = relation(run, draft.run)
    features.push(
      name(category, 'con', where, tokenDistance(gap(run, draft.run))),
      name(category, 'consent', clamp(sentence(run.first) - sentence(draft.run.first)), draft.kind),
    )
    const first = tokens[run.first] as TagToken
    if (first.inQuote) features.push(name(category, 'inquote'))
    sentenceRole(category, run, features)
    let head = first
    for (let i = run.first; i <= run.last; i++)
      if (!/^(the|a|an)$/.test((tokens[i] as TagToken).lower)) {
        head = tokens[i] as TagToken
        break
      }
    if (run.first === run.last && PRONOUN_WORDS.has(first.lower))
      features.push(
        name(category, 'shape', 'pron', first.lower),
        name(category, 'shape', 'pron', first.lower, draft.kind),
      )
    else {
      const shape = startsWithClass(head.text, UPPER) ? 'cap' : 'lower'
      features.push(name(category, 'shape', shape), name(category, 'shape', shape, draft.kind))
    }
    return features
  }
  // Its neighbours in the sentence: a preposition before an object, "'s" after a possessor, "said" after a
  // subject; and whether it is (in) the phrase right before the cue.
  const subject = draft.cue === null ? null : subjectBefore(tokens, draft.cue)
  // A run within another, the marks at its ends aside (a tagged source may take the comma after it).
  const inside = (run: Run, outer: Run): boolean => {
    let { first, last } = run
    while (first < last && !isWord(tokens[first] as TagToken)) first++
    while (last > first && !isWord(tokens[last] as TagToken)) last--
    return first >= outer.first && last <= outer.last
  }
  const sentenceRole = (category: string, run: Run, features: string[]): void => {
    const before = tokens[run.first - 1]
    const after = tokens[run.last + 1]
    const last = tokens[run.last] as TagToken
    const word = (token: TagToken | undefined, known: Set<string>): string =>
      token === undefined || token.sentence !== last.sentence
        ? 'edge'
        : !isWord(token)
          ? token.mark !== null
            ? 'mark'
            : token.text
          : known.has(token.lower)
            ? token.lower
            : ROLES.has(token.lower)
              ? 'role'
              : startsWithClass(token.text, UPPER)
                ? 'cap'
                : 'word'
    const possessive = /'s$/.test(last.lower) || after?.lower === "'s"
    features.push(
      name(category, 'left', word(before, BEFORE_WORDS)),
      name(category, 'right', possessive ? "'s" : word(after, AFTER_WORDS)),
    )
    if (subject !== null && inside(run, subject)) {
      // A possessor in the subject ("Kim's sister, Yo Jong, said") qualifies the speaker; it is not one.
      const part = possessive ? 'insubject-possessor' : 'insubject'
      features.push(name(category, part), name(category, part, draft.kind))
    }
  }
  const add = (
    category: string,
    source: TextRange | null,
    resolved: ResolvedSpeaker,
    features: string[],
  ): void => {
    const speaker = resolved.speaker ?? ''
    hypotheses.push({
      source,
      resolved,
      features: [
        category,
        name(category, draft.kind),
        ...common,
        ...features,
        speaker === '' ? 'res|none' : startsWithClass(speaker, UPPER) ? 'res|upper' : 'res|lower',
        name('res', 'person', resolved.person),
        name('res', 'words', Math.min(3, wordCount(speaker))),
      ],
    })
  }
  add(
    'rule',
    draft.rule.source,
    { speaker: draft.rule.speaker, entityId: draft.rule.entityId, person: false },
    [],
  )
  const low = sentence(draft.run.first) - SENTENCE_REACH
  const high = sentence(draft.run.last) + SENTENCE_REACH
  const near = (run: Run): boolean =>
    sentence(run.first) >= low &&
    sentence(run.last) <= high &&
    (run.last < draft.run.first || run.first > draft.run.last)
  const seen = new Set<number>()
  const consider = (category: string, run: Run): void => {
    const range = rangeOf(tokens, run)
    if (range === null) return
    // Ranges of one text: its length is below 2^22 (MAX_CHARS), so the pair fits a safe integer.
    const key = range.start * 0x400000 + range.end
    if (seen.has(key)) return
    seen.add(key)
    const features = positional(category, run)
    if (resolver.isPronoun(range)) {
      const written = (tokens[run.first] as TagToken).lower
      for (const candidate of resolver.antecedentCandidates(range.start, context.named, written))
        add(category, range, candidate.resolved, [...features, ...candidate.features])
      return
    }
    add(category, range, context.resolve(range, cueRange), [
      ...features,
      ...nameTypeFeatures(category, range, draft.kind),
    ])
  }
  // The type of the name a source starts with or a name run is (persons speak more than places).
  const nameTypeFeatures = (category: string, range: TextRange, kind: string): string[] => {
    const mentions = resolver.mentions
    const at = countBefore(mentions.length, (k) => (mentions[k] as NameMention).start < range.start)
    const mention = mentions
      .slice(at, at + 3)
      .find((m) => m.start < range.end && m.end <= range.end)
    const type = mention?.type ?? 'none'
    return [name(category, 'type', type), name(category, 'type', type, kind)]
  }
  // A name that qualifies a role before another name ("Kremlin spokesman Dmitry Peskov") is not a speaker.
  const qualifiesRole = (run: Run): boolean =>
    ROLES.has(tokens[run.last + 1]?.lower ?? '') &&
    startsWithClass(tokens[run.last + 2]?.text ?? '', UPPER)
  const from = draft.run.first - TOKEN_REACH
  const to = draft.run.last + TOKEN_REACH
  for (const run of within(context.sources, from, to)) if (near(run)) consider('src', run)
  for (const run of within(context.names, from, to))
    if (near(run) && !qualifiesRole(run)) consider('name', run)
  if (subject !== null && (subject.last < draft.run.first || subject.first > draft.run.last))
    consider('subj', subject)
  const previous = draft.previous
  if (previous !== null && previous.attribution.speaker !== null)
    add(
      'prev',
      previous.attribution.source,
      {
        speaker: previous.attribution.speaker,
        entityId: previous.attribution.entityId,
        person: false,
      },
      [
        name('prev', 'para', Math.min(previous.paragraphs, 3)),
        name('prev', 'kinds', previous.attribution.kind, draft.kind),
        name('prev', 'cue', draft.cue !== null, draft.ownCue),
      ],
    )
  // Support: how many readings name the same speaker, and whether the rule's reading is among them.
  const ruleSpeaker = (draft.rule.speaker ?? '').toLowerCase()
  const keys = hypotheses.map((hypothesis) => (hypothesis.resolved.speaker ?? '').toLowerCase())
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  hypotheses.forEach((hypothesis, k) => {
    const key = keys[k] as string
    hypothesis.features.push(name('support', Math.min(4, counts.get(key) ?? 0)))
    if (key !== '' && key === ruleSpeaker) hypothesis.features.push('agrees-with-rule')
  })
  return hypotheses
}
