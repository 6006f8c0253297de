import type pg from 'pg'
import { serialise } from '../sqlite/clustering-tables.js'
import {
  type ClusteringUpdate,
  type FinishedStory,
  listFieldsOf,
  type PlacementUpdate,
} from '../store.js'
import type { StoryState } from '../../stories/cluster.js'
import type { Article, StoryReport } from '../../types.js'

/**
 * Characters of rows (articles, reports, analysed members as JSON) written per statement: memory holds this
 * much of them at a time, not a whole batch or all of a batch's changed stories (which can hold most of the
 * store), and a statement still carries many rows. Every row travels as text three times over (the JSON,
 * node-postgres's array literal, the wire buffer), so 8 M characters cost some 50 MB at most.
 */
const CHARS_PER_WRITE = 8_000_000

/** Items in runs of at most `limit` characters each (as `size` counts them; an item longer is a run alone). */
export function* byChars<T>(
  items: T[],
  size: (item: T) => number,
  limit = CHARS_PER_WRITE,
): Generator<T[]> {
  let run: T[] = []
  let chars = 0
  for (const item of items) {
    if (run.length > 0 && chars + size(item) > limit) {
      yield run
      run = []
      chars = 0
    }
    run.push(item)
    chars += size(item)
  }
  if (run.length > 0) yield run
}

/**
 * Writes one ingest's clustering changes inside the caller's transaction (as the SQLite store's
 * `writePlacement` and `storyWriter`): merges, placed articles and frequencies first, then the stories as
 * they are finished, a few megabytes of rows at a time.
 */
export async function writeClustering(
  client: pg.PoolClient,
  update: ClusteringUpdate,
): Promise<void> {
  await writeMembers(client, { ...update, moved: [] })
  let rows = new StoryRows()
  for await (const story of update.stories) {
    rows.add(story)
    if (rows.chars >= CHARS_PER_WRITE) {
      await writeStoryRows(client, rows)
      rows = new StoryRows()
    }
  }
  await writeStoryRows(client, rows)
}

/** Finished stories as the rows they are written as (strings, not object graphs: JSON is the smaller). */
class StoryRows {
  moved: FinishedStory['moved'] = []
  states: StoryState[] = []
  reports: ReportRow[] = []
  analyzed: AnalyzedRow[] = []
  chars = 0

  add(story: FinishedStory): void {
    this.moved.push(...story.moved)
    for (const { state, report } of story.parts) {
      const row = reportRow(report, story.analyzedArticles)
      this.states.push(state)
      this.reports.push(row)
      this.chars += row.json.length
    }
    for (const article of story.analyzedArticles) {
      const row = analyzedRow(article)
      this.analyzed.push(row)
      this.chars += row.json.length
    }
  }
}

async function writeStoryRows(client: pg.PoolClient, rows: StoryRows): Promise<void> {
  if (rows.states.length === 0 && rows.moved.length === 0) return
  // An article placed in a story that then split belongs to the split-off story.
  await writeMembers(client, {
    merged: [],
    placed: [],
    termDocuments: new Map(),
    moved: rows.moved,
  })
  await writeStates(client, rows.states)
  await writeReportRows(client, rows.reports, rows.analyzed)
  // Reported now: no longer due, whatever a worker's placement marked before (a worker holding a claim on
  // one of them finds its mark gone and drops what it built).
  await client.query('DELETE FROM stories_to_report WHERE story_id = ANY($1)', [
    rows.reports.map((report) => report.id),
  ])
}

/** The clustering part of an update: merges, members, frequencies, story states and their index terms. */
export async function writePlacement(
  client: pg.PoolClient,
  update: PlacementUpdate,
): Promise<void> {
  await writeMembers(client, update)
  await writeStates(client, update.states)
}

