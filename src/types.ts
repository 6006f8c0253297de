/**
 * The named data that travels between stages. Field names and shapes follow CONTRACT.md; fields added here
 * beyond the contract are extensions (the contract allows them), never renames.
 */

export const SCHEMA_VERSION = 1

/** Why a value was decided: a kind of evidence, the text it came from, and where in `text` when known. */
export interface Evidence {
  kind: string
  text: string
  start?: number
  end?: number
}

/** Character offsets into one article's `text`: `text.slice(start, end)` is the span. */
export interface Span {
  articleId: string
  start: number
  end: number
}

export type Severity = 'error' | 'warning' | 'info'

/** A content problem found while reading an input; the batch goes on. */
export interface Message {
  severity: Severity
  ruleId: string
  reason: string
}

/** A block that extraction dropped, and the kind of boilerplate it was taken for. */
export interface RemovedBlock {
  text: string
  kind: string
}

export type InputKind = 'html' | 'text'

/** One input after reading and decoding, before extraction. */
export interface RawDocument {
  /** Caller-given id (a JSONL `id`); otherwise the article id is a content hash. */
  id: string | null
  path: string | null
  url: string | null
  kind: InputKind
  content: string
  /** Values the caller already knows (JSONL fields), used as evidence by metadata. */
  hints: {
    title: string | null
    published: string | null
    site: string | null
    /** The original publisher a feed item names (RSS/Atom `<source>`): evidence for `publisher`. */
    publisher?: string
  }
  /** Extension: the content is the article body as given (a JSONL `"clean": true`): no boilerplate removal. */
  clean?: boolean
  messages: Message[]
}

export interface Article {
  schemaVersion: typeof SCHEMA_VERSION
  id: string
  path: string | null
  url: string | null
  title: string | null
  authors: string[]
  /** Extension: people credited as contributors ("X and Y contributed to this article"). */
  contributors: string[]
  site: string | null
  publisher: string | null
  /** Extension: why `publisher` was decided. */
  publisherEvidence: Evidence[]
  published: string | null
  /** Extension: a later modification date the page gives. */
  updated: string | null
  pageDate: string | null
  dateEvidence: Evidence[]
  /** Extension: confidence in `published`, 0..1. */
  dateConfidence: number
  dateline: string | null
  language: string | null
  text: string
  removed: RemovedBlock[]
  /** Names with offsets; `entityId` is one entity within the article (`extract`) or story (`analyze`). */
  entities: ArticleEntity[]
  /** Who said what: content, cue and source spans, the speaker by canonical name. */
  attributions: Attribution[]
  /** Extension: sentence boundaries of `text`, computed once with the other annotations. */
  sentences: TextRange[]
  messages: Message[]
}

/** Character offsets into the text of the article that holds them. */
export interface TextRange {
  start: number
  end: number
}

/** One mention of a name in an article, with the entity it names. */
export interface ArticleEntity {
  text: string
  type: EntityType
  start: number
  end: number
  /** The same for every mention of one entity (within the article; within the story after `analyze`). */
  entityId: string
  /** Extension: the entity's canonical full name ("Dmitry Peskov" for a mention "Mr Peskov"). */
  name: string
  /** Extension: the title or role written right before the name at this mention ("Kremlin spokesman"). */
  role: string | null
}

/** What a caller can hand to `extract` or `analyze` (the JSONL article shape of CONTRACT.md). */
export interface ArticleInput {
  id?: string
  url?: string
  path?: string
  title?: string
  text?: string
  html?: string
  published?: string
  site?: string
  /** The text is the body as given: taken without boilerplate removal (crawler exports, corpora). */
  clean?: boolean
}

export type EntityType = 'person' | 'organization' | 'place' | 'product' | 'other'

export interface StoryEntity {
  name: string
  type: EntityType
  aliases: string[]
  mentions: Span[]
  /** Extension: the entityId its mentions carry in `articles[].entities`. */
  id: string
  /** Extension: why each alias is this entity ("surname", "acronym", "spelling", "misspelling"). */
  aliasEvidence: (Evidence & { alias: string })[]
  /** Extension: the role written before the name, when the story gives one ("Kremlin spokesman"). */
  role: string | null
}

