/**
 * The ner-train folds the name tagger is cross-validated on (scripts/ner-cv.ts, scripts/ner-ecb-cv.ts): 5 folds
 * by document (a GUM or re3d file, or 25 consecutive tweets of the Broad Twitter Corpus), each held-out text
 * written as a user's text (words joined by spaces, sentences by line breaks) with its gold names.
 */
import { TAGS, type TrainingText } from '../src/nlp/ner/perceptron.js'
import { readNerTrain } from './ner-corpora.js'

export const FOLDS = 5
const TWEETS_PER_GROUP = 25

export interface HeldOutText {
  group: number
  news: boolean
  text: string
  gold: Set<string>
}

/** A ner-train text with its document group and whether it is a tweet. */
export interface GroupedText {
  source: string
  text: TrainingText
  group: number
  btc: boolean
}

/** The training text written as a user's text, and its gold names as "start:end:TYPE" keys. */
export function asUserText(training: TrainingText): { text: string; gold: Set<string> } {
  let text = ''
  const starts: number[] = []
  const ends: number[] = []
  training.tokens.forEach((token, index) => {
    if (index > 0)
      text += (training.tokens[index - 1]?.sentence ?? 0) === token.sentence ? ' ' : '\n'
    starts.push(text.length)
    text += token.text
    ends.push(text.length)
  })
  const gold = new Set<string>()
  let first = -1
  const close = (last: number): void => {
    if (first < 0) return
    gold.add(
      `${starts[first]}:${ends[last]}:${(TAGS[training.tags[first] as number] as string).slice(2)}`,
    )
    first = -1
  }
  training.tags.forEach((tag, index) => {
    const name = TAGS[tag] as string
    if (name === 'O' || name.startsWith('B-')) close(index - 1)
    if (name.startsWith('B-')) first = index
  })
  close(training.tags.length - 1)
  return { text, gold }
}

export function prf(correct: number, predicted: number, gold: number): number {
  const p = predicted === 0 ? 0 : correct / predicted
  const r = gold === 0 ? 0 : correct / gold
  return p + r === 0 ? 0 : (2 * p * r) / (p + r)
}

export function meanSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  const sd = Math.sqrt(
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1),
  )
  return { mean, sd }
}

/** Deterministic fold of a group (a multiplicative hash, so neighbouring documents fall apart). */
export const foldOf = (group: number): number => ((group * 2654435761) >>> 0) % FOLDS

/** Every ner-train text with its document group (a tweet group is 25 consecutive tweets of one file). */
export function groupedNerTrain(countries: Set<string>): GroupedText[] {
  let group = 0
  let tweets = 0
  let lastSource = ''
  return readNerTrain(countries).map((item) => {
    const btc = item.source.startsWith('btc/')
    if (!btc) group++
    else if (item.source !== lastSource || tweets % TWEETS_PER_GROUP === 0) group++
    tweets = btc ? (item.source === lastSource ? tweets + 1 : 1) : 0
    lastSource = item.source
    return { ...item, group, btc }
  })
}

/** The texts a fold's tagger trains on: the other folds' (tweets without a name left out, as train-ner.ts does). */
export function foldTrainingTexts(texts: GroupedText[], fold: number): TrainingText[] {
  return texts
    .filter((item) => foldOf(item.group) !== fold)
    .filter((item) => !item.btc || item.text.tags.some((tag) => tag !== 0))
    .map((item) => item.text)
}

/** Every ner-train text as a held-out user's text. */
export function heldOutTexts(texts: GroupedText[]): HeldOutText[] {
  return texts.map((item) => ({ group: item.group, news: !item.btc, ...asUserText(item.text) }))
}
