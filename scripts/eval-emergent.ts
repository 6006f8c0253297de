/**
 * The Emergent part of `npm run eval` alone (eval/stance.ts's evaluateEmergent), for iterating on the headline
 * model without the whole eval: accuracy, FV-test accuracy beside Ferreira & Vlachos, per-claim count errors,
 * the FNC-1 overlap check and the headline model's CV (mean ± sd over its folds).
 *
 *   nice npx tsx scripts/eval-emergent.ts
 */
import { evaluateEmergent } from '../eval/stance.js'

const figures = evaluateEmergent()
const summary = (folds: number[]): string => {
  const mean = folds.reduce((a, b) => a + b, 0) / folds.length
  const sd = Math.sqrt(folds.reduce((a, b) => a + (b - mean) ** 2, 0) / folds.length)
  return `${mean.toFixed(4)} ± ${sd.toFixed(4)} over ${folds.length} folds`
}
console.log(
  JSON.stringify(
    {
      ...figures,
      headlineCv: summary(figures.headlineCv),
      headlineCvCountsExact: summary(figures.headlineCvCountsExact),
    },
    null,
    1,
  ),
)
