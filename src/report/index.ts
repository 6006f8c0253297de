import type { Analysis } from '../types.js'
import { renderHtml } from './html.js'
import { renderMarkdown } from './markdown.js'
import { renderText } from './text.js'

export type ReportFormat = 'text' | 'json' | 'md' | 'html'
export const REPORT_FORMATS: ReportFormat[] = ['text', 'json', 'md', 'html']

/** Renders an analysis in one of the report formats. Rendering only: no analysis happens here. */
export function renderReport(analysis: Analysis, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(analysis, null, 2)}\n`
    case 'md':
      return renderMarkdown(analysis)
    case 'html':
      return renderHtml(analysis)
    case 'text':
      return renderText(analysis)
  }
}
