import type Database from 'better-sqlite3'
import type { StoryState } from '../../stories/cluster.js'
import { type ClusteringUpdate, type FinishedStory, listFieldsOf } from '../store.js'

/** SQLite limits bound parameters per statement; long id and term lists are queried in chunks. */
const CHUNK = 500

/** Rows for each chunk of values, from a query with one `(?…)` list written as `%s`. */
export function inChunks<Row>(db: Database.Database, sql: string, values: string[]): Row[] {
  const rows: Row[] = []
  for (let start = 0; start < values.length; start += CHUNK) {
    const chunk = values.slice(start, start + CHUNK)
    const statement = db.prepare(sql.replace('%s', chunk.map(() => '?').join(',')))
    rows.push(...(statement.all(...chunk) as Row[]))
  }
  return rows
}

/** A story state as JSON (Maps and Sets as arrays; numbers round-trip exactly). */
interface StoredState {
  id: string
  articleIds: string[]
  centroid: [string, number][]
  squaredNorm: number
  indexedTerms: string[]
  firstDay: number | null
  lastDay: number | null
  membership: StoryState['membership']
}

export function serialise(state: StoryState): string {
  const stored: StoredState = {
    ...state,
    centroid: [...state.centroid],
    indexedTerms: [...state.indexedTerms],
  }
  return JSON.stringify(stored)
}

export function deserialise(json: string): StoryState {
  const stored = JSON.parse(json) as StoredState
  return {
    ...stored,
    centroid: new Map(stored.centroid),
    indexedTerms: new Set(stored.indexedTerms),
  }
}

export function termDocuments(
  db: Database.Database,
  terms: string[],
): { documents: number; frequencies: Map<string, number> } {
  const rows = inChunks<{ term: string; documents: number }>(
    db,
    'SELECT term, documents FROM term_documents WHERE term IN (%s)',
    [...new Set(terms)],
  )
  const documents =
    (
      db.prepare("SELECT value FROM counters WHERE name = 'clustered_articles'").get() as
        { value: number } | undefined
    )?.value ?? 0
  return { documents, frequencies: new Map(rows.map((row) => [row.term, row.documents])) }
}

export function storiesIndexedUnder(
  db: Database.Database,
  terms: string[],
  maxPostings: number,
): string[] {
  // Counting first keeps a common term from loading thousands of story ids only to drop them.
  const usable = inChunks<{ term: string }>(
    db,
    'SELECT term FROM story_terms WHERE term IN (%s) GROUP BY term HAVING COUNT(*) <= ' +
      String(Math.floor(maxPostings)),
    [...new Set(terms)],
  ).map((row) => row.term)
  const rows = inChunks<{ story_id: string }>(
    db,
    'SELECT DISTINCT story_id FROM story_terms WHERE term IN (%s)',
    usable,
  )
  return [...new Set(rows.map((row) => row.story_id))].sort()
}

export function loadStoryStates(db: Database.Database, ids: string[]): StoryState[] {
  return inChunks<{ state: string }>(
    db,
    'SELECT state FROM story_states WHERE story_id IN (%s) ORDER BY story_id',
    [...new Set(ids)],
  ).map((row) => deserialise(row.state))
}

/**
 * Writes one ingest's clustering changes but its stories (merges, placed articles, frequencies); the caller
 * wraps it and the stories' writes (`storyWriter`) in one transaction.
 */
export function writePlacement(
  db: Database.Database,
  update: Omit<ClusteringUpdate, 'stories'>,
): void {
  const removeStory = [
    db.prepare('DELETE FROM stories WHERE id = ?'),
    db.prepare('DELETE FROM stories_fts WHERE id = ?'),
    db.prepare('DELETE FROM story_states WHERE story_id = ?'),
    db.prepare('DELETE FROM story_terms WHERE story_id = ?'),
  ]
  const moveMembers = db.prepare('UPDATE story_members SET story_id = ? WHERE story_id = ?')
  for (const { from, into } of update.merged) {
    for (const statement of removeStory) statement.run(from)
    moveMembers.run(into, from)
  }
  const place = placeStatement(db)
  for (const { articleId, storyId } of update.placed) place.run(articleId, storyId)
  const addDocuments = db.prepare(
    'INSERT INTO term_documents (term, documents) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET documents = documents + excluded.documents',
  )
  for (const [term, count] of update.termDocuments) addDocuments.run(term, count)
  db.prepare(
    "INSERT INTO counters (name, value) VALUES ('clustered_articles', ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
  ).run(update.placed.length)
}

function placeStatement(db: Database.Database): Database.Statement {
  return db.prepare(
    'INSERT INTO story_members (article_id, story_id) VALUES (?, ?) ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id',
  )
}

/**
 * Writes one finished story (after `writePlacement`, in its transaction): articles a split moved, the parts'
 * states, index terms and reports, its members as analysed. Statements are prepared once per update.
 */
export function storyWriter(db: Database.Database): (story: FinishedStory) => void {
  const place = placeStatement(db)
  const saveState = db.prepare(
    'INSERT INTO story_states (story_id, state) VALUES (?, ?) ON CONFLICT(story_id) DO UPDATE SET state = excluded.state',
  )
  const indexTerm = db.prepare('INSERT OR IGNORE INTO story_terms (term, story_id) VALUES (?, ?)')
  const saveReport = db.prepare(
    'INSERT INTO stories (id, title, start, "end", json, list_row) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, start = excluded.start, "end" = excluded."end", json = excluded.json, list_row = excluded.list_row',
  )
  const removeTitle = db.prepare('DELETE FROM stories_fts WHERE id = ?')
  const indexTitle = db.prepare('INSERT INTO stories_fts (id, title) VALUES (?, ?)')
  const forgetTerms = db.prepare('DELETE FROM story_terms WHERE story_id = ?')
  const analyzed = db.prepare('UPDATE articles SET analyzed = ? WHERE id = ?')
  return (story) => {
    // An article placed in a story that then split belongs to the split-off story.
    for (const { articleId, storyId } of story.moved) place.run(articleId, storyId)
    for (const { state, report } of story.parts) {
      saveState.run(state.id, serialise(state))
      forgetTerms.run(state.id) // a story split in two is indexed under fewer terms
      for (const term of state.indexedTerms) indexTerm.run(term, state.id)
      saveReport.run(
        report.id,
        report.title,
        report.start,
        report.end,
        JSON.stringify(report),
        listFieldsOf(report, story.analyzedArticles),
      )
      removeTitle.run(report.id)
      indexTitle.run(report.id, report.title)
    }
    for (const article of story.analyzedArticles) analyzed.run(JSON.stringify(article), article.id)
  }
}

export function clearClustering(db: Database.Database): void {
  for (const table of [
    'stories',
    'stories_fts',
    'story_members',
    'story_states',
    'story_terms',
    'term_documents',
    'counters',
  ])
    db.prepare(`DELETE FROM ${table}`).run()
  db.prepare('UPDATE articles SET analyzed = NULL').run()
}
