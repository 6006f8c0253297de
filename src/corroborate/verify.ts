import { findReuseLinks, independentGroups } from '../reuse/links.js'
import { type Article, type ReuseLink, SCHEMA_VERSION, type Span } from '../types.js'
import { type PreparedText, prepareClaim, prepareText, stanceInput } from './stance/features.js'
import { predict, STANCES, type Stance, type StanceModel, unpackModel } from './stance/model.js'
import { STANCE_MODEL } from './stance/weights.js'
import { SHORT_TEXT_STANCE_MODEL } from './stance/weights-short.js'

export type { Stance } from './stance/model.js'

/** One article's stance to a claim, with the sentences that decided it (offsets into its `text`). */
export interface Verdict {
  articleId: string
  stance: Stance
  evidence: Span[]
  confidence: number
}

/** What `verify` returns (CONTRACT.md). */
export interface VerifyResult {
  claim: string
  verdicts: Verdict[]
  /** Independent sources that agree: copies and rewrites of one report count once. */
  support: number
  /** Independent sources that disagree, counted the same way. */
  dispute: number
}

/** An article as `verify` needs it: an id and a text, or a whole Article. */
export type VerifyInput = Pick<Article, 'id' | 'text'> & Partial<Article>

export interface VerifyOptions {
  /** Reuse links among the articles when already known (a story's); found here otherwise. */
  links?: ReuseLink[]
}

/** Claims and texts longer than this are cut: a claim is a sentence, and the model reads bodies. */
const MAX_CLAIM_CHARS = 1_000
const MAX_TEXT_CHARS = 200_000

/**
 * Below this many characters a text is a headline or a lead, and the short-text model reads it (trained on
 * claims against the first sentence of each FNC-1 training body); bodies go to the body model.
 */
export const SHORT_TEXT_CHARS = 300

let bodyModel: StanceModel | null = null
let shortModel: StanceModel | null = null
const modelFor = (text: string): StanceModel =>
  text.length < SHORT_TEXT_CHARS
    ? (shortModel ??= unpackModel(SHORT_TEXT_STANCE_MODEL))
    : (bodyModel ??= unpackModel(STANCE_MODEL))

/**
 * The stance of each article to a claim — agree, disagree, discuss (reports it without taking a side) or
 * unrelated — with its evidence and confidence, and the claim's support and dispute counted in independent
 * sources. Stance comes from a model trained on the FNC-1 training set (scripts/train-stance.ts).
 */
export function verify(
  claim: string,
  articles: VerifyInput[],
  options: VerifyOptions = {},
): VerifyResult {
  if (typeof claim !== 'string' || claim.trim() === '')
    throw new TypeError(
      'Cannot call `verify` without a claim; pass the claim as a non-empty string',
    )
  if (!Array.isArray(articles))
    throw new TypeError('Cannot call `verify` without articles; pass an array of { id, text }')
  for (const article of articles) {
    if (typeof article?.id !== 'string' || typeof article.text !== 'string')
      throw new TypeError(
        'Cannot call `verify` with an article that lacks `id` or `text`; pass { id: string, text: string }',
      )
  }
  const prepared = prepareClaim(claim.slice(0, MAX_CLAIM_CHARS))
  const verdicts = articles.map((article): Verdict => {
    const text: PreparedText = prepareText(article.text.slice(0, MAX_TEXT_CHARS))
    const stances = modelFor(article.text)
    const { input, close } = stanceInput(prepared, text, stances.layout, stances.idf)
    const probabilities = predict(stances, input)
    const best = probabilities.indexOf(Math.max(...probabilities))
    const stance = STANCES[best] as Stance
    return {
      articleId: article.id,
      stance,
      evidence:
        stance === 'unrelated'
          ? []
          : close.map((sentence) => ({
              articleId: article.id,
              start: sentence.start,
              end: sentence.end,
            })),
      confidence: Math.round((probabilities[best] as number) * 1000) / 1000,
    }
  })
  const taking = articles.filter((article, index) => {
    const stance = verdicts[index]?.stance
    return stance === 'agree' || stance === 'disagree'
  })
  const groups = independentGroups(
    taking.map((article) => article.id),
    options.links ?? findReuseLinks(taking.map(asArticle)),
  )
  const sourcesWith = (stance: Stance): number =>
    new Set(
      verdicts
        .filter((verdict) => verdict.stance === stance)
        .map((verdict) => groups.get(verdict.articleId) ?? verdict.articleId),
    ).size
  return {
    claim,
    verdicts,
    support: sourcesWith('agree'),
    dispute: sourcesWith('disagree'),
  }
}

/** An `{ id, text }` input as the Article reuse detection reads (unknown fields empty, as CONTRACT.md says). */
function asArticle(input: VerifyInput): Article {
  return {
    schemaVersion: SCHEMA_VERSION,
    path: null,
    url: null,
    title: null,
    authors: [],
    contributors: [],
    site: null,
    publisher: null,
    publisherEvidence: [],
    published: null,
    updated: null,
    pageDate: null,
    dateEvidence: [],
    dateConfidence: 0,
    dateline: null,
    language: null,
    removed: [],
    messages: [],
    entities: [],
    attributions: [],
    sentences: [],
    ...input,
  }
}
