import { readFileSync, readdirSync } from 'node:fs'
import { expect, test } from 'vitest'
import { defaultModel } from './model.js'
import { TAGS, tagTokens, tagTokensByFeature, trainPerceptron, type Weights } from './perceptron.js'
import { type Token, tokenize } from './tokenize.js'

const EXAMPLES = new URL('../../../examples/aurus-gift/', import.meta.url)

test('the compiled tables tag as the feature-by-feature reference does (shipped model, examples)', () => {
  const model = defaultModel()
  // Words with '|' and odd shapes take the tables' look-up-by-string paths.
  const texts = [
    ...readdirSync(EXAMPLES).map((file) => readFileSync(new URL(file, EXAMPLES), 'utf8')),
    'A|B said. KCNA | Kim Jong-un met "U.S." envoys || in Pyongyang, Moscow-based RIA said; Ülker Şahin too.',
  ]
  let tagged = 0
  for (const text of texts) {
    const tokens = tokenize(text)
    const tags = tagTokens(tokens, model.weights, model.gazetteer)
    expect(tags).toEqual(tagTokensByFeature(tokens, model.weights, model.gazetteer))
    tagged += tags.filter((tag) => tag !== 0).length
  }
  expect(tagged).toBeGreaterThan(50)
})

test('weights that are not whole numbers are scored feature by feature', () => {
  const model = defaultModel()
  const weights: Weights = new Map(
    [...model.weights].map(([key, row]) => [key, row.map((w) => w / 3)]),
  )
  const tokens = tokenize('Vladimir Putin met Kim Jong-un in Vladivostok on Thursday.')
  expect(tagTokens(tokens, weights, model.gazetteer)).toEqual(
    tagTokensByFeature(tokens, weights, model.gazetteer),
  )
})

test('Viterbi takes the best whole path, not the best tag word by word', () => {
  // "acme" alone leans to a person; "corp" after an organisation's first word is strongly inside it. A greedy
  // tagger commits to B-PER and then cannot continue into I-ORG; the best path is B-ORG I-ORG.
  const row = (scores: Record<string, number>): Float32Array =>
    Float32Array.from(TAGS.map((tag) => scores[tag] ?? 0))
  const weights: Weights = new Map([
    ['w=acme', row({ 'B-PER': 2, 'B-ORG': 1 })],
    ['w=corp', row({ O: 1 })],
    ['t-1w=B-ORG|corp', row({ 'I-ORG': 5 })],
  ])
  const { gazetteer } = defaultModel()
  const tokens = tokenize('acme corp')
  const expected = ['B-ORG', 'I-ORG']
  expect(tagTokens(tokens, weights, gazetteer).map((tag) => TAGS[tag])).toEqual(expected)
  expect(tagTokensByFeature(tokens, weights, gazetteer).map((tag) => TAGS[tag])).toEqual(expected)
})

test('structured training learns a name that only its next word reveals', () => {
  const { gazetteer } = defaultModel()
  const texts = ['Acme Corp said', 'Acme Corp grew', 'Acme met Ann', 'Ann said'].map((text) => {
    const tokens = tokenize(text)
    const gold: Record<string, string> = { Acme: 'B-ORG', Corp: 'I-ORG', Ann: 'B-PER' }
    return {
      tokens,
      tags: tokens.map((token, index) =>
        TAGS.indexOf(
          token.text === 'Acme' && tokens[index + 1]?.text !== 'Corp'
            ? 'B-PER'
            : (gold[token.text] ?? 'O'),
        ),
      ),
    }
  })
  const weights = trainPerceptron(texts, gazetteer, { epochs: 10 })
  const tags = (text: string): string[] =>
    tagTokensByFeature(tokenize(text), weights, gazetteer).map((tag) => TAGS[tag] as string)
  expect(tags('Acme Corp said')).toEqual(['B-ORG', 'I-ORG', 'O'])
  expect(tags('Acme met Ann')).toEqual(['B-PER', 'O', 'B-PER'])
})

