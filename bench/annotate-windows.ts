/**
 * The 5,000-character articles the annotation bench reads (bench/annotate.ts), kept in one place so that the
 * byte-for-byte check of a speed-up (scripts/dump-annotations.ts) annotates the very windows that were timed.
 */
import { readJsonLines } from '../eval/data.js'

export const ARTICLE_CHARS = 5000

/** The ECB+ dev texts, in file order. */
export const ecbTexts = (): string[] =>
  readJsonLines<{ text: string }>('story-clustering-ecbplus', 'documents.jsonl').map(
    (row) => row.text,
  )

/**
 * `count` windows that overlap and repeat: consecutive documents from each start joined and cut to 5,000
 * characters at a word boundary.
 */
export function repeatedWindows(texts: readonly string[], count: number): string[] {
  const articles: string[] = []
  for (let index = 0; articles.length < count; index++) {
    let text = ''
    for (let next = index; text.length < ARTICLE_CHARS; next++)
      text += `${texts[next % texts.length] as string}\n\n`
    articles.push(text.slice(0, text.lastIndexOf(' ', ARTICLE_CHARS)))
  }
  return articles
}

/** Windows that do not overlap, each a text the process has not read: what an article of unseen text costs. */
export function freshWindows(texts: readonly string[]): string[] {
  const articles: string[] = []
  for (let next = 0; next < texts.length;) {
    let text = ''
    while (text.length < ARTICLE_CHARS && next < texts.length)
      text += `${texts[next++] as string}\n\n`
    if (text.length >= ARTICLE_CHARS)
      articles.push(text.slice(0, text.lastIndexOf(' ', ARTICLE_CHARS)))
  }
  return articles
}
