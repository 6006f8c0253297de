import { expect, test } from 'vitest'
import { extractQuotes } from './quotes.js'

test("a quote's speaker keeps the role written before the name elsewhere in the text", () => {
  const text =
    'Kremlin spokesman Dmitry Peskov told reporters on Monday. ' +
    '"We do not comment on such matters at all now," Peskov said. ' +
    '"It is a private gift between two leaders and nothing more," said Andrei Lankov.'
  expect(extractQuotes(text).map(({ speaker, speakerRole }) => [speaker, speakerRole])).toEqual([
    ['Peskov', 'Kremlin spokesman'],
    ['Andrei Lankov', null],
  ])
})
