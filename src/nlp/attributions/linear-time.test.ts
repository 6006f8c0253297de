import { expect, test } from 'vitest'
import { type NameMention, SpeakerResolver } from './speakers.js'
import { tagTokens } from './tokens.js'
import { transcriptAttributions } from './transcripts.js'
import { cpuMillisOf } from '../../../test/cpu-time.js'

// Hostile texts (issue 16's audit): each took minutes where its size asks for milliseconds. The bounds are in CPU
// time (a loaded machine does not stretch them) and far below what the quadratic versions took at these sizes.

test('a run of 100,000 quotation marks is tokenised in linear time', () => {
  const text = `He said. ${'"'.repeat(100_000)} Then more.`
  const { value: tokens, millis } = cpuMillisOf(() => tagTokens(text))
  // The walk back over closing marks per token was n²/2 steps: about a minute here.
  expect(millis).toBeLessThan(5_000)
  expect(tokens).toHaveLength(100_006)
  expect(tokens.filter((token) => token.mark !== null)).toHaveLength(100_000)
})

test('a transcript of 30,000 label lines finds each label its speaker once, not per line', () => {
  const lines = 30_000
  const text = `Dmitry Peskov spoke.\n${'PESKOV: Yes.\n'.repeat(lines)}`
  const mentions: NameMention[] = [
    { text: 'Dmitry Peskov', type: 'person', start: 0, end: 13, entityId: 'dmitry-peskov' },
  ]
  for (let line = 0, at = 21; line < lines; line++, at += 13)
    mentions.push({
      text: 'PESKOV',
      type: 'person',
      start: at,
      end: at + 6,
      entityId: 'dmitry-peskov',
    })
  const { value: found, millis } = cpuMillisOf(() =>
    transcriptAttributions(text, mentions, new SpeakerResolver(text, mentions)),
  )
  // Filtering every mention for every line was 9·10⁸ tests here (about 20 s).
  expect(millis).toBeLessThan(5_000)
  expect(found).toHaveLength(lines)
  expect(new Set(found.map((attribution) => attribution.speaker))).toEqual(
    new Set(['Dmitry Peskov']),
  )
})

test('80,000 named sources each find their name among 80,000 mentions by search, not by a scan', () => {
  const count = 80_000
  const sentence = 'Jo Li said yes. '
  const text = sentence.repeat(count)
  const mentions: NameMention[] = []
  for (let k = 0; k < count; k++) {
    const start = k * sentence.length
    mentions.push({ text: 'Jo Li', type: 'person', start, end: start + 5, entityId: 'jo-li' })
  }
  const resolver = new SpeakerResolver(text, mentions)
  const { value: speakers, millis } = cpuMillisOf(
    () => new Set(mentions.map((m) => resolver.resolve(m, []).speaker)),
  )
  // Filtering every mention per source was 6.4·10⁹ tests here (about 25 s).
  expect(millis).toBeLessThan(5_000)
  expect(speakers).toEqual(new Set(['Jo Li']))
})
