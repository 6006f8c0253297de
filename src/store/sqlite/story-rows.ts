import type Database from 'better-sqlite3'
import type { ArticleHead, StoryListRow, StorySummary } from '../store.js'
import { inChunks } from './clustering-tables.js'

type SummaryRow = StorySummary & { conflicts: number }

/**
 * The story list read without whole reports. A report holds every claim, mention and span of its story (256 KB
 * on average, up to 2.8 MB, in a store of 10,000 articles), and reading three fields of it still parses all of
 * it, in JS or with json_extract: 3 s for one page of the list under load. So the fields a list shows are read
 * once per story and kept until the file changes: `PRAGMA data_version` tells writes by other connections
 * (another process ingesting), `forget()` is called on this connection's own writes.
 */
export class StoryRowReader {
  private readonly summaries = new Map<string, SummaryRow>()
  private readonly heads = new Map<string, ArticleHead>()
  /** Story ids newest first. */
  private order: string[] | null = null
  private version: number | null = null

  constructor(private readonly db: Database.Database) {}

  /** Called after this connection wrote stories or articles. */
  forget(): void {
    this.summaries.clear()
    this.heads.clear()
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
    const rows = inChunks<StorySummary & { articleIds: string; conflicts: number | null }>(
      this.db,
      `SELECT id, title, start, "end", json_extract(json, '$.independentSources') AS independentSources,
         json_extract(json, '$.articleIds') AS articleIds, json_array_length(json, '$.conflicts') AS conflicts
       FROM stories WHERE id IN (%s)`,
      missing,
    )
    for (const row of rows)
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
