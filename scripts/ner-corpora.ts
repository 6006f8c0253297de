/**
 * Reads the name-recognition training corpora of ../shared/data/ner-train into one tag scheme (BIO over PER,
 * ORG, LOC, MISC), harmonised the way CoNLL-style annotation marks names:
 * - GUM and re3d mark every mention, named or not ("asylum seekers", "U.S. service members"): a mention keeps
 *   only its name core, the run of capitalised words (with "of", "de", "and"... between them), without a
 *   leading determiner or title; a mention without a capitalised word is not a name.
 * - Countries are places (GUM often types them as organisations when they act); a lone demonym ("Russian")
 *   is MISC, not a place (the Broad Twitter Corpus tags many LOC).
 * - Twitter handles, hashtags and links are not names in news text.
 * Texts are never copied into the repository: they are read from ../shared at training time.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { TAGS, type TrainingText } from '../src/nlp/ner/perceptron.js'
import type { Token } from '../src/nlp/ner/tokenize.js'
import { DEMONYMS, ROLE_WORDS } from '../src/data/name-lexicon.js'

export const NER_TRAIN_DIR = new URL('../../shared/data/ner-train/', import.meta.url)

type NameType = 'PER' | 'ORG' | 'LOC' | 'MISC'
interface GoldText {
  source: string
  words: string[]
  /** Sentence index of each word. */
  sentences: number[]
  names: { first: number; last: number; type: NameType }[]
}

const CONNECTORS = new Set([
  'of',
  'de',
  'del',
  'della',
  'da',
  'di',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'al',
  'el',
  'bin',
  'ibn',
  'and',
  '&',
  'for',
  'the',
  'on',
  '-',
  '.',
  'y',
])
const LEADING = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'your',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
])
const ROLES = new Set(ROLE_WORDS)
const DEMONYM_SET = new Set(DEMONYMS)

const nameLike = (word: string): boolean =>
  /^\p{Lu}/u.test(word) || /^\p{Ll}+\p{Lu}/u.test(word) || /^\p{N}+\p{L}/u.test(word)

/** The name cores inside a mention span [first, last] (GUM, re3d). */
function nameCores(
  words: string[],
  first: number,
  last: number,
): { first: number; last: number }[] {
  const cores: { first: number; last: number }[] = []
  let index = first
  while (index <= last) {
    const word = words[index] as string
    if (
      !nameLike(word) ||
      LEADING.has(word.toLowerCase()) ||
      ROLES.has(word.toLowerCase().replace(/\.$/, ''))
    ) {
      index++
      continue
    }
    let end = index
    for (let next = index + 1; next <= last; next++) {
      const candidate = words[next] as string
      if (nameLike(candidate)) end = next
      else if (!CONNECTORS.has(candidate.toLowerCase())) break
    }
    cores.push({ first: index, last: end })
    index = end + 1
  }
  return cores
}

function harmonise(text: GoldText, countries: Set<string>): GoldText {
  const names = text.names
    .filter((name) => !/^(@|#|http)/.test(text.words[name.first] as string))
    .map((name) => {
      const surface = text.words
        .slice(name.first, name.last + 1)
        .join(' ')
        .toLowerCase()
      if (countries.has(surface)) return { ...name, type: 'LOC' as const }
      if (name.first === name.last && DEMONYM_SET.has(surface))
        return { ...name, type: 'MISC' as const }
      return name
    })
  return { ...text, names }
}

function toTraining(text: GoldText): TrainingText {
  let offset = 0
  const tokens: Token[] = text.words.map((word, index) => {
    const token = {
      text: word,
      start: offset,
      end: offset + word.length,
      sentence: text.sentences[index] as number,
    }
    offset += word.length + 1
    return token
  })
  const tags = text.words.map(() => 0)
  for (const name of text.names)
    for (let index = name.first; index <= name.last; index++)
      tags[index] = TAGS.indexOf(`${index === name.first ? 'B' : 'I'}-${name.type}`)
  return { tokens, tags }
}

/** Sentences of a two-column file (word TAB label), blank lines between sentences. */
function readColumns(path: string): { word: string; label: string }[][] {
  const sentences: { word: string; label: string }[][] = [[]]
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') {
      if ((sentences.at(-1) as unknown[]).length > 0) sentences.push([])
      continue
    }
    const [word = '', label = 'O'] = line.split('\t')
    if (word === '') continue
    ;(sentences.at(-1) as { word: string; label: string }[]).push({
      word,
      label: label.trim() || 'O',
    })
  }
  return sentences.filter((sentence) => sentence.length > 0)
}

