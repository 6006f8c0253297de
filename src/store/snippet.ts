/**
 * A search result's snippet with the words that matched. Both stores mark them with two control characters
 * (SQLite's `snippet()`, PostgreSQL's `ts_headline`): brackets, the markers used before, are also written in
 * articles ("[sic]", "[the Kremlin]"), so a reader could not tell a match from the text, and the web page showed
 * them literally. The markers are read here into offsets, once, for the CLI, the API and the page alike.
 */

/** What the stores write before and after each matching word (never shown: read by `readSnippet`). */
export const MATCH_START = '\u0002'
export const MATCH_END = '\u0003'

/** A snippet as text, with where in it the query's words were found (offsets into `snippet`). */
export interface Snippet {
  snippet: string
  highlights: { start: number; end: number }[]
}

/**
 * The text of a marked snippet and its matched spans. A marker the text itself carried (a hostile page) is
 * dropped like the others: an unpaired start marks nothing, and no control character reaches the output.
 */
export function readSnippet(marked: string): Snippet {
  let snippet = ''
  const highlights: Snippet['highlights'] = []
  let start = -1
  for (const char of marked) {
    if (char === MATCH_START) start = snippet.length
    else if (char === MATCH_END) {
      if (start >= 0 && snippet.length > start) highlights.push({ start, end: snippet.length })
      start = -1
    } else snippet += char
  }
  return { snippet, highlights }
}

/** Parts of a snippet in order, each said to be a match or not: what a page or a terminal renders. */
export function snippetParts({ snippet, highlights }: Snippet): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = []
  let at = 0
  for (const { start, end } of highlights) {
    if (start > at) parts.push({ text: snippet.slice(at, start), match: false })
    parts.push({ text: snippet.slice(start, end), match: true })
    at = end
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), match: false })
  return parts
}

/** A snippet for a terminal: each match in brackets, as the stores wrote it before the markers. */
export const bracketedMatches = (found: Snippet): string =>
  snippetParts(found)
    .map((part) => (part.match ? `[${part.text}]` : part.text))
    .join('')
