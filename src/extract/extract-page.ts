import { decideMetadata, type PageText, readPageMeta } from '../metadata/index.js'
import { MIN_YEAR } from '../metadata/parse-date.js'
import type { ArticleAnnotations } from '../nlp/annotate.js'
import { MAX_ANNOTATED_CHARS } from '../nlp/annotation-limit.js'
import { contentId } from '../text/hash.js'
import { type Article, type Message, type RawDocument, SCHEMA_VERSION } from '../types.js'
import { findFirst, markedText, parseHtml, textOf } from './html/dom.js'
import { extractHtmlBody } from './html/extract-html.js'
import { extractPlainText } from './plaintext.js'

export interface ExtractOptions {
  /** Pages longer than this many characters are cut before parsing, with a warning (default: 16 M). */
  maxHtmlChars: number
  /** Dates after this are implausible (default: now). */
  now: Date
  /**
   * Run the nlp stage (sentences, names, attributions) on the text (default: true). Off only where nothing
   * reads the annotations (`extract --no-annotate`): extraction alone is several times cheaper; every stage
   * that reads them annotates an article that lacks them (`withAnnotations`).
   */
  annotate: boolean
}

export const DEFAULT_EXTRACT_OPTIONS: ExtractOptions = {
  maxHtmlChars: 16 * 1024 * 1024,
  now: new Date(),
  annotate: true,
}

/** An extracted article without the nlp stage's annotations (`annotate: false`). */
export type PageArticle = Omit<Article, keyof ArticleAnnotations> & Partial<ArticleAnnotations>

/** One document to one article: `extractPage`, or `extractArticle` when the article is to be annotated. */
export type Extractor = (raw: RawDocument, options?: Partial<ExtractOptions>) => PageArticle

/**
 * The extractor the options call for, the nlp stage loaded only when it is to run (the readers of a batch and
 * the extraction threads call this once, before their first document).
 */
export async function loadExtractor(options: Partial<ExtractOptions> = {}): Promise<Extractor> {
  if (!{ ...DEFAULT_EXTRACT_OPTIONS, ...options }.annotate) return extractPage
  return (await import('./extract-article.js')).extractArticle
}

/**
 * Assembles one article from a decoded document: body, removed blocks, metadata and messages, without the nlp
 * stage's annotations (`extractArticle` adds them). Its own module so that extraction alone (`extract
 * --no-annotate`) never loads the nlp stage's modules: a tenth to a fifth of a second of each process's CPU.
 * `annotate` here only says whether the caller will annotate (for the warning about the annotated length).
 */
export function extractPage(raw: RawDocument, options: Partial<ExtractOptions> = {}): PageArticle {
  const settings = { ...DEFAULT_EXTRACT_OPTIONS, ...options }
  const messages: Message[] = [...raw.messages]
  let content = raw.content
  if (raw.kind === 'html' && content.length > settings.maxHtmlChars) {
    messages.push({
      severity: 'warning',
      ruleId: 'html-truncated',
      reason: `Unexpected page of ${content.length} characters, expected at most ${settings.maxHtmlChars}; the rest was not read`,
    })
    content = content.slice(0, settings.maxHtmlChars)
  }
  const body = raw.kind === 'html' ? fromHtml(content, raw) : fromText(content, raw)
  const metadata = decideMetadata({
    raw,
    body: body.text,
    removed: body.removed,
    textTitle: body.title,
    page: body.page,
    pageText: body.pageText,
    now: settings.now,
  })
  if (settings.annotate && body.text.length > MAX_ANNOTATED_CHARS) {
    messages.push({
      severity: 'warning',
      ruleId: 'annotation-truncated',
      reason: `Unexpected article text of ${body.text.length} characters; names, attributions and figures were read in the first ${MAX_ANNOTATED_CHARS} only`,
    })
  }
  // A date the caller gave (a JSONL `published`) that no parser reads is dropped by the date stage: said here.
  // The value is the caller's text, printed on a terminal by the CLI: quoted as JSON, so that a line break or an
  // escape sequence in it can neither forge a message line nor drive the terminal.
  // A blank value is an export's way of saying "no date" (every row of it would be warned about otherwise).
  const given = raw.hints.published
  if (
    given !== null &&
    given.trim() !== '' &&
    !metadata.dateEvidence.some((evidence) => evidence.kind === 'given')
  ) {
    messages.push({
      severity: 'warning',
      ruleId: 'published-unread',
      reason: `Unexpected "published" value ${JSON.stringify(given)}, expected a date such as 2024-02-20, from ${MIN_YEAR} to today; the date was looked for in the text instead`,
    })
  }
  if (body.text === '') {
    messages.push({
      severity: 'warning',
      ruleId: 'no-body',
      reason: 'Unexpected page without article text, expected at least one paragraph',
    })
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    id: raw.id ?? contentId(raw.content),
    path: raw.path,
    ...metadata,
    text: body.text,
    removed: body.removed,
    messages,
  }
}

function fromHtml(content: string, raw: RawDocument) {
  const document = parseHtml(content)
  const page = readPageMeta(document)
  const bodyElement = findFirst(document, (element) => element.name === 'body')
  const titleGuess =
    raw.hints.title ?? page.titles.find((title) => title.kind === 'h1')?.text ?? null
  const extracted = extractHtmlBody(document, {
    title: titleGuess,
    articleBody: page.articleBody,
    description: page.description,
  })
  // The whole page's text (a last resort for dates) is read only when asked for, from the page as parsed,
  // with where its headline (the first <h1> with words) stands in it.
  let pageText: PageText | null = null
  const readPageText = (): PageText => {
    if (pageText === null) {
      extracted.restorePage()
      const root = bodyElement ?? document
      const headline = findFirst(root, (element) => element.name === 'h1' && textOf(element) !== '')
      const { text, markAt } = markedText(root, headline ?? null)
      pageText = {
        text,
        headline:
          markAt === null || headline === undefined
            ? null
            : { start: markAt, end: markAt + textOf(headline).length },
      }
    }
    return pageText
  }
  return {
    text: extracted.text,
    removed: extracted.removed,
    title: null,
    page,
    pageText: readPageText,
  }
}

function fromText(content: string, raw: RawDocument) {
  // A clean text (JSONL "clean": true) is the body as given; offsets into it are offsets into the input.
  const extracted =
    raw.clean === true ? { text: content, removed: [], title: null } : extractPlainText(content)
  // A JSONL article that gives its title has no headline line to find; its text is all body.
  return {
    text: extracted.text,
    removed: extracted.removed,
    title: raw.hints.title ?? extracted.title,
    page: null,
    pageText: () => ({ text: content, headline: null }),
  }
}
