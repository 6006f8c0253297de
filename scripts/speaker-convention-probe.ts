/**
 * What the PolNeAR metric counts right for a pronoun source, against what the speaker ranker gives (issue 16,
 * session 23): out of fold on train/ (a perceptron trained on the other folds), each matched gold unit whose
 * source is a pronoun, with the metric's two antecedent guesses (eval/attribution-metric.ts `antecedents`), the
 * chosen speaker and its hypotheses, counted by why it is wrong; and, for every wrong pronoun whose right
 * reading is among the hypotheses, which antecedent features the right and the chosen readings carry.
 *   nice npx tsx scripts/speaker-convention-probe.ts --cached-entities [--epochs 2] [--samples 30]
 * Reads only train/ (out-of-fold tags of scripts/train-attributions.ts).
 */
import { numberArgument } from './arguments.js'
import { antecedents, sourceKind, speakerRight } from '../eval/attribution-metric.js'
import { SpeakerRanker } from '../src/nlp/attributions/ranker.js'
import {
  examplesOf,
  prepareTrainArticles,
  speakingPrediction,
  tally,
  trimmedSpans,
  readModel,
  readOutOfFold,
  trainRanker,
} from './speaker-ranker-data.js'

const EPOCHS = numberArgument('epochs', 2)
const SAMPLES = numberArgument('samples', 30)
const kept = readOutOfFold()
const articles = prepareTrainArticles(readModel(), kept)
const { counts, samples, count } = tally(SAMPLES)

for (let fold = 0; fold < kept.folds; fold++) {
  const ranker = new SpeakerRanker(
    trainRanker(examplesOf(articles.filter((a) => a.fold !== fold)), EPOCHS).at(-1)!,
  )
  for (const article of articles.filter((a) => a.fold === fold)) {
    const { text } = article
    const spans = trimmedSpans(text, article.found)
    for (const unit of article.gold) {
      if (unit.source === null) continue
      const best = speakingPrediction(unit, spans)
      if (best === null || sourceKind(unit.source) !== 'pronoun') continue
      const choice = article.choices.get(best.found)
      const hypotheses = choice?.hypotheses ?? []
      const at = hypotheses.length === 0 ? -1 : ranker.choose(hypotheses)
      const chosen = hypotheses[at]
      const speaker = chosen === undefined ? best.found.speaker : chosen.resolved.speaker
      const ok = speakerRight(text, unit, article.gold, speaker)
      const wanted = antecedents(text, unit, article.gold)
      const right = hypotheses.map((h) =>
        speakerRight(text, unit, article.gold, h.resolved.speaker),
      )
      const word = unit.source.trim().toLowerCase()
      const group = /^(he|she|him|his|her)$/.test(word) ? 'he/she' : word
      count(`all|${group}`)
      if (ok) {
        count(`ok|${group}`)
        continue
      }
      const chosenGold =
        chosen?.source !== null &&
        chosen?.source !== undefined &&
        unit.sourceFrags.some(([s, e]) => chosen.source!.start < e && chosen.source!.end > s)
      const context = text
        .slice(Math.max(0, (unit.sourceStart ?? 0) - 220), (unit.sourceStart ?? 0) + 60)
        .replace(/\s+/g, ' ')
      const line = `${article.stem}: "${unit.source}" wants {${[...wanted].join('/')}} got "${speaker}" [${chosen?.features[0] ?? 'none'}${chosenGold ? ', gold span' : ''}]; hyps: ${hypotheses
        .map((h, i) => `${h.resolved.speaker}${right[i] ? '✓' : ''}`)
        .slice(0, 12)
        .join(' | ')}\n      …${context}…`
      let klass: string
      if (wanted.size === 0) klass = 'metric has no guess (no named gold source before)'
      else if (right.some(Boolean)) {
        klass = `ranked wrong (${chosenGold ? 'gold pronoun chosen' : 'another span chosen'})`
        if (chosenGold && chosen !== undefined) {
          const r = hypotheses.find((_, i) => right[i])!
          for (const f of r.features.filter((x) => x.startsWith('ante|'))) count(`rightfeat|${f}`)
          for (const f of chosen.features.filter((x) => x.startsWith('ante|')))
            count(`chosenfeat|${f}`)
          count('rightfeat|n')
        }
      } else {
        const inWords = hypotheses.some((h) =>
          [...wanted].some((w) =>
            (h.resolved.speaker ?? '').toLowerCase().split(/\W+/).includes(w),
          ),
        )
        const mentioned = [...wanted].some((w) =>
          new RegExp(`\\b${w}\\b`, 'i').test(text.slice(0, unit.sourceStart ?? 0)),
        )
        klass = inWords
          ? 'no hypothesis right; a hypothesis holds the wanted name, not as its last word'
          : mentioned
            ? 'no hypothesis right; wanted name written before, no hypothesis names it'
            : 'no hypothesis right; other'
      }
      count(`${group}|${klass}`, line)
    }
  }
}
for (const [k, n] of [...counts.entries()].sort()) console.log(`${String(n).padStart(6)}  ${k}`)
for (const [key, list] of samples) {
  console.log(`\n### ${key}`)
  for (const s of list) console.log(`  - ${s}`)
}
