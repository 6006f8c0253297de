import type { RawDocument } from '../types.js'
import type { ExtractOptions, Extractor, PageArticle } from './extract-page.js'

/**
 * Extraction must never stop a batch: an unexpected failure on one document becomes an article without text
 * whose message names the document (a failure here is a bug to fix; the message says so), made by the same
 * extractor as the batch's other articles.
 */
export function failedExtraction(
  document: RawDocument,
  error: Error,
  options: Partial<ExtractOptions>,
  extractOne: Extractor,
): PageArticle {
  const source = document.path ?? document.url ?? '<input>'
  return extractOne(
    {
      ...document,
      kind: 'text',
      content: '',
      messages: [
        ...document.messages,
        {
          severity: 'error',
          ruleId: 'extract-failed',
          reason: `Unexpected failure while extracting ${source} (${error.message}); please report it`,
        },
      ],
    },
    options,
  )
}
