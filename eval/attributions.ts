import { extractQuotes } from '../src/nlp/quotes.js'
import {
  type AttributionModelFile,
  findAttributions,
  readAttributionModelFile,
} from '../src/nlp/attributions/index.js'
import { type AttributionScores, scoreAttributions } from './attribution-metric.js'
import { loadPolnear } from './polnear.js'

/** BBC's citron (CRF + coreference) on PARC 3.0, as published in its README: content overlap F1, source F1. */
export const CITRON = { content: 0.83, source: '0.82–0.85' }

export interface AttributionEvaluation {
  articles: number
  ours: AttributionScores
  /** The quotation finder used before (src/nlp/quotes.ts) on the same texts. */
  before: AttributionScores
  /** Cross-validation over train articles, as the training script measured it (mean, sd). */
  crossValidation: AttributionModelFile['crossValidation']
}

/** findAttributions on PolNeAR's dev part, text as given, scored as ../shared/tools/score_quotes.py does. */
export function evaluateAttributions(): AttributionEvaluation {
  const dev = loadPolnear('dev')
  const found = dev.map((article) => findAttributions(article.text))
  const ours = scoreAttributions(
    dev.map((article, i) => ({
      text: article.text,
      gold: article.gold,
      predictions: (found[i] ?? []).map((a) => ({ ...a.content, speaker: a.speaker })),
    })),
  )
  const before = scoreAttributions(
    dev.map((article) => ({
      text: article.text,
      gold: article.gold,
      predictions: extractQuotes(article.text).map((q) => ({
        start: q.start,
        end: q.end,
        speaker: q.speaker,
      })),
    })),
  )
  return {
    articles: dev.length,
    ours,
    before,
    crossValidation: readAttributionModelFile().crossValidation,
  }
}
