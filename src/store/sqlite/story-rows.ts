import type Database from 'better-sqlite3'
import type { ArticleHead, StoryListFields, StoryListRow, StorySummary } from '../store.js'
import { inChunks } from './clustering-tables.js'
import { hasColumn } from './schema.js'

type SummaryRow = StorySummary & Pick<StoryListFields, 'conflicts' | 'datedByPages'>
type StoryColumns = Pick<StorySummary, 'id' | 'title' | 'start' | 'end'>

/**
 * The story list read without whole reports. A report holds every claim, mention and span of its story (256 KB
 * on average, up to 2.8 MB, in a store of 10,000 articles), and reading three fields of it still parses all of
 * it, in JS or with json_extract (0.2–0.9 s for one page of the list under load, and again after every ingest).
 * So the fields a list shows are stored beside the report (`list_row`, schema version 3) and read from there;
 * only stories written by an older version, whose `list_row` is empty, are read from their reports. Rows read
 * are kept until the file changes: `PRAGMA data_version` tells writes by other connections (another process
 * ingesting), `forget()` is called on this connection's own writes.
 */
export class StoryRowReader {
  private readonly summaries = new Map<string, SummaryRow>()
  /** Outlet fields of articles (site, publisher, URL, path), as extracted. */
  private readonly heads = new Map<string, ArticleHead>()
  /** Story ids newest first. */
  private order: string[] | null = null
  private version: number | null = null
  /** Whether the file has the `list_row` column (a version-2 file opened read-only has not). */
  private readonly listColumn: boolean

  constructor(private readonly db: Database.Database) {
    this.listColumn = hasColumn(db, 'stories', 'list_row')
  }

  /**
   * Called after this connection wrote stories or articles. Article heads stay: they are read from the article
   * as extracted, which a store never rewrites, so after an ingest only the new articles' heads are read.
   */
  forget(): void {
    this.summaries.clear()
    this.order = null
  }

  private checkVersion(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number
    if (version !== this.version) this.forget()
    this.version = version
  }

  /** Summaries newest first; `limit` and `offset` page them (all when limit is null). */
  list(limit: number | null, offset: number): SummaryRow[] {
    this.checkVersion()
    this.order ??= (
      this.db
        .prepare(`SELECT id FROM stories ORDER BY COALESCE("end", start, '') DESC, id`)
        .all() as { id: string }[]
    ).map((row) => row.id)
    const ids = limit === null ? this.order : this.order.slice(offset, offset + limit)
    const missing = ids.filter((id) => !this.summaries.has(id))
    const stored = this.listColumn
      ? inChunks<StoryColumns & { listRow: string }>(
          this.db,
          `SELECT id, title, start, "end", list_row AS listRow FROM stories
           WHERE list_row IS NOT NULL AND id IN (%s)`,
          missing,
        )
      : []
    for (const { listRow, ...columns } of stored)
      this.summaries.set(columns.id, { ...columns, ...(JSON.parse(listRow) as StoryListFields) })
    const older = inChunks<
      StoryColumns & { independentSources: number; articleIds: string; conflicts: number | null }
    >(
      this.db,
      `SELECT id, title, start, "end", json_extract(json, '$.independentSources') AS independentSources,
         json_extract(json, '$.articleIds') AS articleIds, json_array_length(json, '$.conflicts') AS conflicts
       FROM stories WHERE id IN (%s)`,
      missing.filter((id) => !this.summaries.has(id)),
    )
    for (const row of older)
      this.summaries.set(row.id, {
        ...row,
        articleIds: JSON.parse(row.articleIds) as string[],
        conflicts: row.conflicts ?? 0,
      })
    return ids.flatMap((id) => this.summaries.get(id) ?? [])
  }

  /** A page of list rows: summaries with the outlet fields of their articles. */
  rows(offset: number, limit: number): StoryListRow[] {
    const stories = this.list(limit, offset)
    const missing = stories.flatMap((story) => story.articleIds).filter((id) => !this.heads.has(id))
    for (const head of inChunks<ArticleHead>(
      this.db,
      `SELECT id, json_extract(json, '$.site') AS site, json_extract(json, '$.publisher') AS publisher,
         json_extract(json, '$.url') AS url, json_extract(json, '$.path') AS path FROM articles WHERE id IN (%s)`,
      missing,
    ))
      this.heads.set(head.id, head)
    return stories.map((story) => ({
      ...story,
      sources: story.articleIds.flatMap((id) => this.heads.get(id) ?? []),
    }))
  }
}
