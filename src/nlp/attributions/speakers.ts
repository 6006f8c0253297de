import { NAME_TITLES, REPORTING_VERBS, SPEAKER_ROLES, cueStem } from '../../data/reporting.js'
import { TITLES } from '../../data/entity-cues.js'
import type { EntityType, TextRange } from '../../types.js'
import { extractEntities } from '../entities.js'
import { overlapFinder } from '../../text/span-window.js'
import { featureName as name } from './ranker.js'
import { countBefore } from './tokens.js'

/** A name in the article that a source may stand for; `entityId` when the caller's entities give one. */
export interface NameMention {
  text: string
  type: EntityType
  start: number
  end: number
  entityId: string | null
  /** The entity's canonical full name when the caller's entities give one ("Dmitry Peskov" for "Peskov"). */
  name?: string
}

export interface ResolvedSpeaker {
  speaker: string | null
  entityId: string | null
  /** Resolved from a person's name (so that "he" and "she" may stand for it). */
  person: boolean
}

/** A speaker named in the article, with where its source stands. */
export interface NamedSpeaker extends ResolvedSpeaker {
  at: number
}

/**
 * What a pronoun stands for: the named speaker whose name was written last before it ('mentioned'), or
 * the speaker of the last named source before it ('speaker').
 */
export type PronounRule = 'mentioned' | 'speaker'

export const NO_SPEAKER: ResolvedSpeaker = { speaker: null, entityId: null, person: false }

const PRONOUNS = new Set(
  'he she they i we it you who him her them his their its me us our my which that this these those'.split(
    ' ',
  ),
)
type Gender = 'male' | 'female'
const GENDERED = new Map<string, Gender>([
  ['he', 'male'],
  ['him', 'male'],
  ['his', 'male'],
  ['she', 'female'],
  ['her', 'female'],
  ['hers', 'female'],
])
const opposite = (gender: Gender | undefined): Gender | null =>
  gender === 'male' ? 'female' : gender === 'female' ? 'male' : null

const SAID_PRONOUN =
  /^\s+(?:\p{L}+\s+)?(?:said|says|added|told\s+\p{L}+|thinks|believes)\s+(?:that\s+)?(he|she)\b/iu

// Pronouns that stand for a person only (others may stand for an organisation).
// Characters before a pronoun searched for its antecedent: several paragraphs.
const ANTECEDENT_REACH = 3000

const PERSONAL = new Set('he she i him her his me my who'.split(' '))
const REPORTING_STEMS = new Set(REPORTING_VERBS.map(cueStem))
// How far from a name a role may stand and still be that name's role ("Kremlin spokesman Dmitry Peskov",
// "Peskov, the Kremlin's spokesman"): a few words.
const ROLE_REACH = 40
// The abbreviations a role is written with before a name ("Sen. Marco Rubio" is "the senator").
const ROLE_ABBREVIATIONS = new Map([
  ['senator', ['sen']],
  ['governor', ['gov']],
  ['representative', ['rep']],
  ['congressman', ['rep']],
  ['congresswoman', ['rep']],
  ['general', ['gen']],
  ['professor', ['prof']],
])
const ROLE_WORDS = new Set([...SPEAKER_ROLES, ...TITLES, ...ROLE_ABBREVIATIONS.keys()])

/** The caller's entity mentions, or the project's name finder when none are given (no entity ids then). */
export function nameMentions(
  text: string,
  entities?: readonly {
    text: string
    type: EntityType
    start: number
    end: number
    entityId: string
    name?: string
  }[],
): NameMention[] {
  if (entities !== undefined)
    return entities.filter((entity) => !titleAlone(entity.text)).sort((a, b) => a.start - b.start)
  return extractEntities(text)
    .filter((entity) => !titleAlone(entity.text))
    .map(({ text: name, type, start, end }) => ({
      text: name,
      type,
      start,
      end,
      entityId: null,
    }))
}

