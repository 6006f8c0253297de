/**
 * Training texts for the name tagger from the ECB+ entity layer (issue 16; Cybulska & Vossen, LREC 2014, CC BY
 * 3.0; `../shared/data/story-clustering-ecbplus/entities.jsonl`, its README's "ENTITY LAYER").
 *
 * ECB+ is annotated only in part, so it is read as partial labels (`TrainingText.allowed`), never as a full gold:
 * - only the judged sentences (`judged` ranges) are read; the rest of a document is not annotated and never
 *   becomes an example of any kind;
 * - a named mention (`named: true`) fixes its name core (coreStart..coreEnd): person → PER, organization → ORG,
 *   place → LOC, or LOC or ORG for the place labels the scorer also accepts as an organisation (GPE, FAC,
 *   LOC_OTHER); a name that the annotation holds inside a longer one is left to the longer one;
 * - every other word is outside a name when it has no capital letter; a word with one is left open (any tag):
 *   ECB+ marks only the participants of its events, and has no label for the names of products, works and
 *   events ("Internet Explorer", "Catching Fire", "Oscars"), so an unmarked capitalised word may be a name the
 *   annotators did not mark, a MISC name, or none. The tagger keeps what ner-train taught it there;
 * - the word after a name core does not continue it (the core's end is a boundary).
 * Texts are read from ../shared at training time, never copied into the repository.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DATA_DIR } from '../eval/data.js'
import { TAGS, type TrainingText } from '../src/nlp/ner/perceptron.js'
import { tokenize } from '../src/nlp/ner/tokenize.js'

export const ECB_DIR = join(DATA_DIR, 'story-clustering-ecbplus')

interface EcbMention {
  start: number
  end: number
  type: 'person' | 'organization' | 'place' | 'other'
  label: string
  named: boolean
  judged: boolean
  coreStart?: number
  coreEnd?: number
}

interface EcbEntities {
  id: string
  topic: string
  judged: [number, number][]
  mentions: EcbMention[]
}

/** One document's judged sentences as a partly annotated training text. */
export interface EcbTrainingText {
  id: string
  topic: string
  text: TrainingText
  /** Named person/organization/place mentions in it. */
  names: number
}

/** Which judged sentences become training text: all of them, or those with a named mention. */
export type EcbSentences = 'all' | 'named'

const bit = (tag: string): number => 1 << TAGS.indexOf(tag)
const ANY = (1 << TAGS.length) - 1
const OUTSIDE = bit('O')
/** Every tag but the inside ones: what the word after a name core may be. */
const NOT_INSIDE = TAGS.reduce(
  (mask, tag, index) => (tag.startsWith('I-') ? mask : mask | (1 << index)),
  0,
)

/** The name types a named mention allows (the scorer's: GPE/FAC/LOC_OTHER places also accept an organization). */
function typesOf(mention: EcbMention): string[] {
  if (mention.type === 'person') return ['PER']
  if (mention.type === 'organization') return ['ORG']
  return mention.label === 'LOC_GEO' ? ['LOC'] : ['LOC', 'ORG']
}

/** The ECB+ documents and their entity layers, in file order. */
export function readEcbEntities(root: string = ECB_DIR): { doc: EcbEntities; text: string }[] {
  const texts = new Map<string, string>()
  for (const line of readFileSync(join(root, 'documents.jsonl'), 'utf8').split('\n'))
    if (line.trim() !== '') {
      const row = JSON.parse(line) as { doc_id: string; text: string }
      texts.set(row.doc_id, row.text)
    }
  return readFileSync(join(root, 'entities.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EcbEntities)
    .map((doc) => ({ doc, text: texts.get(doc.id) as string }))
}

/** A document's judged sentences (those with a named mention only, if asked) as one partly tagged text. */
export function ecbTrainingText(
  doc: EcbEntities,
  source: string,
  sentences: EcbSentences,
): EcbTrainingText | null {
  const named = doc.mentions.filter(
    (mention) => mention.named && mention.judged && mention.type !== 'other',
  )
  const inside = (mention: EcbMention, [start, end]: [number, number]): boolean =>
    (mention.coreStart as number) >= start && (mention.coreEnd as number) <= end
  const ranges = doc.judged.filter(
    (range) => sentences === 'all' || named.some((mention) => inside(mention, range)),
  )
  if (ranges.length === 0) return null
  // The sentences joined by line breaks (each its own sentence for the tokenizer, as at tagging time).
  const offsets: number[] = []
  let joined = ''
  for (const [start, end] of ranges) {
    if (joined !== '') joined += '\n'
    offsets.push(joined.length - start)
    joined += source.slice(start, end)
  }
  const tokens = tokenize(joined)
  const allowed = Uint16Array.from(tokens, (token) => (/\p{Lu}/u.test(token.text) ? ANY : OUTSIDE))
  const taken = new Uint8Array(tokens.length)
  let names = 0
  // Longest cores first: a name held inside a longer one is part of that one.
  const cores = named
    .map((mention) => ({ mention, range: ranges.findIndex((range) => inside(mention, range)) }))
    .filter(({ range }) => range >= 0)
    .sort(
      (a, b) =>
        (b.mention.coreEnd as number) -
        (b.mention.coreStart as number) -
        ((a.mention.coreEnd as number) - (a.mention.coreStart as number)),
    )
  for (const { mention, range } of cores) {
    const start = (mention.coreStart as number) + (offsets[range] as number)
    const end = (mention.coreEnd as number) + (offsets[range] as number)
    const covered = tokens.flatMap((token, index) =>
      token.end > start && token.start < end ? [index] : [],
    )
    if (covered.length === 0 || covered.some((index) => taken[index] === 1)) continue
    const types = typesOf(mention)
    covered.forEach((index, position) => {
      taken[index] = 1
      allowed[index] = types.reduce(
        (mask, type) => mask | bit(`${position === 0 ? 'B' : 'I'}-${type}`),
        0,
      )
    })
    const after = (covered.at(-1) as number) + 1
    if (after < tokens.length && taken[after] === 0)
      allowed[after] = (allowed[after] as number) & NOT_INSIDE
    names++
  }
  // `tags` is not read for a text with `allowed`; it holds the first allowed tag, for inspection.
  const tags = Array.from(allowed, (mask) => Math.max(0, 31 - Math.clz32(mask & -mask)))
  return { id: doc.id, topic: doc.topic, text: { tokens, tags, allowed }, names }
}

/** The ECB+ training texts of the topics `keep` accepts. */
export function ecbTrainingTexts(
  sentences: EcbSentences,
  keep: (topic: string) => boolean = () => true,
  root: string = ECB_DIR,
): EcbTrainingText[] {
  return readEcbEntities(root)
    .filter(({ doc }) => keep(doc.topic))
    .flatMap(({ doc, text }) => ecbTrainingText(doc, text, sentences) ?? [])
}
