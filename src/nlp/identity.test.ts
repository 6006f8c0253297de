import { expect, test } from 'vitest'
import type { EntityType } from '../types.js'
import { resolveArticleEntities } from './identity.js'
import type { NameMention } from './ner/recognize.js'
import { tokenize } from './ner/tokenize.js'
import { cpuMillisOf } from '../../test/cpu-time.js'

/**
 * The mentions of the given forms, each at its every place in the text that no form listed before covers (list
 * fuller forms first), typed as given.
 */
function mentionsOf(text: string, forms: [string, EntityType][]): NameMention[] {
  const tokens = tokenize(text)
  const mentions: NameMention[] = []
  for (const [form, type] of forms)
    for (let start = text.indexOf(form); start >= 0; start = text.indexOf(form, start + 1)) {
      const end = start + form.length
      // Whole words only ("Lopez" is no mention inside "Garcia-Lopez").
      if (/[\p{L}-]/u.test(text[start - 1] ?? '') || /[\p{L}-]/u.test(text[end] ?? '')) continue
      if (mentions.some((other) => other.start <= start && other.end >= end)) continue
      const firstToken = tokens.findIndex((token) => token.start === start)
      const lastToken = tokens.findIndex((token) => token.end === end)
      mentions.push({ text: form, type, start, end, firstToken, lastToken })
    }
  return mentions.sort((a, b) => a.start - b.start)
}

test('a hyphenated surname written alone, an acronym and a surname join their fuller forms; others stay apart', () => {
  const text =
    'Ana Garcia-Lopez met officials of the Korean Central News Agency and Dmitry Peskov. Garcia-Lopez said KCNA ' +
    'was late. Lopez-Ruiz and Peskov did not comment. Korean Airlines flew. Kim Jong Un left; Jong Un came back.'
  const forms: [string, EntityType][] = [
    ['Ana Garcia-Lopez', 'person'],
    ['Garcia-Lopez', 'person'],
    ['Korean Central News Agency', 'organization'],
    ['KCNA', 'organization'],
    ['Dmitry Peskov', 'person'],
    ['Peskov', 'person'],
    ['Lopez-Ruiz', 'person'],
    ['Korean Airlines', 'organization'],
    ['Kim Jong Un', 'person'],
    ['Jong Un', 'person'],
  ]
  const mentions = mentionsOf(text, forms)
  const entities = resolveArticleEntities(text, mentions, tokenize(text), new Set())
  const idOf = (form: string): string[] =>
    entities.filter((entity) => entity.text === form).map((entity) => entity.entityId)
  expect(idOf('Garcia-Lopez')).toEqual(idOf('Ana Garcia-Lopez'))
  expect(idOf('KCNA')).toEqual(idOf('Korean Central News Agency'))
  expect(idOf('Peskov')).toEqual(idOf('Dmitry Peskov'))
  // A hyphenated form that ends no fuller name, a name sharing a first word only, and two written words that
  // end a fuller name (not one hyphenated word) keep their own ids.
  const others = new Set([...idOf('Ana Garcia-Lopez'), ...idOf('Korean Central News Agency')])
  expect(idOf('Lopez-Ruiz').some((id) => others.has(id))).toBe(false)
  expect(idOf('Korean Airlines').some((id) => others.has(id))).toBe(false)
  expect(idOf('Jong Un')).not.toEqual(idOf('Kim Jong Un'))
})

test('an article naming one entity 40,000 times is resolved in linear time (issue 16 audit)', () => {
  const count = 40_000
  const text = 'Peskov said. '.repeat(count)
  const tokens = tokenize(text)
  const mentions: NameMention[] = []
  for (let k = 0; k < count; k++)
    mentions.push({
      text: 'Peskov',
      type: 'person',
      start: k * 13,
      end: k * 13 + 6,
      firstToken: k * 3,
      lastToken: k * 3,
    })
  const { value: entities, millis } = cpuMillisOf(() =>
    resolveArticleEntities(text, mentions, tokens, new Set()),
  )
  // Copying the entity's member list at each mention was n²/2 copies: 8·10⁸ here.
  expect(millis).toBeLessThan(5_000)
  expect(new Set(entities.map((entity) => entity.entityId)).size).toBe(1)
})
