import { join } from 'node:path'
import { expect, test } from 'vitest'
import { verify } from '../src/corroborate/verify.js'
import { collectArticles } from '../src/pipeline.js'
import { EXAMPLE } from './helpers.js'

test('an article that states a short claim’s figure in other words is not unrelated to it', async () => {
  // The example's Washington Times copy says the limousine is "priced … at $245,000": the claim's "car" and
  // "cost" are not in that sentence, and its long body about sanctions led the model to "unrelated" (0.98).
  const [article] = await collectArticles([join(EXAMPLE, '000_c4af87845c3e2fcc.txt')])
  const verdict = verify('the car cost $245,000', [article!]).verdicts[0]
  expect(verdict?.stance).not.toBe('unrelated')
  const evidence = verdict!.evidence.map((span) => article!.text.slice(span.start, span.end))
  expect(evidence.some((sentence) => sentence.includes('$245,000'))).toBe(true)
  // Its confidence is the stance's share of the related probabilities, not the overridden model's.
  expect(verdict?.confidence).toBeGreaterThan(0.2)
  // Another figure is not this claim's.
  expect(verify('the car cost $300,000', [article!]).verdicts[0]?.stance).toBe('unrelated')
})