export interface StoryQuote {
  speaker: string | null
  speakerRole: string | null
  text: string
  spans: Span[]
}

export interface StoryFact {
  about: string
  value: string
  unit: string | null
  qualifier: string | null
  spans: Span[]
}

export type ClaimStatus = 'corroborated' | 'single-source' | 'disputed'

export interface StoryClaim {
  text: string
  spans: Span[]
  independentSources: number
  status: ClaimStatus
  /** Extension: the article that reported it first (earliest `published`, ties by id). */
  firstReportedBy: string | null
  /** Extension: who the outlets attribute it to ("KCNA", "Dmitry Peskov"); [] when only asserted. */
  attributedTo: string[]
  /** Extension: at least one outlet states it in its own voice. */
  asserted: boolean
  /**
   * Extension: what it is disputed on — the `about` of each contradiction (`conflicts[]`) one of its spans gives
   * a side of ("date of the handover"); [] unless `status` is `disputed`. Absent in stories stored before it.
   */
  disputedOn?: string[]
}

/** Extension: what one independent source alone reports (claims no other source carries). */
export interface SourceAddition {
  /** The articles of that source (a report and its copies). */
  articleIds: string[]
  /** Indexes into the story's `claims`. */
  claims: number[]
}

/** A dated event of the story (CONTRACT.md `timeline` entry, with extensions). */
export interface TimelineEntry {
  date: string
  text: string
  spans: Span[]
  /** Extension: the kind of event ("handover", "meeting"). */
  event: string
  /** Extension: the date expressions the date was resolved from. */
  evidence: { text: string; articleId: string; start: number; end: number }[]
}

/** Extension: whether the values cannot all be true, or differ in ways that can (a base price and a top price). */
export type ConflictKind = 'contradiction' | 'differing'

export interface StoryConflict {
  about: string
  /** Extension: what the values are of ("Aurus Senat", "construction fund", "handover"). */
  subject: string
  /** Extension */
  kind: ConflictKind
  /** `qualifier` (extension): the hedge written with the value ("as much as"), or null. */
  values: { value: string; qualifier: string | null; spans: Span[] }[]
}

export type ReuseKind = 'copy' | 'rewrite' | 'shared-quote'

export interface ReusedPassage {
  from: Span
  to: Span
  similarity: number
}

/** `from` is the source, `to` the article that took from it (when direction is unknown: id order). */
export interface ReuseLink {
  from: string
  to: string
  kind: ReuseKind
  passages: ReusedPassage[]
  evidence: Evidence[]
  /** Extension: whether the direction was decided from evidence (false: ordered by id only). */
  directed: boolean
}

export interface StoryReport {
  id: string
  title: string
  articleIds: string[]
  independentSources: number
  /** Extension: earliest and latest `published` of the story's articles. */
  start: string | null
  end: string | null
  entities: StoryEntity[]
  quotes: StoryQuote[]
  facts: StoryFact[]
  claims: StoryClaim[]
  conflicts: StoryConflict[]
  reuse: ReuseLink[]
  timeline: TimelineEntry[]
  summary: { text: string; spans: Span[] }[]
  /** Extension: per independent source, the claims only it reports. */
  onlyIn: SourceAddition[]
  /** Extension: why each article joined its story. */
  membership: { articleId: string; evidence: Evidence[] }[]
}

export interface Analysis {
  schemaVersion: typeof SCHEMA_VERSION
  articles: Article[]
  stories: StoryReport[]
}

export type AttributionKind = 'direct' | 'indirect' | 'mixed'

/**
 * Who said what (CONTRACT.md, `attributions`): the content said, the cue that reports it ("said",
 * "according to"), the source span naming the speaker as written ("he", "the spokesman", "Peskov"), and the
 * speaker resolved to the full name the article gives ("Dmitry Peskov"); for an unnamed source ("officials")
 * the speaker is the source as written.
 */
export interface Attribution {
  content: TextRange
  cue: TextRange | null
  source: TextRange | null
  speaker: string | null
  entityId: string | null
  kind: AttributionKind
}

/** A named-entity mention handed to attribution as a speaker candidate (structurally an entity of `entities`). */
export interface AttributionEntity {
  text: string
  type: EntityType
  start: number
  end: number
  entityId: string
}