test('a word keeps the type the tagger gave it earlier in the text, not before (prediction history)', () => {
  // "zork" alone is no name; before "inc" it is an organisation, and a later "Zork" with nothing around it
  // reads that earlier tag (h=ORG). A "Zork" before the first "Zork inc" has no history to read.
  const row = (scores: Record<string, number>): Float32Array =>
    Float32Array.from(TAGS.map((tag) => scores[tag] ?? 0))
  const weights: Weights = new Map([
    ['w=zork', row({ O: 1 })],
    ['w+1=inc', row({ 'B-ORG': 3 })],
    ['h=ORG', row({ 'B-ORG': 2 })],
  ])
  const { gazetteer } = defaultModel()
  const tokens = tokenize('Zork said.\nZork inc.\nZork said.')
  const names = (tags: number[]): string[] =>
    tokens.flatMap((token, index) =>
      token.text === 'Zork' ? [TAGS[tags[index] as number] as string] : [],
    )
  const expected = ['O', 'B-ORG', 'B-ORG']
  expect(names(tagTokens(tokens, weights, gazetteer))).toEqual(expected)
  expect(names(tagTokensByFeature(tokens, weights, gazetteer))).toEqual(expected)
  weights.delete('h=ORG')
  expect(names(tagTokens(tokens, weights, gazetteer))).toEqual(['O', 'B-ORG', 'O'])
})

test("training learns to read the tagger's own earlier tags of a word", () => {
  // Each text names a different company, first after "Shares of"; then an unknown capitalised word and the
  // company's second mention stand alike (sentence-initial, between "grew."s): only the tag given to the
  // company's name earlier in the text tells them apart. Without the word clusters: on six toy texts their
  // paths ("grew", "shares") are other features to fit, and this asks only what the history adds.
  const gazetteer = { ...defaultModel().gazetteer, wordClusters: new Map<string, string>() }
  const example = (name: string, other: string): { tokens: Token[]; tags: number[] } => {
    const tokens = tokenize(`Shares of ${name} inc. grew.\n${other} grew.\n${name} grew.`)
    return {
      tokens,
      tags: tokens.map((token) => TAGS.indexOf(token.text === name ? 'B-ORG' : 'O')),
    }
  }
  const texts = [
    ['Zork', 'Glim'],
    ['Blip', 'Tusk'],
    ['Quux', 'Harv'],
    ['Wibe', 'Mell'],
    ['Plon', 'Yarb'],
    ['Dax', 'Cind'],
  ].map(([name, other]) => example(name as string, other as string))
  const test = example('Frob', 'Semp')
  const tagged = (history: boolean): number[] =>
    tagTokensByFeature(
      test.tokens,
      trainPerceptron(texts, gazetteer, { epochs: 10, history, capital: true }),
      gazetteer,
    )
  expect(tagged(true)).toEqual(test.tags)
  expect(tagged(false)).not.toEqual(test.tags)
})

test('a partly annotated text teaches its fixed tags and nothing about its open words', () => {
  // "Zork" is an organisation in two fully tagged texts. Three more texts write "Zork grew" and fix "Blip"
  // as a person: read as a full gold (Zork 'O'), they teach that Zork is no name; with Zork left open
  // (any tag allowed), the tagger keeps what the full texts taught, and still learns Blip.
  const gazetteer = { ...defaultModel().gazetteer, wordClusters: new Map<string, string>() }
  const full = (text: string, gold: Record<string, string>) => {
    const tokens = tokenize(text)
    return { tokens, tags: tokens.map((token) => TAGS.indexOf(gold[token.text] ?? 'O')) }
  }
  const known = [full('Zork said so', { Zork: 'B-ORG' }), full('Zork said no', { Zork: 'B-ORG' })]
  const ANY = (1 << TAGS.length) - 1
  const only = (tag: string): number => 1 << TAGS.indexOf(tag)
  const partial = [
    'Zork grew , Blip said',
    'Zork grew and Blip left',
    'Zork grew as Blip came',
  ].map((text) => {
    const { tokens, tags } = full(text, { Blip: 'B-PER' })
    const allowed = Uint16Array.from(tokens, (token) =>
      token.text === 'Zork' ? ANY : only(token.text === 'Blip' ? 'B-PER' : 'O'),
    )
    return { tokens, tags, allowed }
  })
  const tags = (texts: { tokens: Token[]; tags: number[] }[], text: string): string[] =>
    tagTokensByFeature(
      tokenize(text),
      trainPerceptron(texts, gazetteer, { epochs: 10 }),
      gazetteer,
    ).map((tag) => TAGS[tag] as string)
  const asFullGold = partial.map(({ tokens, tags }) => ({ tokens, tags }))
  expect(tags([...known, ...asFullGold], 'Zork grew')).toEqual(['O', 'O'])
  expect(tags([...known, ...partial], 'Zork grew')).toEqual(['B-ORG', 'O'])
  expect(tags([...known, ...partial], 'Blip left')).toEqual(['B-PER', 'O'])
})
