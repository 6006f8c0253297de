import type { ArticleInput, RawDocument } from '../types.js'
import type { InputProblem } from './problem.js'
import { documentFromInput } from './document.js'

const STRING_FIELDS = ['id', 'url', 'title', 'text', 'html', 'published', 'site'] as const

/**
 * Parses JSONL articles (CONTRACT.md). A malformed line becomes a problem naming the file and line; the
 * other lines are still read.
 */
export function parseJsonLines(
  content: string,
  source: string,
): { documents: RawDocument[]; problems: InputProblem[] } {
  const documents: RawDocument[] = []
  const problems: InputProblem[] = []
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    const input = `${source}:${index + 1}`
    const parsed = parseArticleInput(line)
    if (typeof parsed === 'string') {
      problems.push({ input, ruleId: 'jsonl-malformed', reason: parsed })
      return
    }
    documents.push(documentFromInput(parsed, source))
  })
  return { documents, problems }
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
