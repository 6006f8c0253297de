/** Other readings of a (claim, headline) pair for output blends (scripts/headline-transductive.ts). */
import { swappedPrior } from '../src/corroborate/stance/headline.js'
import { prepareClaim, prepareText, stanceInput } from '../src/corroborate/stance/features.js'
import { predict, unpackModel } from '../src/corroborate/stance/model.js'
import { SHORT_TEXT_STANCE_MODEL } from '../src/corroborate/stance/weights-short.js'
import { STANCE_MODELS } from '../src/corroborate/stance/weights.js'
import type { HeadlineRow } from './headline-trainer.js'

const related = (p: number[]): number[] => {
  const sum = (p[0] ?? 0) + (p[1] ?? 0) + (p[2] ?? 0)
  return [0, 1, 2].map((c) => (p[c] ?? 0) / sum)
}
export function readings(rows: HeadlineRow[]): Record<string, number[][]> {
  const short = unpackModel(SHORT_TEXT_STANCE_MODEL)
  const body = unpackModel(STANCE_MODELS[0]!)
  const bodyOf = (claim: string, text: string): number[] =>
    predict(
      body,
      stanceInput(prepareClaim(claim), prepareText(text), body.layout, body.idf, body.termIdf)
        .input,
    )
  return {
    shortFwd: rows.map((r) =>
      related(
        predict(
          short,
          stanceInput(prepareClaim(r.claim), prepareText(r.headline), short.layout, short.idf)
            .input,
        ),
      ),
    ),
    shortSwap: rows.map((r) => related(swappedPrior(short, prepareText(r.claim), r.headline))),
    bodyFwd: rows.map((r) => related(bodyOf(r.claim, r.headline))),
    bodySwap: rows.map((r) => related(bodyOf(r.headline, r.claim))),
  }
}
