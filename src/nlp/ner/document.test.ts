import { expect, test } from 'vitest'
import type { EntityType } from '../../types.js'
import { typedBodies, typedProducts } from './document.js'
import type { NameMention } from './recognize.js'
import { tokenize } from './tokenize.js'

/** The mentions a tagger might give: each [surface, type], found in order in the text. */
function mentionsOf(text: string, names: [string, EntityType][]): NameMention[] {
  const tokens = tokenize(text)
  let from = 0
  return names.map(([surface, type]) => {
    const start = text.indexOf(surface, from)
    const end = start + surface.length
    from = end
    return {
      text: surface,
      type,
      start,
      end,
      firstToken: tokens.findIndex((token) => token.start === start),
      lastToken: tokens.findIndex((token) => token.end === end),
    }
  })
}

test('a "person" written before a product word is a product, and so is every mention of it', () => {
  const text =
    'Putin showed Kim his Aurus Senat limousine. Kim liked the Aurus Senat. Air Force jets flew over Putin.'
  const mentions = mentionsOf(text, [
    ['Putin', 'person'],
    ['Kim', 'person'],
    ['Aurus Senat', 'person'],
    ['Kim', 'person'],
    ['Aurus Senat', 'person'],
    ['Air Force', 'organization'],
    ['Putin', 'person'],
  ])
  const typed = typedProducts(mentions, tokenize(text))
  expect(typed.map((mention) => mention.type)).toEqual([
    'person',
    'person',
    'other',
    'person',
    'other',
    'organization',
    'person',
  ])
})

test('a name ending in a product word is not a person', () => {
  const text = 'He praised the Aurus Senat Limousine.'
  const typed = typedProducts(
    mentionsOf(text, [['Aurus Senat Limousine', 'person']]),
    tokenize(text),
  )
  expect(typed[0]?.type).toBe('other')
})

test('a one-word "person" after "the" or before a spokesman is a body, unless part of a full name', () => {
  const text =
    'Kremlin spokesperson Dmitry Peskov spoke. The Kremlin confirmed it. Vladimir Putin met Putin spokesman Ivan Ivanov.'
  const mentions = mentionsOf(text, [
    ['Kremlin', 'person'],
    ['Dmitry Peskov', 'person'],
    ['Kremlin', 'person'],
    ['Vladimir Putin', 'person'],
    ['Putin', 'person'],
    ['Ivan Ivanov', 'person'],
  ])
  const typed = typedBodies(mentions, tokenize(text))
  expect(typed.map((mention) => mention.type)).toEqual([
    'organization',
    'person',
    'organization',
    'person',
    'person',
    'person',
  ])
})
