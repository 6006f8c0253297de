import { existsSync } from 'node:fs'
import { startBriefThread } from '../corroborate/brief-thread.js'
import { describeProblem } from '../ingest/problem.js'
import { stripControl } from '../report/escape.js'
import { storedAnalysis, updateStore } from '../incremental.js'
import { ingestInputs } from '../ingest-stream.js'
import { type AnalyzeOptions, analyzeArticles } from '../pipeline.js'
import { reportChunks, type ReportFormat } from '../report/index.js'
import type { Store } from '../store/index.js'
import { bracketedMatches } from '../store/snippet.js'
import type { Analysis, Article } from '../types.js'
import { EXIT, type CliIo } from './io.js'
import { type InputOptions, readArticles, warnAbout } from './extract-command.js'
import { redacted } from './redacted.js'
import { createProgress } from './progress.js'
import { openCliStore } from './store-open.js'
import { counted } from '../text/counted.js'
import { checkReportTarget, writeReportFile } from './report-file.js'

/** The analysis settings given on the command line (the library's defaults for the rest). */
export function analysisOptions(options: ThresholdOptions): AnalyzeOptions {
  return {
    ...(options.reuseThreshold === undefined
      ? {}
      : { reuse: { threshold: options.reuseThreshold } }),
    ...(options.storyThreshold === undefined
      ? {}
      : { cluster: { threshold: options.storyThreshold } }),
  }
}

interface ThresholdOptions {
  reuseThreshold?: number
  storyThreshold?: number
}

export async function analyzeCommand(
  inputs: string[],
  options: InputOptions & {
    format: ReportFormat
    out?: string
    db?: string
  } & ThresholdOptions,
  io: CliIo,
): Promise<number> {
  if (options.out !== undefined) checkReportTarget(options.out)
  const articles = await readArticles(inputs, options, io)
  if (articles === null) return EXIT.inputs
  const progress = createProgress(io, 'analysing', options.quiet === true)
  const stage =
    options.db === undefined
      ? `analysing ${counted(articles.length, 'article')} into stories`
      : `placing ${counted(articles.length, 'article')} in the stories of ${redacted(options.db)}`
  progress.stage(stage)
  // Reporting the stories is most of this stage (ECB+, 772 articles: 52 stories, 2 s placing, 25 s reports).
  const onStory = (done: number, total: number): void =>
    progress.step(storiesReported(stage, done, total))
  const analysis =
    options.db === undefined
      ? await analyzeInMemory(articles, { ...options, onStory })
      : await analyzeIntoStore(articles, options.db, { ...options, onStory }, io)
  progress.done()
  await writeReport(analysis, options.format, options.out, io)
  return EXIT.ok
}

/** A stage's progress through its stories: "placing 6 articles in …: 3 of 9 stories reported". */
function storiesReported(stage: string, done: number, total: number): string {
  return `${stage}: ${done} of ${counted(total, 'story', 'stories')} reported`
}

/**
 * Batches this large, given more than one job, have their briefs' stance checks made on a second thread while
 * the main thread reports the next stories (brief-thread.ts): the story stage runs after extraction, with the
 * other cores idle. Starting the thread costs more than a small batch's checks (the extraction threads' limit).
 */
const MIN_ARTICLES_FOR_BRIEF_THREAD = 200

/** `analyze` without `--db`: `analyzeArticles`, with the briefs' stance checks on a thread for a large batch. */
async function analyzeInMemory(
  articles: Article[],
  options: InputOptions & ThresholdOptions & Required<Pick<AnalyzeOptions, 'onStory'>>,
): Promise<Analysis> {
  const thread =
    (options.jobs ?? 1) > 1 && articles.length > MIN_ARTICLES_FOR_BRIEF_THREAD
      ? startBriefThread()
      : null
  const settings = { ...analysisOptions(options), onStory: options.onStory }
  if (thread === null) return analyzeArticles(articles, settings)
  try {
    return analyzeArticles(articles, { ...settings, brief: thread.brief })
  } finally {
    await thread.finish()
  }
}

/**
 * `analyze --db`: the batch is placed in the store's stories (`updateStore`, as `ingest` does) and the stories
 * that hold it are reported from the store: one analysis, not one in memory and another in the store. On an
 * empty store the report is the one `analyze` prints without `--db`.
 */
