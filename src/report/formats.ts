// The report formats, apart from the renderers: the CLI lists them in its options without loading them.
export type ReportFormat = 'text' | 'json' | 'md' | 'html'
export const REPORT_FORMATS: ReportFormat[] = ['text', 'json', 'md', 'html']
