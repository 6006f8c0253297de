import { createHash } from 'node:crypto'
import { TextDecoder } from 'node:util'
import type { ArticleInput, RawDocument } from '../types.js'
import type { InputProblem } from './problem.js'
import { documentFromInput } from './document.js'

const STRING_FIELDS = ['id', 'url', 'title', 'text', 'html', 'published', 'site'] as const

export type JsonLineResult = { document: RawDocument } | { problem: InputProblem }

/**
 * JSONL is told from text by its lines, not its first line: a crawler's export often starts with a log line or
 * a truncated record. At least half of the sampled non-blank lines must open a JSON object (`{"`), and at
 * least one must; the last sampled line may be cut by the sample's end, so it counts by its opening alone.
 */
const SAMPLED_LINES = 50

export function looksLikeJsonLines(head: string): boolean {
  const lines = head
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, SAMPLED_LINES)
  const records = lines.filter((line) => /^\s*\{\s*"/.test(line)).length
  return records > 0 && records * 2 >= lines.length
}

/**
 * Reads JSONL articles (CONTRACT.md) as a stream, line by line: memory holds one line at a time, whatever the
 * size of the file. A line longer than `maxLineChars` (the per-article limit) is skipped with a problem; a
 * malformed line becomes a problem naming the file and line; the other lines are still read. A byte-order mark
 * chooses the decoding (UTF-8, UTF-16 LE/BE); without one the lines are UTF-8, invalid bytes becoming U+FFFD.
 */
export async function* streamJsonLines(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  maxLineChars: number,
): AsyncGenerator<JsonLineResult> {
  const parser = new JsonLinesParser(source)
  let decoder: TextDecoder | null = null
  let pending = ''
  let skipping = false // inside a line already over the limit: drop until its end
  let number = 0
  const tooLong = (): JsonLineResult => ({
    problem: {
      input: `${source}:${number}`,
      ruleId: 'jsonl-too-large',
      reason: `Unexpected line over ${maxLineChars} characters, expected one article per line within the limit (raise it with --max-bytes)`,
    },
  })
  for await (const chunk of chunks) {
    decoder ??= new TextDecoder(bomEncoding(chunk))
    const pieces = decoder.decode(chunk, { stream: true }).split('\n')
    for (let index = 0; index < pieces.length; index++) {
      const piece = pieces[index] as string
      const ended = index < pieces.length - 1
      if (!skipping) pending += piece
      if (!skipping && pending.length > maxLineChars) {
        number++
        yield tooLong()
        pending = ''
        skipping = true
      }
      if (!ended) continue
      if (skipping) skipping = false
      else {
        number++
        yield* parser.line(pending, number)
      }
      pending = ''
    }
  }
  if (decoder !== null) pending += skipping ? '' : decoder.decode()
  if (!skipping && pending !== '') yield* parser.line(pending, number + 1)
}

/** The JSONL lines of a text held in memory (a fetched response, an API body). */
export function parseJsonLines(
  content: string,
  source: string,
): { documents: RawDocument[]; problems: InputProblem[] } {
  const parser = new JsonLinesParser(source)
  const documents: RawDocument[] = []
  const problems: InputProblem[] = []
  content
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((line, index) => {
      for (const result of parser.line(line, index + 1))
        if ('document' in result) documents.push(result.document)
        else problems.push(result.problem)
    })
  return { documents, problems }
}

/**
 * Turns lines into documents, remembering each id's content: the same id with the same content is the same
 * article (kept once downstream), but the same id with different content is two articles, and the later one
 * keeps a distinct id (the id, `~`, a hash of its content) with a warning, instead of being dropped unseen.
 */
class JsonLinesParser {
  private readonly contentOfId = new Map<string, string>()

  constructor(private readonly source: string) {}

  *line(line: string, number: number): Generator<JsonLineResult> {
    if (line.trim() === '') return
    const input = `${this.source}:${number}`
    const parsed = parseArticleInput(line)
    if (typeof parsed === 'string') {
      yield { problem: { input, ruleId: 'jsonl-malformed', reason: parsed } }
      return
    }
    const document = documentFromInput(parsed, this.source)
    if (parsed.id !== undefined) {
      const content = contentHash(parsed)
      const earlier = this.contentOfId.get(parsed.id)
      if (earlier === undefined) this.contentOfId.set(parsed.id, content)
      else if (earlier !== content) {
        document.id = `${parsed.id}~${content.slice(0, 10)}`
        document.messages.push({
          severity: 'warning',
          ruleId: 'jsonl-duplicate-id',
          reason: `Unexpected id "${parsed.id}" already used by an earlier line with other content (${input}), expected unique ids; this article is kept as "${document.id}"`,
        })
      }
    }
    yield { document }
  }
}

function contentHash(input: ArticleInput): string {
  const hash = createHash('sha256')
  for (const field of STRING_FIELDS) hash.update(`${field}\u0000${input[field] ?? ''}\u0000`)
  return hash.digest('hex')
}

/** The decoding a byte-order mark asks for; UTF-8 without one (TextDecoder drops a UTF-8 BOM itself). */
function bomEncoding(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return 'utf-8'
}

/** Returns the input, or a reason why the line is not one. */
export function parseArticleInput(line: string): ArticleInput | string {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return `Unexpected malformed JSON (${(error as Error).message}), expected one article object per line`
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'Unexpected JSON value, expected an object such as {"text": "..."}'
  }
  const record = value as Record<string, unknown>
  const input: ArticleInput = {}
  for (const field of STRING_FIELDS) {
    const fieldValue = record[field]
    if (fieldValue === undefined || fieldValue === null) continue
    if (typeof fieldValue !== 'string' && !(field === 'id' && typeof fieldValue === 'number')) {
      return `Unexpected ${typeof fieldValue} in "${field}", expected a string`
    }
    input[field] = String(fieldValue)
  }
  if (record.clean === true) input.clean = true
  if (input.text === undefined && input.html === undefined) {
    return 'Unexpected article without "text" or "html", expected one of them'
  }
  return input
}