/** BIO-tagged sentences (BTC, re3d) as one text; `cores` trims each mention to its name cores. */
function fromBio(
  source: string,
  sentences: { word: string; label: string }[][],
  map: Record<string, NameType>,
  cores: boolean,
): GoldText {
  const words: string[] = []
  const sentenceOf: number[] = []
  const names: GoldText['names'] = []
  sentences.forEach((sentence, sentenceIndex) => {
    let open = null as { first: number; type: string } | null
    const close = (last: number): void => {
      if (open === null) return
      const type = map[open.type]
      if (type !== undefined)
        for (const core of cores
          ? nameCores(words, open.first, last)
          : [{ first: open.first, last }])
          names.push({ ...core, type })
      open = null
    }
    for (const { word, label } of sentence) {
      const index = words.length
      words.push(word)
      sentenceOf.push(sentenceIndex)
      const type = label === 'O' ? null : label.slice(2)
      if (type === null || label.startsWith('B-') || open?.type !== type) close(index - 1)
      if (type !== null && open === null) open = { first: index, type }
    }
    close(words.length - 1)
  })
  return { source, words, sentences: sentenceOf, names }
}

const GUM_TYPES: Record<string, NameType> = {
  person: 'PER',
  place: 'LOC',
  organization: 'ORG',
  event: 'MISC',
  object: 'MISC',
}

/** A GUM file: one token per line with the type of the mention it is in; runs of one type are mentions. */
function fromGum(source: string, path: string): GoldText {
  const sentences = readColumns(path)
  const bio = sentences.map((sentence) => {
    let previous = 'O'
    return sentence.map(({ word, label }) => {
      const type = GUM_TYPES[label] === undefined ? 'O' : label
      const tag = type === 'O' ? 'O' : `${previous === type ? 'I' : 'B'}-${type}`
      previous = type
      return { word, label: tag }
    })
  })
  return fromBio(source, bio, GUM_TYPES, true)
}

/** Every training text of ner-train, harmonised (see the module note), with its source folder. */
export function readNerTrain(
  countries: Set<string>,
  root: URL = NER_TRAIN_DIR,
): { source: string; text: TrainingText }[] {
  const texts: GoldText[] = []
  const btc = new URL('btc/', root)
  for (const file of readdirSync(btc)
    .filter((name) => name.endsWith('.conll'))
    .sort())
    // A tweet is a text of its own (its words say nothing about the next tweet's).
    for (const tweet of readColumns(join(btc.pathname, file)))
      texts.push(fromBio(`btc/${file}`, [tweet], { PER: 'PER', ORG: 'ORG', LOC: 'LOC' }, false))
  for (const genre of ['gum-news', 'gum-interview']) {
    const folder = new URL(`${genre}/`, root)
    for (const file of readdirSync(folder)
      .filter((name) => name.endsWith('.tsv'))
      .sort())
      texts.push(fromGum(`${genre}/${file}`, join(folder.pathname, file)))
  }
  const re3d = new URL('re3d/', root)
  for (const part of readdirSync(re3d).sort())
    for (const file of readdirSync(new URL(`${part}/`, re3d))
      .filter((name) => name.endsWith('.conll'))
      .sort())
      texts.push(
        fromBio(
          `re3d/${part}`,
          readColumns(join(re3d.pathname, part, file)),
          { Person: 'PER', Organisation: 'ORG', Location: 'LOC', Nationality: 'MISC' },
          true,
        ),
      )
  return texts.map((text) => ({
    source: text.source,
    text: toTraining(harmonise(text, countries)),
  }))
}
