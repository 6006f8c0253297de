import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import type { Attribution, AttributionEntity, TextRange } from '../../types.js'
import {
  type AssembleOptions,
  DEFAULT_ASSEMBLE_OPTIONS,
  type SpeakerRanking,
  assembleAttributions,
} from './assemble.js'
import {
  CONTENT_LABELS,
  type FeatureSink,
  ROLE_LABELS,
  tokenFacts,
  writeContentFeatures,
  writeRoleFeatures,
} from './features.js'
import { FeatureVocabulary } from '../feature-rows.js'
import { type StoredTaggerWeights, Tagger, readWeights } from './perceptron.js'
import { SpeakerRanker, type StoredRankerWeights } from './ranker.js'
import { type NameMention, SpeakerResolver, nameMentions } from './speakers.js'
import { transcriptAttributions } from './transcripts.js'
import { withoutReportedSubjects } from './source-runs.js'
import { paragraphs, tagTokens, type TagToken } from './tokens.js'

export type { Attribution, AttributionEntity, AttributionKind, TextRange } from '../../types.js'

/** The two taggers: sources and cues first, then content given them. */
export interface AttributionModel {
  roles: Tagger
  contents: Tagger
  assemble: AssembleOptions
  /** Chooses each attribution's speaker among its hypotheses; without it the assembly rule's reading stands. */
  speakers?: SpeakerRanker
}

/** What models/attributions.json.gz holds (written by scripts/train-attributions.ts). */
export interface AttributionModelFile {
  provenance: string
  roles: StoredTaggerWeights
  contents: StoredTaggerWeights
  /** Added to the source/cue tagger's label scores (its decision thresholds); absent: none. */
  roleBias?: number[]
  assemble: AssembleOptions
  /** The speaker ranker's weights (scripts/train-speaker-ranker.ts); absent before it was trained. */
  speakers?: StoredRankerWeights
  /** The chosen settings' figures over held-out train articles: mean and sd per fold. */
  crossValidation: {
    folds: number
    all: [number, number]
    direct: [number, number]
    speaker: [number, number]
  }
}

const MODEL_FILE = new URL('../../../models/attributions.json.gz', import.meta.url)
// Longer texts are cut (a news article is rarely a tenth of this): a hostile input should not hold a worker
// for long; 200,000 characters of quotations take a few seconds.
const MAX_CHARS = 200_000

let shipped: AttributionModel | null = null

/** The shipped model file as stored (weights, settings, provenance, cross-validated figures). */
export function readAttributionModelFile(): AttributionModelFile {
  return JSON.parse(gunzipSync(readFileSync(MODEL_FILE)).toString('utf8')) as AttributionModelFile
}

/** The shipped model, read once. */
export function defaultAttributionModel(): AttributionModel {
  shipped ??= modelFrom(readAttributionModelFile())
  return shipped
}

export function modelFrom(
  file: Pick<AttributionModelFile, 'roles' | 'contents' | 'assemble' | 'speakers' | 'roleBias'>,
): AttributionModel {
  const roles = readWeights(file.roles)
  const contents = readWeights(file.contents)
  // One vocabulary for both taggers: a text's words, shapes and stems are looked up once for both layers.
  const vocabulary = new FeatureVocabulary([roles.names, contents.names])
  return {
    roles: new Tagger(roles, file.roleBias, vocabulary),
    contents: new Tagger(contents, [], vocabulary),
    assemble: { ...DEFAULT_ASSEMBLE_OPTIONS, ...file.assemble },
    ...(file.speakers === undefined ? {} : { speakers: new SpeakerRanker(file.speakers) }),
  }
}

/**
 * Labels for every token, decoded paragraph by paragraph (only those `worth` it; others all 'O'), from the
 * features `write` gives for the tokens.
 */