async function analyzeIntoStore(
  articles: Article[],
  db: string,
  options: InputOptions & ThresholdOptions & Required<Pick<AnalyzeOptions, 'onStory'>>,
  io: CliIo,
): Promise<Analysis> {
  const store = await openCliStore(db)
  try {
    const result = await updateStore(store, articles, {
      ...analysisOptions(options),
      // Ids the store holds with other texts (a later export reusing ids) are renamed, with a warning.
      onProblem: (problem) =>
        options.quiet === true
          ? undefined
          : io.stderr(`corroborate: warning: ${describeProblem(problem)}\n`),
      onWait: (message) => io.stderr(`corroborate: ${message}\n`),
      onStory: options.onStory,
    })
    // The batch's ids as stored (renamed ones included), in the order they were given.
    return await storedAnalysis(store, result.ids)
  } finally {
    await store.close()
  }
}

/**
 * Writes a report to stdout or a file, a piece at a time (a large batch's JSON is longer than any one string
 * can be).
 */
async function writeReport(
  analysis: Analysis,
  format: ReportFormat,
  out: string | undefined,
  io: CliIo,
): Promise<void> {
  const chunks = reportChunks(analysis, format)
  if (out === undefined) {
    for (const chunk of chunks) io.stdout(chunk)
    return
  }
  await writeReportFile(out, chunks)
  io.stderr(`corroborate: wrote ${out}\n`)
}

export async function ingestCommand(
  inputs: string[],
  options: InputOptions & { db: string; rebuild?: boolean; roundSize?: number } & ThresholdOptions,
  io: CliIo,
): Promise<number> {
  if (inputs.length === 0 && options.rebuild !== true) {
    io.stderr(
      'corroborate: ingest needs inputs (files, directories, URLs), or --rebuild to re-cluster the stored articles\n',
    )
    return EXIT.usage
  }
  const store = await openCliStore(options.db)
  try {
    // Inputs stream through in batches (memory holds one batch, whatever the size of a JSONL or WARC file);
    // each batch is placed as the store's only writer (other ingests and workers wait their turn).
    const quiet = options.quiet === true
    const progress = createProgress(io, 'reading', quiet)
    // What the store update does (a rebuild without inputs places the stored articles).
    let placing = "placing the store's articles in stories"
    // A warning takes the progress line's place; the next article read draws it again.
    const warn = (text: string): void => {
      progress.done()
      io.stderr(text)
    }
    const result = await ingestInputs(store, inputs, {
      ...analysisOptions(options),
      rebuild: options.rebuild === true,
      ...(options.roundSize === undefined ? {} : { batchSize: options.roundSize }),
      onWait: (message) => warn(`corroborate: ${message}\n`),
      limits: { maxBytes: options.maxBytes, allowPrivateNetwork: options.allowPrivate },
      workers: options.jobs ?? 1,
      ...(options.cleanText === true ? { cleanText: true } : {}),
      onProblem: (problem) =>
        quiet ? undefined : warn(`corroborate: warning: ${describeProblem(problem)}\n`),
      onArticle: (article) => {
        if (!quiet) warnAbout(article, { ...io, stderr: warn }, options.verbose === true)
        progress.tick()
      },
      onPlacing: (count) => {
        if (count === 0) return
        placing = `placing ${counted(count, 'article')} in the store's stories`
        progress.stage(placing)
      },
      onStory: (done, total) => progress.step(storiesReported(placing, done, total)),
    })
    progress.done()
    if (inputs.length > 0 && result.added.length + result.existing.length === 0) {
      io.stderr('corroborate: no article could be read from the inputs\n')
      return EXIT.inputs
    }
    const stories = await store.countStories()
    io.stdout(
      `added ${counted(result.added.length, 'article')}, ${result.existing.length} already stored; ` +
        `${counted(result.changedStories.length, 'story', 'stories')} created or updated` +
        `${result.merged.length > 0 ? `, ${counted(result.merged.length, 'merge')}` : ''}; ` +
        `${counted(stories, 'story', 'stories')} in ${redacted(options.db)}\n`,
    )
  } finally {
    await store.close()
  }
  return EXIT.ok
}

