/**
 * Reading inputs for a command (progress, per-input warnings) and the `extract` command. Its own module, apart
 * from the store and analysis commands, so that `extract` loads what extraction needs and nothing more.
 */
import { describeProblem, quoteName } from '../ingest/problem.js'
import { collectArticles } from '../read-articles.js'
import { stripControl } from '../report/escape.js'
import type { Article } from '../types.js'
import { EXIT, type CliIo } from './io.js'
import { createProgress } from './progress.js'

export interface InputOptions {
  maxBytes: number
  allowPrivate: boolean
  jobs?: number
  /** No progress and no warnings about single inputs (errors still go to stderr). */
  quiet?: boolean
  /** Also the informational messages of each article (encodings guessed, dates inferred…). */
  verbose?: boolean
  /** `extract --no-annotate`: no names, attributions or sentences (only `extract` prints articles as read). */
  annotate?: boolean
  /** `--clean-text`: plain texts are the bodies as given (no boilerplate removal). */
  cleanText?: boolean
}

/** Reads and extracts inputs with progress and per-input warnings; null when no input gave an article. */
export async function readArticles(
  inputs: string[],
  options: InputOptions,
  io: CliIo,
): Promise<Article[] | null> {
  const quiet = options.quiet === true
  const progress = createProgress(io, 'reading', quiet)
  // Warnings as they come, as `ingest` prints them (a long batch's first bad input is seen at once), each
  // taking the progress line's place; an input given twice (one article kept) is warned about once.
  const warn = (text: string): void => {
    progress.done()
    io.stderr(text)
  }
  const warned = new Set<string>()
  const articles = await collectArticles(inputs, {
    limits: { maxBytes: options.maxBytes, allowPrivateNetwork: options.allowPrivate },
    // Threads start only past 200 documents (collectArticles): a small batch is read in-process.
    workers: options.jobs ?? 1,
    ...(options.cleanText === true ? { cleanText: true } : {}),
    ...(options.annotate === false ? { extract: { annotate: false } } : {}),
    onProblem: (problem) =>
      quiet ? undefined : warn(`corroborate: warning: ${describeProblem(problem)}\n`),
    onArticle: (article) => {
      const key = `${article.path ?? article.url ?? ''}\u0000${article.id}`
      if (!quiet && !warned.has(key)) {
        warned.add(key)
        warnAbout(article, { ...io, stderr: warn }, options.verbose === true)
      }
      progress.tick()
    },
  })
  progress.done()
  if (articles.length === 0) {
    io.stderr('corroborate: no article could be read from the inputs\n')
    return null
  }
  return articles
}

/** An article's warnings (and, verbose, its informational messages) on stderr, its name quoted safely. */
export function warnAbout(article: Article, io: CliIo, verbose = false): void {
  for (const message of article.messages) {
    if (message.severity === 'info' && !verbose) continue
    io.stderr(
      `corroborate: ${message.severity}: ${quoteName(article.path ?? article.url ?? article.id)}: ${message.reason} [${message.ruleId}]\n`,
    )
  }
}

export async function extractCommand(
  inputs: string[],
  options: InputOptions & { format?: 'json' | 'jsonl' | 'text' },
  io: CliIo,
): Promise<number> {
  const articles = await readArticles(inputs, options, io)
  if (articles === null) return EXIT.inputs
  // Without --format: one article as a JSON document, several as JSON lines.
  const format = options.format ?? (articles.length === 1 ? 'json' : 'jsonl')
  if (format === 'json' && articles.length > 1) {
    io.stderr(
      `corroborate: --format json prints one article, but the inputs hold ${articles.length}; use --format jsonl\n`,
    )
    return EXIT.usage
  }
  if (format === 'json') io.stdout(`${JSON.stringify(articles[0], null, 2)}\n`)
  else if (format === 'jsonl')
    for (const article of articles) io.stdout(`${JSON.stringify(article)}\n`)
  else io.stdout(stripControl(articles.map(articleAsText).join('\n\n')))
  return EXIT.ok
}

/**
 * One article as text: its fields, then its body. The id and where it was read from come first, so that each
 * article of a folder or JSONL export is told from the next (paragraphs, too, are apart by a blank line).
 */
function articleAsText(article: Article): string {
  const facts = [
    ['id', quoteName(article.id)],
    ['path', article.path === null ? null : quoteName(article.path)],
    ['url', article.url === null ? null : quoteName(article.url)],
    ['title', article.title],
    ['authors', article.authors.join(', ')],
    ['site', article.site],
    ['publisher', article.publisher],
    ['published', article.published],
    ['page date', article.pageDate],
    ['dateline', article.dateline],
    ['language', article.language],
  ].filter(([, value]) => value !== null && value !== '')
  return `${facts.map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${article.text}\n`
}
