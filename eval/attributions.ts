import { annotateArticle } from '../src/nlp/annotate.js'
import {
  type AttributionModelFile,
  readAttributionModelFile,
} from '../src/nlp/attributions/index.js'
import { type AttributionScores, scoreAttributions } from './attribution-metric.js'
import { loadPolnear } from './polnear.js'

/** BBC's citron (CRF + coreference) on PARC 3.0, as published in its README: content overlap F1, source F1. */
export const CITRON = { content: 0.83, source: '0.82–0.85' }

/** The quotation finder before issue 16 (direct quotes of six words or more) on the same dev texts. */
export const BEFORE_ISSUE_16 = { all: 0.33, speaker: 0.31 }

export interface AttributionEvaluation {
  articles: number
  ours: AttributionScores
  /** Cross-validation over train articles, as the training script measured it (mean, sd). */
  crossValidation: AttributionModelFile['crossValidation']
}

/**
 * The annotation stage's attributions (annotateArticle: the names it recognises are the speaker candidates,
 * as in `extract` and `analyze`) on PolNeAR's dev part, text as given, scored as
 * ../shared/tools/score_quotes.py does.
 */
export function evaluateAttributions(): AttributionEvaluation {
  const dev = loadPolnear('dev')
  const found = dev.map((article) => annotateArticle({ text: article.text }).attributions)
  const ours = scoreAttributions(
    dev.map((article, i) => ({
      text: article.text,
      gold: article.gold,
      predictions: (found[i] ?? []).map((a) => ({ ...a.content, speaker: a.speaker })),
    })),
  )
  return {
    articles: dev.length,
    ours,
    crossValidation: readAttributionModelFile().crossValidation,
  }
}