export function tagSequence(
  tagger: Tagger,
  tokens: TagToken[],
  write: (sink: FeatureSink) => void,
  worth: (paragraph: TagToken[], offset: number) => boolean = () => true,
): string[] {
  const runs = paragraphs(tokens)
  const wanted = new Uint8Array(tokens.length)
  let offset = 0
  for (const paragraph of runs) {
    if (worth(paragraph, offset)) wanted.fill(1, offset, offset + paragraph.length)
    offset += paragraph.length
  }
  const scores = tagger.score(write, tokens.length, (token) => wanted[token] === 1)
  const labels: string[] = []
  offset = 0
  for (const paragraph of runs) {
    if (wanted[offset] === 1) {
      const path = tagger.decodeScores(scores, offset, paragraph.length)
      for (const label of path) labels.push(tagger.labels[label] ?? 'O')
    } else for (let i = 0; i < paragraph.length; i++) labels.push('O')
    offset += paragraph.length
  }
  return labels
}

/** Tags of both layers for a text (used by findAttributions and by the training script's evaluation). */
export function tagText(
  model: AttributionModel,
  tokens: TagToken[],
): { roles: string[]; contents: string[] } {
  // Words, shapes and stems are read once for both layers.
  const facts = tokenFacts(tokens)
  // A reported clause's subject that the role tagger read as a source goes back to the content (source-runs.ts).
  const roles = withoutReportedSubjects(
    tokens,
    tagSequence(model.roles, tokens, (sink) => writeRoleFeatures(tokens, sink, facts)),
  )
  const contents = tagSequence(
    model.contents,
    tokens,
    (sink) => writeContentFeatures(tokens, roles, sink, facts),
    hasContentCues(tokens, roles),
  )
  return { roles, contents }
}

/**
 * Paragraphs worth a content pass: those with a cue or a quotation mark, and those right after a paragraph
 * with a cue ("X said:" then the quotation). Elsewhere content is left untagged, which saves a fifth of the
 * tagging time of a typical article for 0.003 of content F1 on PolNeAR dev (the train cross-validation of
 * scripts/train-attributions.ts runs this same path).
 */
function hasContentCues(
  tokens: TagToken[],
  roles: string[],
): (paragraph: TagToken[], offset: number) => boolean {
  const cuedParagraphs = new Set<number>()
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as TagToken
    if ((roles[i] ?? 'O') !== 'O' || token.mark !== null) cuedParagraphs.add(token.paragraph)
  }
  return (paragraph) => {
    const index = paragraph[0]?.paragraph ?? 0
    return cuedParagraphs.has(index) || cuedParagraphs.has(index - 1)
  }
}

/**
 * Who said what in a text: direct, indirect and mixed quotations, each with its content, cue and source
 * spans and the speaker resolved to the full name the text gives. Speaker candidates are `entities` when
 * given (their `entityId` is carried over), else the project's name finder.
 */
export function findAttributions(
  text: string,
  options: { entities?: AttributionEntity[]; model?: AttributionModel } = {},
): Attribution[] {
  const model = options.model ?? defaultAttributionModel()
  const body = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text
  const tokens = tagTokens(body)
  const { roles, contents } = tagText(model, tokens)
  return attributeTagged(
    body,
    tokens,
    roles,
    contents,
    nameMentions(body, options.entities),
    model.assemble,
    model.speakers === undefined ? {} : { ranker: model.speakers },
  )
}

/** Attributions from tagged tokens: the taggers' runs assembled, and transcript labels. */
export function attributeTagged(
  text: string,
  tokens: TagToken[],
  roles: string[],
  contents: string[],
  mentions: NameMention[],
  options: AssembleOptions,
  ranking: SpeakerRanking = {},
): Attribution[] {
  const resolver = new SpeakerResolver(text, mentions)
  const labelled = transcriptAttributions(text, mentions, resolver)
  // A labelled line is the label's words: the tagger's reading of the same words gives way to it.
  const tagged = assembleAttributions(tokens, roles, contents, resolver, options, ranking).filter(
    (attribution) => !labelled.some((line) => sameRange(line.content, attribution.content)),
  )
  return [...tagged, ...labelled].sort(
    (a, b) => a.content.start - b.content.start || a.content.end - b.content.end,
  )
}

/** Two ranges that share at least 80% of the longer one. */
function sameRange(a: TextRange, b: TextRange): boolean {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start)
  return shared >= 0.8 * Math.max(a.end - a.start, b.end - b.start)
}

export { ROLE_LABELS, CONTENT_LABELS }