/** Merges, placed and moved articles, document frequencies and the count of clustered articles. */
async function writeMembers(
  client: pg.PoolClient,
  update: Omit<PlacementUpdate, 'states'>,
): Promise<void> {
  for (const { from, into } of update.merged) {
    // The due row first: a worker saving this story's report (`saveReports`) holds it from its DELETE to its
    // commit, so this waits for that report and then deletes it with the story. Deleting the story first would
    // find no row while a story's first report is being written, and that report would outlive its story.
    await client.query('DELETE FROM stories_to_report WHERE story_id = $1', [from])
    await client.query('DELETE FROM stories WHERE id = $1', [from])
    await client.query('DELETE FROM story_states WHERE story_id = $1', [from])
    await client.query('DELETE FROM story_terms WHERE story_id = $1', [from])
    await client.query('UPDATE story_members SET story_id = $1 WHERE story_id = $2', [into, from])
  }
  const members = lastPerKey([...update.placed, ...update.moved], (entry) => entry.articleId)
  if (members.length > 0) {
    await client.query(
      `INSERT INTO story_members (article_id, story_id) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id`,
      [members.map((entry) => entry.articleId), members.map((entry) => entry.storyId)],
    )
    await client.query('DELETE FROM unplaced_articles WHERE id = ANY($1)', [
      members.map((entry) => entry.articleId),
    ])
  }
  if (update.termDocuments.size > 0)
    await client.query(
      `INSERT INTO term_documents (term, documents) SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (term) DO UPDATE SET documents = term_documents.documents + excluded.documents`,
      [[...update.termDocuments.keys()], [...update.termDocuments.values()]],
    )
  if (update.placed.length > 0)
    await client.query(
      `INSERT INTO counters (name, value) VALUES ('clustered_articles', $1)
       ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value`,
      [update.placed.length],
    )
}

/** Story states and their index terms (the last state per story wins). */
async function writeStates(client: pg.PoolClient, written: StoryState[]): Promise<void> {
  const states = lastPerKey(written, (state) => state.id)
  if (states.length === 0) return
  await client.query(
    `INSERT INTO story_states (story_id, state) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (story_id) DO UPDATE SET state = excluded.state`,
    [states.map((state) => state.id), states.map((state) => serialise(state))],
  )
  // A story split in two is indexed under fewer terms: its terms are written anew.
  await client.query('DELETE FROM story_terms WHERE story_id = ANY($1)', [
    states.map((state) => state.id),
  ])
  const termRows = states.flatMap((state) =>
    [...state.indexedTerms].map((term) => [term, state.id] as const),
  )
  await client.query(
    'INSERT INTO story_terms (term, story_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
    [termRows.map((row) => row[0]), termRows.map((row) => row[1])],
  )
}

/** A story's row: its list columns and its report as JSON. */
interface ReportRow {
  id: string
  title: string
  start: string | null
  end: string | null
  json: string
  listRow: string
}

/** An article as its story's analysis left it, as JSON. */
interface AnalyzedRow {
  id: string
  json: string
}

function reportRow(report: StoryReport, analyzed: Article[]): ReportRow {
  const { id, title, start, end } = report
  return {
    id,
    title,
    start,
    end,
    json: JSON.stringify(report),
    listRow: listFieldsOf(report, analyzed),
  }
}

function analyzedRow(article: Article): AnalyzedRow {
  return { id: article.id, json: JSON.stringify(article) }
}

/** Stories' reports (the last one per id wins) and their members as the reports left them. */
export async function writeReports(
  client: pg.PoolClient,
  stories: StoryReport[],
  analyzedArticles: Article[],
): Promise<void> {
  await writeReportRows(
    client,
    stories.map((report) => reportRow(report, analyzedArticles)),
    analyzedArticles.map(analyzedRow),
  )
}

async function writeReportRows(
  client: pg.PoolClient,
  written: ReportRow[],
  analyzedRows: AnalyzedRow[],
): Promise<void> {
  const reports = lastPerKey(written, (report) => report.id)
  await client.query(
    `INSERT INTO stories (id, title, start, "end", json, list_row)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, start = excluded.start, "end" = excluded."end",
       json = excluded.json, list_row = excluded.list_row`,
    [
      reports.map((report) => report.id),
      reports.map((report) => report.title),
      reports.map((report) => report.start),
      reports.map((report) => report.end),
      reports.map((report) => report.json),
      reports.map((report) => report.listRow),
    ],
  )
  const analyzed = lastPerKey(analyzedRows, (article) => article.id)
  await client.query(
    `INSERT INTO article_analyses (id, json)
     SELECT input.id, input.json FROM unnest($1::text[], $2::text[]) AS input (id, json)
     WHERE EXISTS (SELECT FROM articles WHERE articles.id = input.id)
     ON CONFLICT (id) DO UPDATE SET json = excluded.json`,
    [analyzed.map((article) => article.id), analyzed.map((article) => article.json)],
  )
}

/** The last entry for each key wins, as when the SQLite store writes them one after the other. */
function lastPerKey<T>(entries: T[], key: (entry: T) => string): T[] {
  return [...new Map(entries.map((entry) => [key(entry), entry])).values()]
}
