import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { extractPlainText } from './plaintext.js'

const EXAMPLE = new URL('../../examples/aurus-gift', import.meta.url).pathname
const seeds = readdirSync(EXAMPLE).map((name) => ({
  name,
  result: extractPlainText(readFileSync(join(EXAMPLE, name), 'utf8')),
}))

// Lines of the seeds that are not the story, by the kind of boilerplate they are.
const BOILERPLATE = [
  /^Sponsor:/,
  /^Read More:/,
  /^Leave a comment$/,
  /Your email address will not be published/,
  /^Your support/,
  /^- In:/,
  /^veryGood!/,
  /Download The Mint News App/,
  /^\[time-brightcove/,
  /\(AP\)$/,
  /Thank you for registering/,
  /^Related$/,
  /^Date:2025/,
]

test('no boilerplate line of the seeds is kept, and each dropped line is in `removed` with a kind', () => {
  for (const { name, result } of seeds) {
    for (const paragraph of result.text.split('\n\n')) {
      for (const pattern of BOILERPLATE)
        expect(paragraph, `${name}: ${paragraph}`).not.toMatch(pattern)
    }
    expect(result.removed.every((block) => block.kind !== '')).toBe(true)
  }
})

test('body paragraphs at the edges of each seed are kept', () => {
  const text = (prefix: string): string =>
    seeds.find((seed) => seed.name.startsWith(prefix))?.result.text ?? ''
  expect(text('000')).toContain('The bridge, however, has no road span.')
  expect(text('000')).toMatch(/“It’s a nice gesture, but \[Kim Jong-un\]/)
  expect(text('001')).toMatch(/^SEOUL, South Korea — Russian President/)
  expect(text('001')).toMatch(/visit the North at an early date\.$/)
  expect(text('002')).toMatch(/^Vladimir Putin has gifted a Russian-made limousine/)
  expect(text('002')).toMatch(/Singapore in 2018 and Vietnam in 2019\.$/)
  expect(text('003')).toMatch(
    /commonly known as "The Beast," as the men met for their first in-person summit in Singapore\.$/,
  )
  expect(text('004')).toMatch(/it’s still a mystery to me\."$/)
})

test('the headline is the title, cleaned of markers and duplicates', () => {
  expect(seeds.map((seed) => seed.result.title)).toEqual([
    'In rebuke to the West, Putin gives North Korea’s Kim Jong-un luxury limo',
    'Putin Gave Kim Jong Un a Russian-Made Car in a Show of Their Special Ties, North Korea Says',
    'Putin gifts petrol head Kim Jong-un a new luxury car for his collection',
    "Kim Jong Un apparently liked Vladimir Putin's Russian-made limousine so much that Putin gave him one",
    'A gift from Russia to Kim Jong Un: A new armored limousine',
  ])
})

test('an appeal box is removed only where it speaks to the reader', () => {
  const text = [
    'Storm hits coast',
    'Your support helps us to tell the story',
    'We need reporters on the ground, and your donation keeps us there for every reader who counts on it.',
    'The storm made landfall early on Monday, cutting power to thousands of homes along the coast, officials said.',
    'Crews expect to restore most connections by the end of the week, according to the utility company.',
  ].join('\n\n')
  const result = extractPlainText(text)
  expect(result.text).toMatch(/^The storm made landfall/)
  expect(result.removed.filter((block) => block.kind === 'appeal')).toHaveLength(2)
})
