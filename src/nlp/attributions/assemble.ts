import type { Attribution, AttributionKind, TextRange } from '../../types.js'
import type { SpeakerHypothesis, SpeakerRanker } from './ranker.js'
import { type HypothesisContext, speakerHypotheses } from './hypotheses.js'
import {
  NO_SPEAKER,
  type NamedSpeaker,
  type PronounRule,
  type SpeakerResolver,
} from './speakers.js'
import { type Run, gap, isPunctuation, rangeOf, runsOf, within } from './runs.js'
import { namePhraseRuns, sourceRuns } from './source-runs.js'
import type { TagToken } from './tokens.js'

export { runsOf }

/** Tuning of how tagged runs become attributions (chosen by cross-validation over PolNeAR train articles). */
export interface AssembleOptions {
  /** Keep content that has neither cue nor source nearby (default: false). */
  keepUncued: boolean
  /** Extra token distance charged for a cue in a neighbouring sentence (default: 20). */
  sentencePenalty: number
  /** How many tokens from the cue (or the content) an untagged name may stand to be taken as source (default: 4). */
  nameReach: number
  /** What a pronoun source stands for (default: 'mentioned'). */
  pronoun: PronounRule
  /**
   * A quotation with no cue in its own sentence continues the quotation before it, in its paragraph or the
   * one before ("…,” X said. “…”), rather than taking a cue from the sentence beside it (default: true).
   */
  continueQuotes: boolean
  /** "he" and "she" skip speakers the text shows to be of the other gender (default: false). */
  genderAgreement: boolean
}

/**
 * How an attribution's speaker is chosen among its hypotheses: by `ranker` when given (else the assembly rule's
 * reading stands); `collect` sees every attribution's rule reading with its hypotheses (the ranker's training).
 */
export interface SpeakerRanking {
  ranker?: SpeakerRanker
  collect?: (rule: Attribution, hypotheses: SpeakerHypothesis[]) => void
}

export const DEFAULT_ASSEMBLE_OPTIONS: AssembleOptions = {
  keepUncued: false,
  sentencePenalty: 20,
  nameReach: 4,
  pronoun: 'mentioned',
  continueQuotes: true,
  genderAgreement: false,
}

// How many tokens from a content run its cue and source are looked for: far more than the sentence and its
// neighbours that the links allow in news text, and a bound on the work for a text of one endless sentence.
const WINDOW = 300

/** The name run nearest to `anchor` in its own sentence, within `reach` tokens, outside `not`. */
function nearestName(
  tokens: TagToken[],
  anchor: Run,
  names: Run[],
  not: Run,
  reach: number,
): Run | null {
  const sentence = (tokens[anchor.first] as TagToken).sentence
  let best: Run | null = null
  for (const name of within(names, anchor.first - reach - 1, anchor.last + reach + 1)) {
    if (name.last >= not.first && name.first <= not.last) continue
    if ((tokens[name.first] as TagToken).sentence !== sentence) continue
    if (gap(anchor, name) > reach) continue
    if (best === null || gap(anchor, name) < gap(anchor, best)) best = name
  }
  return best
}

function kindOf(tokens: TagToken[], run: Run): AttributionKind {
  let quoted = 0
  let unquoted = 0
  for (let i = run.first; i <= run.last; i++) {
    const token = tokens[i] as TagToken
    if (token.mark !== null || isPunctuation(token)) continue
    if (token.inQuote) quoted++
    else unquoted++
  }
  return unquoted === 0 && quoted > 0 ? 'direct' : quoted === 0 ? 'indirect' : 'mixed'
}

/** The run nearest to `anchor` among candidates, charging a penalty per sentence apart; runs inside `not` skipped. */
function nearest(
  tokens: TagToken[],
  anchor: Run,
  candidates: Run[],
  penalty: number,
  not: Run,
): Run | null {
  let best: Run | null = null
  let bestCost = Infinity
  const sentence = (i: number): number => (tokens[i] as TagToken).sentence
  for (const candidate of within(candidates, anchor.first - WINDOW, anchor.last + WINDOW)) {
    if (candidate.first >= not.first && candidate.last <= not.last) continue
    const apart = Math.max(
      0,
      sentence(candidate.first) - sentence(anchor.last),
      sentence(anchor.first) - sentence(candidate.last),
    )
    if (apart > 1) continue
    const cost = gap(anchor, candidate) + apart * penalty
    if (cost < bestCost) {
      best = candidate
      bestCost = cost
    }
  }
  return best
}

/**
 * Attributions from the two taggers' labels: each content run is linked to the nearest cue (its sentence
 * first), the cue to the nearest source, and the source resolved to a speaker. Quoted content without a cue
 * continues the quotation of the paragraph before (news style for multi-paragraph quotes).
 */
