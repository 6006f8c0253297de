/**
 * ECB+ event coreference as gold for the claim ledger's alignment: within one topic (two different real events
 * of one kind, e.g. two celebrities entering rehab), two sentences of different documents report the same
 * claim when they mention one cross-document event instance (ACTION_OCCURRENCE markables joined by
 * CROSS_DOC_COREF). Only the validated sentences (ECBplus_coreference_sentences.csv) are judged, as in every
 * ECB+ evaluation. The gold is read from the release's XML; nothing is copied into the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

const ROOT = new URL('../../shared/data/story-clustering-ecbplus/', import.meta.url)

export interface EcbSentence {
  start: number
  end: number
  /** Cross-document event instances the sentence mentions (empty: none). */
  events: Set<string>
  judged: boolean
}

export interface EcbDocument {
  id: string
  topic: string
  text: string
  sentences: EcbSentence[]
}

export const ecbPresent = (): boolean => existsSync(new URL('xml/', ROOT))

/** "token ,": the release's tokens joined back into readable text (spaces before punctuation dropped). */
function detokenize(tokens: string[]): string {
  return tokens
    .join(' ')
    .replace(/ ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)(?=\s|$)/g, '$1')
    .replace(/([([{$]) /g, '$1')
    .replace(/`` | ''/g, '"')
}

function judgedSentences(): Set<string> {
  const lines = readFileSync(new URL('ECBplus_coreference_sentences.csv', ROOT), 'utf8').split('\n')
  return new Set(
    lines
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [topic, file, sentence] = line.trim().split(',')
        return `${topic}_${file}:${sentence}`
      }),
  )
}

function readDocument(topic: string, file: string, judged: Set<string>): EcbDocument {
  const xml = gunzipSync(readFileSync(new URL(`xml/${topic}/${file}`, ROOT))).toString('utf8')
  const id = file.replace(/\.xml\.gz$/, '')
  const sentenceOf = new Map<string, number>()
  const bySentence = new Map<number, string[]>()
  for (const match of xml.matchAll(/<token t_id="(\d+)" sentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
    const sentence = Number(match[2])
    sentenceOf.set(match[1] as string, sentence)
    const list = bySentence.get(sentence) ?? []
    list.push(decode(match[3] as string))
    bySentence.set(sentence, list)
  }
  const occurrences = new Map<string, number[]>()
  for (const match of xml.matchAll(
    /<ACTION_OCCURRENCE m_id="(\d+)"[^>/]*>([\s\S]*?)<\/ACTION_OCCURRENCE>/g,
  ))
    occurrences.set(
      match[1] as string,
      [...(match[2] as string).matchAll(/t_id="(\d+)"/g)].map((t) => sentenceOf.get(t[1]!) ?? -1),
    )
  const events = new Map<number, Set<string>>()
  for (const match of xml.matchAll(
    /<CROSS_DOC_COREF r_id="\d+" note="([^"]+)"\s*>([\s\S]*?)<\/CROSS_DOC_COREF>/g,
  ))
    for (const source of (match[2] as string).matchAll(/<source m_id="(\d+)"/g))
      for (const sentence of occurrences.get(source[1] as string) ?? []) {
        const set = events.get(sentence) ?? new Set<string>()
        set.add(match[1] as string)
        events.set(sentence, set)
      }
  // ecbplus documents store their URL as sentence 0: not article text.
  const numbers = [...bySentence.keys()]
    .sort((a, b) => a - b)
    .filter((n) => !(id.endsWith('ecbplus') && n === 0))
  let text = ''
  const sentences: EcbSentence[] = []
  for (const n of numbers) {
    if (text !== '') text += '\n\n'
    const body = detokenize(bySentence.get(n) ?? [])
    sentences.push({
      start: text.length,
      end: text.length + body.length,
      events: events.get(n) ?? new Set(),
      judged: judged.has(`${id}:${n}`),
    })
    text += body
  }
  return { id, topic, text, sentences }
}

const decode = (token: string): string =>
  token
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** Every document of the dev part, by topic (both of a topic's events together: the hard case). */
export function loadEcbTopics(): Map<string, EcbDocument[]> {
  const judged = judgedSentences()
  const topics = new Map<string, EcbDocument[]>()
  for (const topic of readdirSync(new URL('xml/', ROOT)).sort()) {
    const files = readdirSync(new URL(`xml/${topic}/`, ROOT))
      .filter((file) => file.endsWith('.xml.gz'))
      .sort()
    topics.set(
      topic,
      files.map((file) => readDocument(topic, file, judged)),
    )
  }
  return topics
}
