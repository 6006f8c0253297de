import { expect, test } from 'vitest'
import { verify } from '../verify.js'
import { headlineFeatures, swappedPrior } from './headline.js'
import { prepareClaim, prepareText, stanceInput } from './features.js'
import { predict, unpackModel } from './model.js'
import { SHORT_TEXT_STANCE_MODEL } from './weights-short.js'

// Headlines written for these tests (not Emergent's): one claim, the ways outlets frame it.
const CLAIM = 'A crocodile was found living in a swimming pool in Leeds'

const cues = (headline: string, claim = CLAIM): Map<string, number> =>
  headlineFeatures(claim, headline)

test('a question mark that ends the headline is its own cue, beside any question mark', () => {
  expect(cues('Was a crocodile really found in a Leeds swimming pool?').has('question-end')).toBe(
    true,
  )
  expect(cues('Crocodile in a Leeds pool? Council says no').has('question-end')).toBe(false)
  expect(cues('Crocodile in a Leeds pool? Council says no').has('question')).toBe(true)
})

test('where the first refuting and hedging cues sit, and whether they frame the claim', () => {
  const hoax = cues('Hoax: the Leeds swimming pool crocodile was a plastic toy')
  expect(hoax.has('ref-at:0')).toBe(true)
  expect(hoax.has('ref-before')).toBe(true)
  const late = cues('Leeds pool crocodile reportedly spotted by swimmers')
  expect(late.has('hedge-at:3-5')).toBe(true)
  expect(late.has('hedge-after')).toBe(true)
  expect(late.has('ref-at:0')).toBe(false)
})

test('a negator before a word aligned with the claim is negation alignment, by stem or trigrams', () => {
  const claim = 'ISIS beheaded the Kurdish fighter Rehana'
  // "behead" aligns with "beheaded" by stem; "not" comes two words before it.
  expect(cues('ISIS did not behead Rehana, friends say', claim).has('neg-aligned')).toBe(true)
  // A negator far from any claim word aligns with nothing.
  expect(
    cues('Rehana beheaded by ISIS, not seen since the siege of the town', claim).has('neg-aligned'),
  ).toBe(false)
  // A claim that is itself negated, and a headline that is not.
  expect(cues('Rehana was beheaded', 'ISIS did not behead Rehana').has('neg-claim-only')).toBe(true)
})

test('the shipped headline model reads plain, questioning, hedged and debunking headlines apart', () => {
  const texts = {
    plain: 'Crocodile found living in Leeds swimming pool',
    question: 'Was a crocodile really found in a Leeds swimming pool?',
    hedged: 'Leeds pool crocodile reportedly spotted by swimmers',
    hoax: 'Hoax: the Leeds swimming pool crocodile was a plastic toy',
    denied: 'Council denies crocodile was found in Leeds pool',
  }
  const result = verify(
    CLAIM,
    Object.entries(texts).map(([id, text]) => ({ id, text })),
  )
  const stance = new Map(result.verdicts.map((verdict) => [verdict.articleId, verdict.stance]))
  expect(stance.get('plain')).toBe('agree')
  expect(stance.get('question')).toBe('discuss')
  expect(stance.get('hedged')).toBe('discuss')
  expect(stance.get('hoax')).toBe('disagree')
  expect(stance.get('denied')).toBe('disagree')
  expect(result.support).toBe(1)
  expect(result.dispute).toBe(2)
})

test('reporting and rumour words are cues of their own, and one that opens the headline another', () => {
  const report = cues('Report: crocodile found living in a Leeds swimming pool')
  expect(report.has('report-start')).toBe(true)
  expect(report.has('rep:report')).toBe(true)
  const sources = cues('Crocodile may be living in Leeds pool, sources say')
  expect(sources.has('report')).toBe(true)
  expect(sources.has('report-start')).toBe(false)
  expect(sources.has('rep:sources')).toBe(true)
  expect(cues('Crocodile found living in Leeds swimming pool').has('report')).toBe(false)
  expect(cues('"Crocodile" in Leeds pool was a log').has('quote-start')).toBe(true)
})

