import { expect, test } from 'vitest'
import { analyze } from '../pipeline.js'

const published = '2025-03-04T10:00:00Z'
const REACTION =
  'Mayor Lena Ortiz said the closure showed the city had ignored years of warnings about the bridge.'
const EVENT =
  'Engineers closed the Harbor Street bridge to all traffic on Monday after finding deep cracks in two of its piers.'

test('the brief leads with what happened, before a reaction carried as widely', async () => {
  const analysis = await analyze([
    {
      id: 'one',
      site: 'One Daily',
      published,
      text: `${EVENT} ${REACTION} Buses will take a longer route through the old town until the repairs are done.`,
    },
    {
      id: 'two',
      site: 'Two Courier',
      published,
      text: `${REACTION} ${EVENT} Traffic was diverted to the ring road, where queues reached the airport by the evening.`,
    },
    {
      id: 'three',
      site: 'Three Times',
      published,
      text: `${REACTION} The council will meet on Thursday to discuss the cost of the work, officials said in a short statement.`,
    },
  ])
  const [story] = analysis.stories
  const lead = story?.summary[0]?.text ?? ''
  expect(lead).toMatch(/closed the Harbor Street bridge/)
  expect(story?.summary.some((entry) => entry.text.includes('Lena Ortiz said'))).toBe(true)
})