export function assembleAttributions(
  tokens: TagToken[],
  roles: string[],
  contents: string[],
  resolver: SpeakerResolver,
  options: AssembleOptions = DEFAULT_ASSEMBLE_OPTIONS,
  ranking: SpeakerRanking = {},
): Attribution[] {
  const cues = runsOf(roles, 'CUE')
  const sources = sourceRuns(tokens, roles)
  const names = namePhraseRuns(tokens, resolver.mentions)
  // A quotation with neither cue nor tagged source near it takes a name beside it as its speaker only if the
  // name can speak: a place beside a quoted name is where it is ("“The Friendship Bridge,” crosses the
  // border's Tumen River"), not who said it.
  const speakingNames = namePhraseRuns(
    tokens,
    resolver.mentions.filter((mention) => mention.type !== 'place'),
  )
  const drafts: {
    content: TextRange
    cue: Run | null
    source: Run | null
    kind: AttributionKind
    run: Run
    /** The cue stands in the content's own sentences. */
    ownCue: boolean
  }[] = []
  for (const run of runsOf(contents, 'CON')) {
    const content = rangeOf(tokens, run)
    if (content === null) continue
    const kind = kindOf(tokens, run)
    const sentenceOf = (i: number): number => (tokens[i] as TagToken).sentence
    const inOwnSentence = (other: Run): boolean =>
      sentenceOf(other.last) >= sentenceOf(run.first) &&
      sentenceOf(other.first) <= sentenceOf(run.last)
    let cue = nearest(tokens, run, cues, options.sentencePenalty, run)
    // A quotation whose sentence has no cue but names someone right beside it (Ms Kim “courteously…”) is
    // that person's, rather than the cue of a sentence beside it.
    const besideName = nearestName(tokens, run, names, run, options.nameReach)
    const byName = cue !== null && !inOwnSentence(cue) && kind !== 'indirect' && besideName !== null
    if (byName) cue = null
    // No source tagged near the cue: the name nearest to it in its sentence ("Politifact then ruled").
    const source = byName
      ? besideName
      : (nearest(tokens, cue ?? run, sources, options.sentencePenalty * 2, run) ??
        nearestName(
          tokens,
          cue ?? run,
          cue === null ? speakingNames : names,
          run,
          options.nameReach,
        ))
    const ownCue = cue !== null && inOwnSentence(cue)
    drafts.push({ content, cue, source, kind, run, ownCue })
  }
  const named: NamedSpeaker[] = []
  // Names first, so that a pronoun can point to a speaker named later in the list but earlier in the text.
  for (const draft of drafts) {
    if (draft.source === null) continue
    const range = rangeOf(tokens, draft.source)
    if (range === null || resolver.isPronoun(range)) continue
    const cue = draft.cue === null ? null : rangeOf(tokens, draft.cue)
    const resolved = resolver.resolve(range, [], 'mentioned', false, cue)
    if (resolved.speaker !== null && /^\p{Lu}/u.test(resolved.speaker))
      named.push({ ...resolved, at: range.start })
  }
  named.sort((a, b) => a.at - b.at)
  const context: HypothesisContext = {
    tokens,
    sources,
    names,
    resolver,
    named,
    resolve: (source, cue) =>
      resolver.resolve(source, named, options.pronoun, options.genderAgreement, cue),
  }
  const attributions: Attribution[] = []
  let previous: Attribution | null = null
  let previousParagraph = -1
  for (const draft of drafts) {
    const paragraph = (tokens[draft.run.first] as TagToken).paragraph
    let source = draft.source === null ? null : rangeOf(tokens, draft.source)
    let resolved =
      draft.source === null || source === null
        ? NO_SPEAKER
        : resolver.resolve(
            source,
            named,
            options.pronoun,
            options.genderAgreement,
            draft.cue === null ? null : rangeOf(tokens, draft.cue),
          )
    const quoted = draft.kind !== 'indirect'
    const follows =
      quoted &&
      previous !== null &&
      previous.kind !== 'indirect' &&
      paragraph - previousParagraph <= 1
    const uncued = draft.source === null && draft.cue === null
    const continues = follows && (uncued || (options.continueQuotes && !draft.ownCue))
    if (continues && previous !== null) {
      source = previous.source
      resolved = { speaker: previous.speaker, entityId: previous.entityId, person: false }
    } else if (uncued && !options.keepUncued) continue
    const attribution: Attribution = {
      content: draft.content,
      cue: draft.cue === null || continues ? null : rangeOf(tokens, draft.cue),
      source,
      speaker: resolved.speaker,
      entityId: resolved.entityId,
      kind: draft.kind,
    }
    const hypotheses =
      ranking.ranker === undefined && ranking.collect === undefined
        ? []
        : speakerHypotheses(context, {
            run: draft.run,
            cue: draft.cue,
            kind: draft.kind,
            ownCue: draft.ownCue,
            rule: attribution,
            previous:
              previous === null
                ? null
                : { attribution: previous, paragraphs: paragraph - previousParagraph },
          })
    ranking.collect?.(attribution, hypotheses)
    // The rule's reading stays what the next quotation continues from, so that the hypotheses are the same
    // whether or not a ranker chooses (as they were when it was trained).
    previous = attribution
    previousParagraph = paragraph
    const chosen =
      ranking.ranker === undefined ? undefined : hypotheses[ranking.ranker.choose(hypotheses)]
    attributions.push(
      chosen === undefined
        ? attribution
        : {
            ...attribution,
            source: chosen.source,
            speaker: chosen.resolved.speaker,
            entityId: chosen.resolved.entityId,
          },
    )
  }
  return attributions
}
