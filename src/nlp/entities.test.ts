import { expect, test } from 'vitest'
import { extractEntities } from './entities.js'

test('a name ends where its sentence ends; initials and abbreviations stay inside names', () => {
  const text =
    'He fought in Bern. Vitali Klitschko watched. President George W. Bush met the U.S. Army in Wasilla.'
  const mentions = extractEntities(text)
  expect(mentions.map((mention) => mention.text)).toEqual([
    'Bern',
    'Vitali Klitschko',
    'George W. Bush',
    'U.S. Army',
    'Wasilla',
  ])
  for (const mention of mentions) expect(text.slice(mention.start, mention.end)).toBe(mention.text)
})
