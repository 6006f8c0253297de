/**
 * How often `statingSentence` (src/corroborate/stance/stated.ts) fires, and on which gold stances, beside the
 * stance `verify` gives without it: FNC-1 TRAIN (bodies) and Emergent (headlines, both splits). Prints, per
 * set, "gold<-model" counts over the pairs where an article states the claim. Choose on these only; the FNC-1
 * test half is evaluation (scripts/eval-fnc.ts).
 *
 *   nice npx tsx scripts/stated-claims.ts [fnc-train|emergent]
 */
import { prepareClaim, prepareText, wordsOf } from '../src/corroborate/stance/features.js'
import { statingSentence } from '../src/corroborate/stance/stated.js'
import { verify } from '../src/corroborate/verify.js'
import { readJsonLines } from '../eval/data.js'

interface Pair {
  claim: string
  text: string
  gold: string
}

function tabulate(name: string, pairs: Pair[]): void {
  const table: Record<string, number> = {}
  for (const pair of pairs) {
    const claim = prepareClaim(pair.claim)
    const stated = statingSentence(
      claim,
      wordsOf(pair.claim),
      pair.text,
      prepareText(pair.text).sentences,
    )
    if (stated === null) continue
    const stance = verify(pair.claim, [{ id: 'a', text: pair.text }]).verdicts[0]?.stance
    const key = `${pair.gold}<-${stance}`
    table[key] = (table[key] ?? 0) + 1
  }
  console.log(
    name,
    pairs.length,
    'pairs; where a sentence states the claim:',
    JSON.stringify(table),
  )
}

const which = process.argv[2] ?? 'fnc-train'
if (which === 'fnc-train') {
  const bodies = new Map(
    readJsonLines<{ bodyId: number; text: string }>('stance-fnc1', 'train', 'bodies.jsonl').map(
      (body) => [body.bodyId, body.text],
    ),
  )
  tabulate(
    which,
    readJsonLines<{ claim: string; bodyId: number; stance: string }>(
      'stance-fnc1',
      'train',
      'stances.jsonl',
    ).map((pair) => ({
      claim: pair.claim,
      text: bodies.get(pair.bodyId) ?? '',
      gold: pair.stance,
    })),
  )
} else {
  const asStance: Record<string, string> = {
    for: 'agree',
    against: 'disagree',
    observing: 'discuss',
  }
  tabulate(
    which,
    readJsonLines<{ claim: string; headline: string; stance: string }>(
      'stance-emergent',
      'stances.jsonl',
    ).map((pair) => ({
      claim: pair.claim,
      text: pair.headline,
      gold: asStance[pair.stance] ?? pair.stance,
    })),
  )
}
