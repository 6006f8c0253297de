import { expect, test } from 'vitest'
import { type NameMention, type NamedSpeaker, SpeakerResolver } from './speakers.js'

const mention = (text: string, whole: string, type: NameMention['type']): NameMention => {
  const start = whole.indexOf(text)
  return { text, type, start, end: start + text.length, entityId: null }
}
const range = (whole: string, part: string, from = 0) => {
  const start = whole.indexOf(part, from)
  return { start, end: start + part.length }
}

test('a pronoun the tokens keep whole with its contraction is a pronoun ("they\'re", "she\'ll")', () => {
  const text = "Ana Ruiz spoke first. She'll go, she said. They're late, they said."
  const resolver = new SpeakerResolver(text, [mention('Ana Ruiz', text, 'person')])
  const named: NamedSpeaker[] = [{ speaker: 'Ana Ruiz', entityId: null, person: true, at: 0 }]
  expect(resolver.isPronoun(range(text, "She'll"))).toBe(true)
  expect(resolver.isPronoun(range(text, "They're"))).toBe(true)
  expect(resolver.resolve(range(text, "She'll"), named).speaker).toBe('Ana Ruiz')
})

test('a description ends at a relative pronoun that ends the source or is contracted', () => {
  const text = 'One former executive who said no. Superdelegates who’ve spoken agree.'
  const resolver = new SpeakerResolver(text, [])
  expect(resolver.resolve(range(text, 'One former executive who'), []).speaker).toBe(
    'One former executive',
  )
  expect(resolver.resolve(range(text, 'Superdelegates who’ve'), []).speaker).toBe('Superdelegates')
})

test('"he" does not take a place or a body that spoke last as its last speaker', () => {
  const text = 'Bill Frelick spoke. Costa Rica said yes. He said the rules were better.'
  const resolver = new SpeakerResolver(text, [
    mention('Bill Frelick', text, 'person'),
    mention('Costa Rica', text, 'place'),
  ])
  const named: NamedSpeaker[] = [
    { speaker: 'Bill Frelick', entityId: null, person: true, at: 0 },
    { speaker: 'Costa Rica', entityId: null, person: false, at: text.indexOf('Costa') },
  ]
  const candidates = resolver.antecedentCandidates(text.indexOf('He said'), named, 'He')
  const last = candidates.filter((c) => c.features.includes('ante|lastspeaker'))
  expect(last.map((c) => c.resolved.speaker)).toEqual(['Bill Frelick'])
  const it = resolver.antecedentCandidates(text.indexOf('He said'), named, 'it')
  expect(
    it.filter((c) => c.features.includes('ante|lastspeaker')).map((c) => c.resolved.speaker),
  ).toEqual(['Costa Rica'])
})

test('a person\'s name run on into "of" and a place or firm is cut there', () => {
  const text =
    'Senator Ted Cruz of Texas said no. Blair Effron of Centerview Partners agreed. Rock and Roll Hall of Fame said yes.'
  const resolver = new SpeakerResolver(text, [
    mention('Ted Cruz of Texas', text, 'person'),
    mention('Blair Effron of Centerview Partners', text, 'person'),
    mention('Rock and Roll Hall of Fame', text, 'organization'),
  ])
  expect(resolver.resolve(range(text, 'Senator Ted Cruz of Texas'), []).speaker).toBe('Ted Cruz')
  expect(resolver.resolve(range(text, 'Blair Effron of Centerview Partners'), []).speaker).toBe(
    'Blair Effron',
  )
  // A body keeps its "of".
  expect(resolver.resolve(range(text, 'Rock and Roll Hall of Fame'), []).speaker).toBe(
    'Rock and Roll Hall of Fame',
  )
})

test('"the official" is not an earlier named holder when an official was introduced since', () => {
  const text =
    'The car is used by Mr. Putin for official business. Media reported that an official of the ministry spoke. "It is a violation," the official said.'
  const resolver = new SpeakerResolver(text, [mention('Putin', text, 'person')])
  expect(resolver.resolve(range(text, 'the official'), []).speaker).toBe('official')
})

test('"the spokesman" is still the holder whose own apposition names the role', () => {
  const text =
    'Dmitry Peskov, a Kremlin spokesman, spoke on Tuesday. Later the spokesman said the gift was made.'
  const resolver = new SpeakerResolver(text, [mention('Dmitry Peskov', text, 'person')])
  expect(resolver.resolve(range(text, 'the spokesman'), []).speaker).toBe('Dmitry Peskov')
})
