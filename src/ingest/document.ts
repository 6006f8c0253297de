import type { ArticleInput, RawDocument } from '../types.js'
import { sniffKind } from './sniff.js'

/** A RawDocument from an article input object (a JSONL line, an API body, a library call). */
export function documentFromInput(input: ArticleInput, source: string | null = null): RawDocument {
  // A text the line says is clean is the body as given, whatever tags it may quote.
  const isHtml =
    input.html !== undefined ||
    (input.text !== undefined &&
      input.clean !== true &&
      sniffKind(Buffer.from(input.text.slice(0, 8192))) === 'html')
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
    ...(input.clean === true && input.html === undefined ? { clean: true } : {}),
    messages: [],
  }
}

/**
 * The document with a plain text taken as the article body as given, without boilerplate removal (the CLI's
 * `--clean-text`: crawler exports and corpora whose text is clean already, whose offsets must stay the
 * input's); markup is still extracted.
 */
export function takenAsGiven(document: RawDocument): RawDocument {
  return document.kind === 'text' && document.clean !== true
    ? { ...document, clean: true }
    : document
}