const WORD = /\p{L}/u
const POSSESSIVE = /^['’]s\b/
const wordsOf = (name: string): string[] => name.split(/\s+/).filter(Boolean)
const nameKey = (word: string): string => word.toLowerCase().replace(/['’]s$/, '')
// A pronoun as written, without a possessive or a contraction the tokens keep whole ("they're", "she'll").
const pronounOf = (written: string): string =>
  written
    .trim()
    .toLowerCase()
    .replace(/['’](?:s|re|ll|ve|m|d)$/, '')

/**
 * Resolves each source to a speaker: a name inside the source to its full form in the article, a pronoun to
 * the speaker mentioned last before it, a role ("the spokesman") to the person the article gave that role.
 */
export class SpeakerResolver {
  private readonly byEntity = new Map<string, NameMention>()
  private readonly persons: NameMention[]
  /**
   * The mentions that overlap a range, in their own order, by a binary search over their starts, not a scan of
   * all per source (a text of 40,000 names and as many sources took 16 s).
   */
  private readonly overlapping: (from: number, to: number) => NameMention[]

  constructor(
    private readonly text: string,
    readonly mentions: NameMention[],
  ) {
    this.persons = mentions.filter((mention) => mention.type === 'person')
    this.overlapping = overlapFinder(mentions, (mention) => mention)
    for (const mention of mentions) {
      if (mention.entityId === null) continue
      const known = this.byEntity.get(mention.entityId)
      if (known === undefined || wordsOf(mention.text).length > wordsOf(known.text).length)
        this.byEntity.set(mention.entityId, mention)
    }
  }

  /** The full name of a mention without the titles before it ("Senator Laura Whitfield" → "Laura Whitfield"). */
  canonical(mention: NameMention): ResolvedSpeaker {
    const resolved = this.fullName(mention)
    return {
      ...resolved,
      speaker:
        resolved.speaker === null
          ? null
          : this.withoutPlace(
              this.withoutHeadlineWord(withoutTitles(resolved.speaker)),
              resolved.person,
            ),
    }
  }

  /**
   * A person's name that the name finder ran on into the place or body after it ("Ted Cruz of Texas", "Blair
   * Effron of Centerview Partners"): the name before "of", when it is two capitalised words or more (the surname
   * then ends it, as a reader and the PolNeAR metric take it). A body's name keeps its "of" ("Bill of Rights").
   */
  private withoutPlace(name: string, person: boolean): string {
    if (!person) return name
    const match = / of \p{Lu}/u.exec(name)
    if (match === null) return name
    const head = name.slice(0, match.index)
    const words = wordsOf(head)
    return words.length >= 2 && words.every((word) => /^\p{Lu}/u.test(word)) ? head : name
  }

  private readonly headlineCuts = new Map<string, string>()

  /**
   * A name that a title-case headline ran into the next word ("Obama Says", "Obama Speech"): the last word is
   * a reporting verb or one the text writes in lower case elsewhere, and the words before it stand alone as a name elsewhere
   * ("Obama said"). Then the name is those words. "Donald Trump" keeps its surname: "trump" is no word the
   * text writes, and "Donald" never stands alone.
   */
  private withoutHeadlineWord(name: string): string {
    const known = this.headlineCuts.get(name)
    if (known !== undefined) return known
    let cut = name
    const words = wordsOf(name)
    const last = words.at(-1) ?? ''
    if (words.length >= 2 && /^\p{Lu}\p{Ll}/u.test(last)) {
      const rest = words.slice(0, -1).join(' ')
      if (
        (REPORTING_STEMS.has(cueStem(last.toLowerCase())) ||
          writtenInLowerCase(this.text, last.toLowerCase())) &&
        standsAlone(this.text, rest)
      )
        cut = rest
    }
    this.headlineCuts.set(name, cut)
    return cut
  }

  /** The full name of a mention: its entity's longest mention, or the nearest full name ending/starting with it. */
  private fullName(mention: NameMention): ResolvedSpeaker {
    const person = mention.type === 'person'
    if (mention.entityId !== null)
      return {
        speaker: mention.name ?? this.byEntity.get(mention.entityId)?.text ?? mention.text,
        entityId: mention.entityId,
        person,
      }
    const words = wordsOf(mention.text)
    if (words.length > 1) return { speaker: mention.text, entityId: null, person }
    // A single word ("Peskov", "PENCE", "Lee") stands for the person whose full name it begins or ends.
    const key = nameKey(words[0] ?? '')
    const fuller = this.persons.filter((other) => {
      const otherWords = wordsOf(other.text).map(nameKey)
      return otherWords.length > 1 && (otherWords.at(-1) === key || otherWords[0] === key)
    })
    // The full name used last before this mention (Kim Jong Un, then "Kim"), else the first one after it.
    const before = fuller.filter((other) => other.start < mention.start).at(-1)
    const chosen = before ?? fuller[0]
    if (chosen === undefined) return { speaker: mention.text, entityId: null, person }
    return { speaker: chosen.text, entityId: null, person: true }
  }

  private readonly surnames = new Map<string, string | undefined>()

  /** A speaker's last word (`wordsOf(speaker).at(-1)`), kept per text: every pronoun asks for every speaker's. */
  private surnameOf(speaker: string | null): string | undefined {
    const name = speaker ?? ''
    if (this.surnames.has(name)) return this.surnames.get(name)
    const surname = wordsOf(name).at(-1)
    this.surnames.set(name, surname)
    return surname
  }

  private readonly written = new Map<string, Int32Array>()

  /**
   * Where `word` was last written in the text between `from` and `to`, from `from` (-1: nowhere): what
   * `text.slice(from, to).lastIndexOf(word)` gives, found among the word's places in the text (each found
   * once per text) by a binary search instead of a scan of the window per pronoun and speaker.
   */
  private lastWritten(word: string, from: number, to: number): number {
    let places = this.written.get(word)
    if (places === undefined) this.written.set(word, (places = placesOf(this.text, word)))
    return lastPlaceIn(places, word.length, from, to)
  }

  /** How many persons start before `position` (binary search; persons are in text order). */
  private personsBefore(position: number): number {
    return countBefore(
      this.persons.length,
      (k) => (this.persons[k] as NameMention).start < position,
    )
  }

  /** Whether a source is a bare pronoun ("he", "they", "who"). */
  isPronoun(source: TextRange): boolean {
    const written = this.text.slice(source.start, source.end).trim().toLowerCase()
    return PRONOUNS.has(pronounOf(written))
  }

  /** The speaker of a source span, given the speakers already named in the article (for pronouns). */
  resolve(
    source: TextRange,
    namedSpeakers: NamedSpeaker[],
    rule: PronounRule = 'mentioned',
    genderAgreement = false,
    cue: TextRange | null = null,
  ): ResolvedSpeaker {
    const written = this.text.slice(source.start, source.end).trim()
    const pronoun = pronounOf(written)
    if (PRONOUNS.has(pronoun)) {
      const agrees = (name: string | null): boolean =>
        !genderAgreement ||
        !GENDERED.has(pronoun) ||
        this.genderOf(name) !== opposite(GENDERED.get(pronoun))
      const candidates = PERSONAL.has(pronoun)
        ? namedSpeakers.filter((named) => named.person && agrees(named.speaker))
        : namedSpeakers
      return this.antecedent(source.start, candidates, rule, agrees)
    }
    const { named, headLength } = this.headName(source)
    // A name that is not the head of a longer description ("Russian media", "South Korean officials",
    // "North Korea's unification ministry"): the description as written says more than the name, which is
    // not the speaker. A name that ends the description is ("Pyongyang's official Korean Central News Agency").
    // On PolNeAR train (5 folds by article) this ties the former length-ratio rule (speaker 0.764 both).
    const described =
      named !== undefined &&
      named.type !== 'person' &&
      WORD.test(this.text.slice(named.end, source.start + headLength).replace(POSSESSIVE, ''))
    if (named !== undefined && !described)
      return (cue !== null && this.cutAtCue(named, cue)) || this.canonical(named)
    const role = this.roleHolder(written, source.start)
    if (role !== null) return role
    return { speaker: cleanSource(written), entityId: null, person: false }
  }

  /**
   * A name that runs into the cue, as title-case headlines make the tagger read it ("Ted Cruz Refuses",
   * "Glenn Beck Blasts Drudge"): the words before the cue, resolved as another mention of them would be.
   */
  private cutAtCue(named: NameMention, cue: TextRange): ResolvedSpeaker | null {
    if (!(named.start < cue.start && named.end > cue.start)) return null
    const inside = this.text.slice(named.start, cue.start).trimEnd()
    if (!WORD.test(inside)) return null
    const key = nameKey(inside)
    const same = this.mentions.find((m) => m !== named && nameKey(m.text) === key)
    return this.canonical(
      same ?? {
        text: inside,
        type: named.type,
        start: named.start,
        end: named.start + inside.length,
        entityId: null,
      },
    )
  }

  /**
   * The name a source is headed by: among the names before its first comma, parenthesis or "who" ("Helen
   * Okafor, a retail analyst at Barrow Securities"), the person with the longest name (the last on ties:
   * "Kremlin spokesman Dmitry Peskov"), else the last name there; else any name in the source.
   */
  private headName(source: TextRange): { named: NameMention | undefined; headLength: number } {
    const written = this.text.slice(source.start, source.end)
    const cut = /,|\(|\bwho\b/.exec(written)
    const headEnd = cut === null ? source.end : source.start + cut.index
    const inside = this.overlapping(source.start, source.end)
    const head = inside.filter((m) => m.start < headEnd)
    // A person whose name only qualifies the head ("Kim's powerful sister, Yo Jong") gives way to a person the
    // source names in apposition (the sister); alone, it stands as before ("Clinton's campaign").
    const possessor = (m: NameMention): boolean =>
      (/['’]s$/.test(m.text) ? /^\s+\p{L}/u : /^['’]s\s+\p{L}/u).test(
        this.text.slice(m.end, headEnd),
      )
    const apposed = inside.filter((m) => m.start >= headEnd && m.type === 'person' && !possessor(m))
    const headPersons = head.filter((m) => m.type === 'person')
    const persons =
      apposed.length > 0 && headPersons.length > 0 && headPersons.every(possessor)
        ? apposed
        : headPersons
    const longest = persons.reduce<NameMention | undefined>(
      (best, m) =>
        best === undefined || wordsOf(m.text).length >= wordsOf(best.text).length ? m : best,
      undefined,
    )
    return { named: longest ?? head.at(-1) ?? inside.at(-1), headLength: headEnd - source.start }
  }

  /** The named speaker whose name occurs last before `position`, else the person mentioned last before it. */
  private antecedent(
    position: number,
    namedSpeakers: NamedSpeaker[],
    rule: PronounRule,
    agrees: (name: string | null) => boolean,
  ): ResolvedSpeaker {
    if (rule === 'speaker') {
      const last = namedSpeakers.filter((named) => named.at < position).at(-1)
      if (last !== undefined) return last
    }
    let best: ResolvedSpeaker | null = null
    let bestAt = -1
    // A pronoun's antecedent is looked for in the few paragraphs before it (a bound on the work per pronoun).
    const windowStart = Math.max(0, position - ANTECEDENT_REACH)
    for (const candidate of namedSpeakers) {
      const surname = this.surnameOf(candidate.speaker)
      if (surname === undefined) continue
      const at = this.lastWritten(surname, windowStart, position)
      if (at > bestAt) {
        best = candidate
        bestAt = at
      }
    }
    if (best !== null) return best
    const person = this.persons
      .slice(0, this.personsBefore(position))
      .filter((m) => m.end <= position && m.start >= windowStart && agrees(m.text))
      .at(-1)
    return person === undefined ? NO_SPEAKER : this.canonical(person)
  }

  /**
   * The persons a pronoun at `position` may stand for, each with what the ranker weighs: its rank among the
   * named speakers by where their surname was last written before the pronoun, its rank among the persons
   * named before it, whether it is the last speaker, and whether its gender as the text shows it agrees.
   */
  antecedentCandidates(
    position: number,
    namedSpeakers: NamedSpeaker[],
    pronounWord: string,
  ): { resolved: ResolvedSpeaker; features: string[] }[] {
    const pronoun = pronounOf(pronounWord)
    const personal = PERSONAL.has(pronoun)
    const windowStart = Math.max(0, position - ANTECEDENT_REACH)
    const byName = new Map<string, { resolved: ResolvedSpeaker; features: string[] }>()
    const add = (resolved: ResolvedSpeaker, features: string[]): void => {
      const key = (resolved.speaker ?? '').toLowerCase()
      if (key === '') return
      const known = byName.get(key)
      if (known === undefined) byName.set(key, { resolved, features: [...features] })
      else known.features.push(...features)
    }
    // Named speakers by where their surname was written last before the pronoun.
    const seen = new Map<string, { named: NamedSpeaker; at: number }>()
    for (const named of namedSpeakers) {
      const surname = this.surnameOf(named.speaker)
      if (surname === undefined || (personal && !named.person)) continue
      const at = this.lastWritten(surname, windowStart, position)
      const key = (named.speaker ?? '').toLowerCase()
      if (at >= 0 && (seen.get(key)?.at ?? -1) < at) seen.set(key, { named, at })
    }
    ;[...seen.values()]
      .sort((a, b) => b.at - a.at)
      .slice(0, 3)
      .forEach(({ named, at }, rank) =>
        add(named, [
          name('ante', 'named', RANKS[rank] as string),
          name('ante', 'named', 'far', charDistance(position - windowStart - at)),
        ]),
      )
    // The last speaker; for "he", "she", "who" the last person among them (a place or a body that spoke last is
    // no "he": on PolNeAR train, 5 folds by article, speaker +0.004 with the two source changes of session 19).
    const lastSpeaker = namedSpeakers
      .filter((named) => named.at < position && (!personal || named.person))
      .at(-1)
    if (lastSpeaker !== undefined) add(lastSpeaker, ['ante|lastspeaker'])
    // Persons named before the pronoun, the nearest first.
    const persons = this.persons
      .slice(0, this.personsBefore(position))
      .filter((m) => m.end <= position && m.start >= windowStart)
    const personSeen = new Set<string>()
    for (let k = persons.length - 1; k >= 0 && personSeen.size < 3; k--) {
      const resolved = this.canonical(persons[k] as NameMention)
      const key = (resolved.speaker ?? '').toLowerCase()
      if (key === '' || personSeen.has(key)) continue
      const rank = RANKS[personSeen.size] as string
      add(resolved, [
        name('ante', 'person', rank),
        name('ante', 'person', 'far', charDistance(position - (persons[k] as NameMention).end)),
        name('ante', 'person', 'role', this.grammaticalRole(persons[k] as NameMention), rank),
      ])
      personSeen.add(key)
    }
    const gender = GENDERED.get(pronoun)
    return [...byName.values()].map(({ resolved, features }) => {
      const shown = this.genderOf(resolved.speaker)
      const agreement =
        gender === undefined ? 'none' : shown === null ? 'unknown' : shown === gender ? 'yes' : 'no'
      return {
        resolved,
        features: [...features, name('ante', 'gender', agreement), name('ante', 'pron', pronoun)],
      }
    })
  }

  /**
   * Where a mention stands in its sentence, as far as the words show it without a parser: 'subject' when only
   * titles or capitalised words stand between it and the sentence start ("Ruiz praised…", "Sen. Ruiz…"),
   * 'possessive' before 's ("Hall's budget"), else 'other'. A pronoun subject mostly takes up the subject.
   */
  private grammaticalRole(mention: NameMention): 'subject' | 'possessive' | 'other' {
    if (POSSESSIVE.test(this.text.slice(mention.end, mention.end + 3))) return 'possessive'
    const before = this.text.slice(Math.max(0, mention.start - 60), mention.start)
    const sentenceStart = Math.max(
      before.lastIndexOf('. '),
      before.lastIndexOf('\n'),
      before.lastIndexOf('” '),
    )
    if (sentenceStart < 0 && mention.start > 60) return 'other'
    const lead = before.slice(sentenceStart + 1)
    return /^[\s“"]*(?:\p{Lu}[\p{L}.'’-]*\s+)*$/u.test(lead) ? 'subject' : 'other'
  }

  private readonly genders = new Map<string, Gender | null>()

  /**
   * A person's gender as the text itself shows it: honorifics before the surname (Mr / Ms, Mrs, Miss) and
   * the subject pronoun of what the person is reported to say ("Clinton said she…"), by majority; null if
   * unclear or never shown.
   */
  genderOf(name: string | null): Gender | null {
    const surname = wordsOf(name ?? '').at(-1)
    if (surname === undefined || surname.length < 2) return null
    const known = this.genders.get(surname)
    if (known !== undefined) return known
    let votes = 0
    for (const index of wholeWordIndices(this.text, surname)) {
      const before = this.text.slice(Math.max(0, index - 6), index)
      if (/\bMr\.?\s$/.test(before)) votes += 2
      else if (/\b(Ms|Mrs|Miss)\.?\s$/.test(before)) votes -= 2
      // "Clinton said she…", "Trump says he…": the subject of what the person says is the person.
      const after = this.text.slice(index + surname.length, index + surname.length + 40)
      const pronoun = SAID_PRONOUN.exec(after)?.[1]?.toLowerCase()
      if (pronoun !== undefined) votes += GENDERED.get(pronoun) === 'male' ? 1 : -1
    }
    const gender: Gender | null = votes >= 1 ? 'male' : votes <= -1 ? 'female' : null
    this.genders.set(surname, gender)
    return gender
  }

  /**
   * "the spokesman" → the person last written with that role before `position` ("spokesman Dmitry Peskov");
   * "the Florida senator" → the person written with "Sen." and "Florida" beside the name. A qualifier no
   * holder shows ("the Ohio governor" where only a Texas one was named) leaves the description as it is.
   */
  private roleHolder(written: string, position: number): ResolvedSpeaker | null {
    const words = written.split(/\s+/).filter(Boolean)
    const head = (words.at(-1) ?? '').toLowerCase()
    // Only a definite role points back ("the spokesman"); "a local spokesman" is someone new.
    if (!ROLE_WORDS.has(head) || !/^(the|this|that)$/i.test(words[0] ?? '')) return null
    const roleForms = [head, ...(ROLE_ABBREVIATIONS.get(head) ?? [])]
    const qualifiers = words
      .slice(1, -1)
      .map((word) => word.replace(/['’]s?$/, ''))
      .filter((word) => /^\p{Lu}/u.test(word))
    const holder = this.persons
      .filter((m) => m.end <= position)
      .filter((m) => {
        const around = this.text.slice(Math.max(0, m.start - ROLE_REACH), m.end + ROLE_REACH)
        return this.titled(m, roleForms) && qualifiers.every((word) => around.includes(word))
      })
      .at(-1)
    // The holder's own apposition ("Dmitry Peskov, a Kremlin spokesman,") introduces nobody new.
    if (holder === undefined || this.introducedSince(roleForms, holder.end + ROLE_REACH, position))
      return null
    return this.canonical(holder)
  }

  /**
   * Whether the text between a named holder of a role and "the <role>" introduces someone new with that role
   * ("… used by Mr. Putin … an official of Seoul's Unification Ministry … 'the official said'"): an indefinite
   * phrase ending in the role ("an official", "a senior ministry official", "another spokesman"). The definite
   * description then points back to it, not to the holder named before.
   */
  private introducedSince(roleForms: string[], from: number, to: number): boolean {
    if (from >= to) return false
    const between = this.text.slice(from, to)
    return new RegExp(
      `\\b(?:an?|another|one)\\s+(?:[\\p{L}'’-]+\\s+){0,3}?(?:${roleForms.join('|')})\\b`,
      'iu',
    ).test(between)
  }

  /**
   * Whether one of `roleForms` is written as the mention's title: in the name itself ("Ohio Gov. John Kasich"),
   * before it with only capitalised words and TITLE_LINKS between ("Kremlin spokesman Dmitry Peskov", "Sen.
   * Marco Rubio", "The Kremlin spokesman, Dmitry Peskov"), or in apposition after it, a few words past its
   * comma or parenthesis ("Peskov, the Kremlin's chief spokesman"). A role word that merely stands near the
   * name is not its title: "the official" is not Mr. Putin of "Mr. Putin for official business" (issue 16 audit:
   * a Unification Ministry official's words were given to Vladimir Putin).
   */
  private titled(mention: NameMention, roleForms: string[]): boolean {
    const forms = roleForms.join('|')
    if (new RegExp(`\\b(?:${forms})\\b`, 'i').test(mention.text)) return true
    const before = this.text.slice(Math.max(0, mention.start - ROLE_REACH), mention.start)
    const last = [...before.matchAll(new RegExp(`\\b(?:${forms})\\b\\.?`, 'gi'))].at(-1)
    if (last !== undefined) {
      const between = before.slice(last.index + last[0].length)
      const words = between.split(/[\s,]+/).filter(Boolean)
      if (
        !/[.;:!?()"“”]/.test(between) &&
        words.every((word) => /^\p{Lu}/u.test(word) || TITLE_LINKS.has(word.toLowerCase()))
      )
        return true
    }
    const after = this.text.slice(mention.end, mention.end + ROLE_REACH)
    return new RegExp(`^\\s*[,(]\\s*(?:[\\p{L}'’-]+\\s+){0,4}?(?:${forms})\\b`, 'iu').test(after)
  }
}

// Words that may stand between a role and the name it titles ("spokesman for the Kremlin, Dmitry Peskov").
const TITLE_LINKS = new Set(['for', 'of', 'the', 'at', 'to', 'in', 'and'])

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u
const SPACE = /^\s$/u
const CAPITAL = /^\p{Lu}$/u

/** The code point that ends at `at` (the surrogate pair before it, if any), as a string; '' at the start. */
function codePointBefore(text: string, at: number): string {
  if (at <= 0) return ''
  const low = text.charCodeAt(at - 1)
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff
    ? text.slice(at - 2, at)
    : text.slice(at - 1, at)
}

/** The code point that starts at `at`, as a string; '' at the end. */
const codePointAt = (text: string, at: number): string =>
  at >= text.length ? '' : String.fromCodePoint(text.codePointAt(at) as number)

/**
 * Whether `name` stands alone somewhere in the text: whole words (no letter or digit on either side, a
 * possessive "'s" allowed after it) not followed by a capitalised word ("Obama said", not "Obama Speech").
 * The same test as the regular expression
 * `(?<![\p{L}\p{N}])NAME(?:['’]s)?(?![\p{L}\p{N}])(?!\s+\p{Lu})` (flag u), without compiling one per name.
 */
export function standsAlone(text: string, name: string): boolean {
  if (name === '') return false
  // After the name (or its "'s"): no letter or digit, and no spaces then a capital.
  const endsAt = (end: number): boolean => {
    const next = codePointAt(text, end)
    if (LETTER_OR_DIGIT.test(next)) return false
    let k = end
    while (k < text.length && SPACE.test(text[k] as string)) k++
    return k === end || !CAPITAL.test(codePointAt(text, k))
  }
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    // A match never starts inside a surrogate pair (the expression steps by code points).
    const code = text.charCodeAt(at)
    const previous = at > 0 ? text.charCodeAt(at - 1) : 0
    if (code >= 0xdc00 && code <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff) continue
    if (LETTER_OR_DIGIT.test(codePointBefore(text, at))) continue
    const end = at + name.length
    const possessive = (text[end] === "'" || text[end] === '’') && text[end + 1] === 's'
    if ((possessive && endsAt(end + 2)) || endsAt(end)) return true
  }
  return false
}

const LOWER_CASE = /^\p{Ll}+$/u
const LOWER_CASE_LETTER = /^\p{Ll}$/u

/**
 * Whether `word` stands in the text as a whole lower-case word: a run of lower-case letters (\p{Ll}) after no
 * letter or digit and before no lower-case letter, i.e. one of the strings `/(?<![\p{L}\p{N}])\p{Ll}+/gu`
 * matches in the text. Searched for, since only a few names of a text ask: building the set of all such
 * words of the text for the first of them was about 2 % of an article's annotation (issue 16).
 */
export function writtenInLowerCase(text: string, word: string): boolean {
  if (!LOWER_CASE.test(word)) return false
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length
    if (
      !LETTER_OR_DIGIT.test(codePointBefore(text, at)) &&
      !LOWER_CASE_LETTER.test(codePointAt(text, end))
    )
      return true
  }
  return false
}

/** Every index where `word` (not empty) starts in `text`, overlapping ones too, ascending. */
export function placesOf(text: string, word: string): Int32Array {
  const found: number[] = []
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) found.push(at)
  return Int32Array.from(found)
}

/**
 * `text.slice(from, to).lastIndexOf(word)` from the word's places in the text (`placesOf`) and its length: the
 * last place whose word ends by `to`, counted from `from` when it starts there or after, else -1.
 */
export function lastPlaceIn(places: Int32Array, length: number, from: number, to: number): number {
  const last = countBefore(places.length, (k) => (places[k] as number) <= to - length) - 1
  return last >= 0 && (places[last] as number) >= from ? (places[last] as number) - from : -1
}

/** An ASCII word character, as `\w` and `\b` read it without the u flag. */
const isWordCode = (code: number): boolean =>
  (code >= 48 && code <= 57) ||
  (code >= 65 && code <= 90) ||
  (code >= 97 && code <= 122) ||
  code === 95

/**
 * Where `word` occurs between word boundaries, left to right and without overlaps: the indices of the
 * matches of `/\bWORD\b/g` (no u flag), without compiling an expression per word.
 */
export function wholeWordIndices(text: string, word: string): number[] {
  const indices: number[] = []
  if (word === '') return indices
  // A boundary at `at`: a word character on one side only (the text's ends count as non-word).
  const boundary = (at: number): boolean =>
    (at > 0 && isWordCode(text.charCodeAt(at - 1))) !==
    (at < text.length && isWordCode(text.charCodeAt(at)))
  for (let at = text.indexOf(word); at >= 0;) {
    if (boundary(at) && boundary(at + word.length)) {
      indices.push(at)
      at = text.indexOf(word, at + word.length)
    } else at = text.indexOf(word, at + 1)
  }
  return indices
}

/** A title standing alone ("Rep", "Sen.") names nobody: the name finder cut it from the name after it. */
function titleAlone(name: string): boolean {
  return NAME_TITLES.has(name.trim().toLowerCase().replace(/\.$/, ''))
}

/**
 * A name without the titles before it, nor the words that qualify a title ("Ohio Gov. John Kasich"), nor a cue
 * word a headline wrote after it ("Lindsey Graham Says"); a title alone ("President") is kept.
 */
function withoutTitles(name: string): string {
  const words = wordsOf(name)
  const isTitle = (word: string | undefined): boolean =>
    NAME_TITLES.has((word ?? '').toLowerCase().replace(/\.$/, ''))
  // The last title followed by capitalised words only: the name starts after it.
  let first = 0
  for (let k = words.length - 2; k >= 0; k--)
    if (isTitle(words[k]) && words.slice(k + 1).every((word) => /^\p{Lu}/u.test(word))) {
      first = k + 1
      break
    }
  let last = words.length
  while (last - first > 2 && REPORTING_STEMS.has(cueStem(words[last - 1] ?? ''))) last--
  return words.slice(first, last).join(' ')
}

// Words a tagged source runs on into after its noun ("the editorial board recently", "Others, however", "a
// judge last month"): adverbs, time words. A description's last word is its head noun, which names it.
const DESCRIPTION_TAIL =
  /(?:\s+(?:\p{Ll}{3,}ly|here|now|also|however|further|too|again|then|still|today|yesterday|tonight|earlier|later|(?:last|this|next|on)\s+(?:week|month|year|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|monday|tuesday|wednesday|thursday|friday|saturday|sunday))+$/iu

/**
 * A source as written, without a possessive or surrounding punctuation, cut at an apposition or a relative
 * clause ("economists who favor consumption" → "economists", "A third of independents, 33%" → "A third of
 * independents") and without adverbs or time words after its noun.
 */
function cleanSource(written: string): string | null {
  // A relative pronoun ends the description also when it ends the source or is contracted ("superdelegates who've").
  const head =
    written.split(/\s*[,(]|\s+(?:who|whom|whose|which|that)(?:['’]\p{L}+)?(?:\s|$)/u)[0] ?? ''
  const clean = (WORD.test(head) ? head : written)
    .replace(/['’]s$/, '')
    .replace(/^(the|a|an)\s+/i, '')
    .replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, '')
    .trim()
  const untailed = clean.replace(DESCRIPTION_TAIL, '')
  const result = untailed === '' ? clean : untailed
  return result === '' ? null : result
}

/** An antecedent's rank among the first three, as its features write it. */
const RANKS = ['r0', 'r1', 'r2']

/** A distance in characters, bucketed (a sentence, a paragraph, several). */
const charDistance = (d: number): string =>
  d <= 60 ? 'near' : d <= 250 ? 'sentence' : d <= 800 ? 'paragraph' : 'far'