export async function withExistingStore<T>(
  path: string,
  io: CliIo,
  use: (store: Store) => Promise<T>,
): Promise<T | number> {
  const { isPostgresUrl } = await loadStore()
  if (!isPostgresUrl(path) && !existsSync(path)) {
    io.stderr(
      `corroborate: no store at ${path}; create one with \`corroborate ingest --db ${path} <inputs>\`\n`,
    )
    return EXIT.inputs
  }
  // Read commands never create, migrate or lock a store: they read what the last writer committed.
  const store = await openCliStore(path, { readOnly: true })
  try {
    return await use(store)
  } finally {
    await store.close()
  }
}

export async function storiesCommand(
  options: { db: string; format: 'text' | 'json'; limit?: number },
  io: CliIo,
): Promise<number> {
  const result = await withExistingStore(options.db, io, async (store) => {
    const stories = (await store.listStories()).slice(0, options.limit)
    // Said on stderr: the text listing stays empty for scripts that count its lines.
    if (stories.length === 0 && options.format === 'text')
      io.stderr(
        `corroborate: no stories in ${redacted(options.db)} yet; add articles with \`corroborate ingest --db ${redacted(options.db)} <inputs>\`\n`,
      )
    if (options.format === 'json') io.stdout(`${JSON.stringify({ stories }, null, 2)}\n`)
    else
      for (const story of stories)
        io.stdout(
          `${story.id}  ${counted(story.articleIds.length, 'article')}  ${story.independentSources} independent  ${story.start?.slice(0, 10) ?? '----------'}  ${story.title}${story.datedByPages === true ? '  (republished; original date unknown)' : ''}\n`,
        )
    return EXIT.ok
  })
  return result
}

export async function showCommand(
  storyId: string,
  options: { db: string; format: ReportFormat; out?: string },
  io: CliIo,
): Promise<number> {
  if (options.out !== undefined) checkReportTarget(options.out)
  return withExistingStore(options.db, io, async (store) => {
    const story = await store.getStory(storyId)
    if (story === null) {
      // An id copied without its prefix ("bafefef4798e" for "story-bafefef4798e") is named as it should be.
      const prefixed = `story-${storyId}`
      const hint =
        !storyId.startsWith('story-') && (await store.getStory(prefixed)) !== null
          ? `; did you mean ${prefixed}?`
          : `; list them with \`corroborate stories --db ${options.db}\``
      io.stderr(`corroborate: no story ${storyId} in ${options.db}${hint}\n`)
      return EXIT.inputs
    }
    const articles = (await Promise.all(story.articleIds.map((id) => store.getArticle(id)))).filter(
      (article): article is Article => article !== null,
    )
    const analysis: Analysis = { schemaVersion: 1, articles, stories: [story] }
    await writeReport(analysis, options.format, options.out, io)
    return EXIT.ok
  })
}

export async function searchCommand(
  query: string,
  options: { db: string; limit: number; format: 'text' | 'json' },
  io: CliIo,
): Promise<number> {
  // As `verify` with no claim and the API's `/api/search?q=` (a 400): nothing to look for is a usage error.
  if (query.trim() === '') {
    io.stderr('corroborate: search needs words to look for, such as Peskov\n')
    return EXIT.usage
  }
  return withExistingStore(options.db, io, async (store) => {
    const result = await store.search(query, options.limit)
    if (options.format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`)
    else {
      for (const article of result.articles)
        io.stdout(
          stripControl(
            `${article.id}  ${article.title ?? 'untitled'}\n    ${bracketedMatches(article).replace(/\s+/g, ' ')}\n`,
          ),
        )
      for (const story of result.stories)
        io.stdout(stripControl(`story ${story.id}  ${story.title}\n`))
      // Said on stderr, as `stories` on an empty store: the listing stays empty for scripts that count lines.
      if (result.articles.length === 0 && result.stories.length === 0)
        io.stderr(stripControl(`corroborate: no match for "${query}" in ${redacted(options.db)}\n`))
    }
    return EXIT.ok
  })
}

/** The store (and its native SQLite module) loads only for the commands that use it: faster start-up. */
async function loadStore(): Promise<typeof import('../store/index.js')> {
  return import('../store/index.js')
}
