import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { dataPath, readJsonLines } from '../eval/data.js'

/**
 * The openly licensed texts the reference document frequencies are counted over (see models/README.md):
 * ECB+ (CC BY 3.0; the dev topics only, as ../shared/data holds them) and the ner-train corpora (GUM
 * Wikinews news and interviews, CC BY 2.5; the public re3d parts, CC BY 3.0 AU / public domain / OGL v3; the
 * Broad Twitter Corpus, CC BY 4.0). Read at build time from ../shared/data; only counts are shipped.
 */
export interface ReferenceText {
  /** Where the text comes from (its corpus), and, for ECB+, its topic (so a fold can leave topics out). */
  corpus: string
  topic: string | null
  text: string
}

/** Tweets are about 15 words; this many of them make one pseudo-document of news-article length. */
const TWEETS_PER_DOCUMENT = 25

export function ecbReferenceTexts(): ReferenceText[] {
  return readJsonLines<{ topic: string; text: string }>(
    'story-clustering-ecbplus',
    'documents.jsonl',
  ).map((row) => ({ corpus: 'ecbplus', topic: String(row.topic), text: row.text }))
}

export function nerTrainReferenceTexts(): ReferenceText[] {
  const root = dataPath('ner-train')
  const texts: ReferenceText[] = []
  const tokenLines = (path: string): string[][] =>
    readFileSync(path, 'utf8')
      .split(/\n\s*\n/)
      .map((block) =>
        block
          .split('\n')
          .map((line) => line.split('\t')[0] ?? '')
          .filter(Boolean),
      )
      .filter((tokens) => tokens.length > 0)
  for (const genre of ['gum-news', 'gum-interview'])
    for (const file of readdirSync(join(root, genre)).sort())
      if (file.endsWith('.tsv'))
        texts.push({
          corpus: genre,
          topic: null,
          text: tokenLines(join(root, genre, file))
            .map((sentence) => sentence.join(' '))
            .join('\n'),
        })
  for (const source of readdirSync(join(root, 're3d')).sort())
    for (const file of readdirSync(join(root, 're3d', source)).sort())
      if (file.endsWith('.conll'))
        texts.push({
          corpus: 're3d',
          topic: null,
          text: tokenLines(join(root, 're3d', source, file))
            .map((sentence) => sentence.join(' '))
            .join('\n'),
        })
  for (const file of readdirSync(join(root, 'btc')).sort()) {
    if (!file.endsWith('.conll')) continue
    const tweets = tokenLines(join(root, 'btc', file)).map((tweet) => tweet.join(' '))
    for (let start = 0; start < tweets.length; start += TWEETS_PER_DOCUMENT)
      texts.push({
        corpus: 'btc',
        topic: null,
        text: tweets.slice(start, start + TWEETS_PER_DOCUMENT).join('\n'),
      })
  }
  return texts
}
