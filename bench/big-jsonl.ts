/**
 * A big crawler export for the streaming benches: the given articles as JSONL, again and again under new ids
 * (`<id>-<round>`), each line carrying 200 KB of markup no stage reads, as crawler exports do (the page's HTML
 * beside its text). Written as a stream; returns the number of lines.
 */
import { createWriteStream } from 'node:fs'
import type { Article } from '../src/types.js'

/** Unused markup per line. */
const PADDING = 'x'.repeat(200_000)

export async function writeBigJsonl(
  file: string,
  mib: number,
  articles: Article[],
): Promise<number> {
  const out = createWriteStream(file)
  const bytes = mib * 2 ** 20
  let written = 0
  let lines = 0
  for (let round = 0; written < bytes; round++)
    for (const article of articles) {
      const line = `${JSON.stringify({ id: `${article.id}-${round}`, title: article.title, published: article.published, text: article.text, raw: PADDING })}\n`
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      written += line.length
      lines++
      if (written >= bytes) break
    }
  await new Promise<void>((resolve) => out.end(() => resolve()))
  return lines
}
