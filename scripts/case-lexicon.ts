/**
 * The case lexicon of the name model (issue 16, session 17): for each word, how often edited news writes it
 * with a capital where case speaks (mid-sentence, outside headlines), as one of a few classes. A name tagger
 * reads case first; where case says nothing (a headline in capitals, a sentence start, a tweet in lower case)
 * this tells it whether the word is a name elsewhere ("LONDON", "Police", "obama").
 *
 * Counted over unlabelled text only, read at training time and never copied into the repository: the training
 * parts of two dev sets the house rules allow training on — PolNeAR train/ articles and FNC-1 train bodies.
 * Neither ner-train (its held-out folds would leak into cross-validation), CoNLL-2003 nor ECB+ is read.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Gazetteer, emptyGazetteer, featureContext } from '../src/nlp/ner/features.js'
import { tokenize } from '../src/nlp/ner/tokenize.js'
import { DATA_DIR } from '../eval/data.js'

/** A word counted fewer times than this where case speaks is left out (its class would be noise). */
const MIN_COUNT = 3
/**
 * Class limits on the share written capitalised: set a priori (never, rarely, either way, mostly, always),
 * not tuned. Class i holds shares below CLASS_LIMITS[i]; the last class the rest.
 */
const CLASS_LIMITS = [0.05, 0.3, 0.7, 0.95]

/** The unlabelled texts: PolNeAR train articles and FNC-1 train bodies. */
export function unlabelledTexts(root = DATA_DIR): string[] {
  const polnear = join(root, 'quote-attribution-polnear', 'train', 'text')
  const texts = readdirSync(polnear)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(join(polnear, name), 'utf8'))
  for (const line of readFileSync(join(root, 'stance-fnc1', 'train', 'bodies.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean))
    texts.push((JSON.parse(line) as { text: string }).text)
  return texts
}

const NO_LISTS: Gazetteer = emptyGazetteer()

/** Each word's case class (0 never capitalised … 4 always), lower case, from the given texts. */
export function buildCaseLexicon(texts: string[]): Map<string, number> {
  const counts = new Map<string, [number, number]>()
  for (const text of texts) {
    const context = featureContext(tokenize(text), NO_LISTS)
    context.tokens.forEach((token, index) => {
      if (
        context.sentenceStart[index] === true ||
        context.capsSentence[index] === true ||
        context.titleSentence[index] === true ||
        !/^\p{L}/u.test(token.text)
      )
        return
      const word = context.lower[index] as string
      const count = counts.get(word) ?? [0, 0]
      count[/^\p{Lu}/u.test(token.text) ? 1 : 0]++
      counts.set(word, count)
    })
  }
  const classes = new Map<string, number>()
  for (const [word, [lower, capital]] of counts) {
    if (lower + capital < MIN_COUNT) continue
    const share = capital / (lower + capital)
    const index = CLASS_LIMITS.findIndex((limit) => share < limit)
    classes.set(word, index < 0 ? CLASS_LIMITS.length : index)
  }
  return classes
}
