/**
 * corroborate's public API. The CLI and the server are thin shells over these functions.
 */
export { analyze, analyzeArticles, extract } from './pipeline.js'
export type { AnalyzeOptions } from './pipeline.js'
export { openStore } from './store/index.js'
export { updateStore } from './incremental.js'
export type { StoreUpdateResult } from './incremental.js'
export type { SearchResult, Store, StorySummary } from './store/index.js'
export { renderReport } from './report/index.js'
export type { ReportFormat } from './report/index.js'
export { SCHEMA_VERSION } from './types.js'
export { verify } from './corroborate/verify.js'
export type {
  Stance,
  Verdict,
  VerifyInput,
  VerifyOptions,
  VerifyResult,
} from './corroborate/verify.js'
export type {
  Analysis,
  Article,
  ArticleInput,
  ClaimStatus,
  EntityType,
  Evidence,
  Message,
  RemovedBlock,
  ReuseKind,
  ReuseLink,
  ReusedPassage,
  Severity,
  Span,
  StoryClaim,
  StoryConflict,
  StoryEntity,
  StoryFact,
  StoryQuote,
  StoryReport,
} from './types.js'