test('the short-text model read both ways feeds the headline model as its own cues', () => {
  const features = headlineFeatures(
    CLAIM,
    'Crocodile found in Leeds pool',
    [0.1, 0.2, 0.3, 0.4],
    [0.5, 0.1, 0.3, 0.1],
  )
  expect(features.get('prior:3')).toBe(0.4)
  expect(features.get('swap:0')).toBe(0.5)
  const short = unpackModel(SHORT_TEXT_STANCE_MODEL)
  const swapped = swappedPrior(short, prepareText(CLAIM), 'Crocodile found in Leeds pool')
  expect(swapped).toHaveLength(4)
  expect(swapped.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
  // The other way round is another reading, not the same numbers.
  const forward = predict(
    short,
    stanceInput(
      prepareClaim(CLAIM),
      prepareText('Crocodile found in Leeds pool'),
      short.layout,
      short.idf,
    ).input,
  )
  expect(swapped).not.toEqual(forward)
})

test('word features weigh half a cue, so the words of a few hundred headlines do not outweigh the cues', () => {
  const features = headlineFeatures(CLAIM, 'Reportedly, a crocodile found in the pool, sources say')
  expect(features.get('w:crocodil')).toBe(0.5)
  expect(features.get('new:sourc')).toBe(0.5)
  expect(features.get('report')).toBe(1)
  // A word said twice counts twice.
  expect(headlineFeatures(CLAIM, 'Crocodile, crocodile in Leeds').get('w:crocodil')).toBe(1)
})

test("a negator and cues scoped on the claim's words, found by stem or word cluster", () => {
  const denied = cues('Council denies crocodile was found living in Leeds swimming pool')
  expect(denied.has('scope:ref-before')).toBe(true)
  // A refuting word far from every claim word frames nothing.
  const far = cues(
    'Crocodile found in Leeds pool; the council, asked about the zoo, denies everything',
  )
  expect(far.has('scope:ref-before')).toBe(false)
  const said = cues('Crocodile living in Leeds swimming pool, sources say')
  expect(said.has('scope:hedge-after')).toBe(true)
  const negated = cues('No crocodile living in Leeds pool')
  expect(negated.has('cla-neg')).toBe(true)
  expect(cues('Crocodile living in Leeds pool').has('cla-neg')).toBe(false)
  // "abducted" is found for "captured" by their shared word cluster, not by stem: the negator before it counts.
  const claim = 'Rebels captured the mayor'
  expect(cues('Mayor, rebels say, was not abducted', claim).has('cla-neg')).toBe(true)
  expect(cues('Mayor, rebels say, was not at home', claim).has('cla-neg')).toBe(false)
  // The share of the claim's words found is not read (it did not win, round 23).
  expect([...denied.keys()].some((name) => /^cla-(share|cluster|none)/.test(name))).toBe(false)
})

test('a verdict reads the claim and its own article only: another article in the call changes nothing', () => {
  const headline = { id: 'a', text: 'Crocodile found living in Leeds swimming pool' }
  const others = [
    { id: 'b', text: 'Leeds pool crocodile was a hoax, council says' },
    { id: 'c', text: 'No, there is no crocodile in a Leeds swimming pool' },
    { id: 'd', text: `${'The council met on Tuesday to discuss the budget. '.repeat(8)}` },
  ]
  const alone = verify(CLAIM, [headline]).verdicts[0]!
  // Added one at a time and all together, before and after it: the headline's verdict stays the same.
  for (const added of [[others[0]!], [others[1]!], others]) {
    expect(verify(CLAIM, [headline, ...added]).verdicts[0]).toEqual(alone)
    expect(verify(CLAIM, [...added, headline]).verdicts[added.length]).toEqual(alone)
  }
  // And each other headline's verdict is the one it gets alone.
  const together = verify(CLAIM, [headline, ...others]).verdicts
  others.forEach((other, i) => expect(together[i + 1]).toEqual(verify(CLAIM, [other]).verdicts[0]))
})
