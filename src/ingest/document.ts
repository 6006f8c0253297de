import type { ArticleInput, RawDocument } from '../types.js'
import { sniffKind } from './sniff.js'

/** A RawDocument from an article input object (a JSONL line, an API body, a library call). */
export function documentFromInput(input: ArticleInput, source: string | null = null): RawDocument {
  const isHtml =
    input.html !== undefined ||
    (input.text !== undefined && sniffKind(Buffer.from(input.text.slice(0, 8192))) === 'html')
  return {
    id: input.id ?? null,
    path: input.path ?? source,
    url: input.url ?? null,
    kind: isHtml ? 'html' : 'text',
    content: input.html ?? input.text ?? '',
    hints: {
      title: input.title ?? null,
      published: input.published ?? null,
      site: input.site ?? null,
    },
    ...(input.clean === true && !isHtml ? { clean: true } : {}),
    messages: [],
  }
}
