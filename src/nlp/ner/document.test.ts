import { expect, test } from 'vitest'
import type { EntityType } from '../../types.js'
import { typedBodies, typedProducts } from './document.js'
import { emptyGazetteer, type Gazetteer } from './features.js'
import { indexPlaces } from './model.js'
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

/** A gazetteer that lists only the given places. */
function placesOnly(places: string[]): Gazetteer {
  return { ...emptyGazetteer(), places: indexPlaces(places) }
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
  const typed = typedProducts(text, mentions, tokenize(text), placesOnly([]))
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

test('a "person" written before a model designation or "limo" is a product, and so is every mention of it', () => {
  const text =
    'Two limos waited: a Mercedes Maybach S600 and a Mercedes Maybach S62. He liked the Mercedes Maybach. ' +
    'Kim rode in a Maybach limo. Maybach took notes in the 1990s while Ian Smith 2nd spoke, and Obama 2012 won.'
  const mentions = mentionsOf(text, [
    ['Mercedes Maybach', 'person'],
    ['Mercedes Maybach', 'person'],
    ['Mercedes Maybach', 'person'],
    ['Kim', 'person'],
    ['Maybach', 'person'],
    ['Maybach', 'person'],
    ['Ian Smith', 'person'],
    ['Obama', 'person'],
  ])
  const typed = typedProducts(text, mentions, tokenize(text), placesOnly([]))
  expect(typed.map((mention) => mention.type)).toEqual([
    'other',
    'other',
    'other',
    'person',
    'other',
    'other',
    'person',
    'person',
  ])
})

test('a name ending in a product word is not a person', () => {
  const text = 'He praised the Aurus Senat Limousine.'
  const typed = typedProducts(
    text,
    mentionsOf(text, [['Aurus Senat Limousine', 'person']]),
    tokenize(text),
    placesOnly([]),
  )
  expect(typed[0]?.type).toBe('other')
})

test('an unlisted "place" before a product word is a product; a listed place stays a place', () => {
  const text = 'It was a Russian-made Aurus limousine. Iran missiles flew. He rode the Aurus there.'
  const mentions = mentionsOf(text, [
    ['Aurus', 'place'],
    ['Iran', 'place'],
    ['Aurus', 'place'],
  ])
  const typed = typedProducts(text, mentions, tokenize(text), placesOnly(['iran']))
  expect(typed.map((mention) => mention.type)).toEqual(['other', 'place', 'other'])
})

test('a product split in two by the tagger is one name, and its first word alone is the maker', () => {
  const text =
    'Putin gave him an Aurus Senat limousine. They sat in the Aurus Senat’s back seat. It is a car by Aurus.'
  const mentions = mentionsOf(text, [
    ['Putin', 'person'],
    ['Aurus Senat', 'person'],
    ['Aurus', 'place'],
    ['Senat', 'person'],
    ['Aurus', 'person'],
  ])
  const typed = typedProducts(text, mentions, tokenize(text), placesOnly([]))
  expect(typed.map((mention) => [mention.text, mention.type])).toEqual([
    ['Putin', 'person'],
    ['Aurus Senat', 'other'],
    ['Aurus Senat', 'other'],
    ['Aurus', 'organization'],
  ])
  expect(text.slice(typed[2]?.start, typed[2]?.end)).toBe('Aurus Senat')
})

test('an organisation before a product word makes the person readings of its name a product', () => {
  const text =
    'It is an Aurus Senat. Air Force jets flew. The Aurus Senat vehicle came. Air Force said so.'
  const mentions = mentionsOf(text, [
    ['Aurus Senat', 'person'],
    ['Air Force', 'organization'],
    ['Aurus Senat', 'organization'],
    ['Air Force', 'organization'],
  ])
  const typed = typedProducts(text, mentions, tokenize(text), placesOnly([]))
  expect(typed.map((mention) => mention.type)).toEqual([
    'other',
    'organization',
    'organization',
    'organization',
  ])
})

test('the first word of a product stays a person where it is part of a full name in the text', () => {
  const text = 'Henry Ford built the Ford Falcon limousine. Ford said so.'
  const mentions = mentionsOf(text, [
    ['Henry Ford', 'person'],
    ['Ford Falcon', 'other'],
    ['Ford', 'person'],
  ])
  const typed = typedProducts(text, mentions, tokenize(text), placesOnly([]))
  expect(typed.map((mention) => mention.type)).toEqual(['person', 'other', 'person'])
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
