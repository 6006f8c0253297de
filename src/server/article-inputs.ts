import type { ArticleInput } from '../types.js'
import { badRequest } from './errors.js'

const FIELDS = ['id', 'url', 'path', 'title', 'text', 'html', 'published', 'site'] as const

/** One parsed value as an article input: an object of string fields with `text` or `html`. */
function asInput(value: unknown, where: string): ArticleInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest(`${where}: expected a JSON object with "text" or "html"`)
  const record = value as Record<string, unknown>
  const input: ArticleInput = {}
  for (const field of FIELDS) {
    const given = record[field]
    if (given === undefined || given === null) continue
    if (typeof given !== 'string') throw badRequest(`${where}: "${field}" must be a string`)
    input[field] = given
  }
  if (input.text === undefined && input.html === undefined)
    throw badRequest(`${where}: expected "text" or "html"`)
  return input
}

/**
 * The body of POST /api/articles: one article-input object (CONTRACT.md JSONL shape), or JSONL, one per line.
 * Bad JSON is a 400 that names the line, never a stack.
 */
export function parseArticleInputs(body: string): ArticleInput[] {
  const trimmed = body.trim()
  if (trimmed === '') throw badRequest('Empty body: expected an article object or JSONL')
  try {
    return [asInput(JSON.parse(trimmed), 'body')]
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
  }
  return trimmed.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return []
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw badRequest(`line ${index + 1}: ${(error as Error).message}`)
    }
    return [asInput(value, `line ${index + 1}`)]
  })
}
