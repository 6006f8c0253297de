import { expect, test } from 'vitest'
import { EXAMPLE, runCaptured } from './helpers.js'

test('verify prints the contract shape for every input article', async () => {
  const result = await runCaptured([
    'verify',
    'Putin gave Kim Jong Un a Russian-made limousine',
    EXAMPLE,
    '--format',
    'json',
  ])
  expect(result.status).toBe(0)
  const parsed = JSON.parse(result.stdout) as {
    claim: string
    verdicts: { articleId: string; stance: string; evidence: unknown[]; confidence: number }[]
    support: number
    dispute: number
  }
  expect(parsed.claim).toBe('Putin gave Kim Jong Un a Russian-made limousine')
  expect(parsed.verdicts).toHaveLength(5)
  for (const verdict of parsed.verdicts)
    expect(['agree', 'disagree', 'discuss', 'unrelated']).toContain(verdict.stance)
  // The seed story is about this claim: most outlets relate to it.
  expect(
    parsed.verdicts.filter((verdict) => verdict.stance !== 'unrelated').length,
  ).toBeGreaterThan(2)
  expect(parsed.support + parsed.dispute).toBeLessThanOrEqual(4)
})

test('verify without inputs or --db, or with an empty claim, is a usage error', async () => {
  expect((await runCaptured(['verify', 'a claim'])).status).toBe(2)
  expect((await runCaptured(['verify', '  ', EXAMPLE])).status).toBe(2)
  const text = await runCaptured(['verify', 'Putin gave Kim Jong Un a car', EXAMPLE])
  expect(text.status).toBe(0)
  expect(text.stdout).toMatch(/^claim: Putin gave Kim Jong Un a car\nsupported by \d+ independent/)
})
