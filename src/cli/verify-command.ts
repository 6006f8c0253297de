import { existsSync } from 'node:fs'
import { type VerifyResult, verify } from '../corroborate/verify.js'
import { quoteName } from '../ingest/problem.js'
import { stripControl } from '../report/escape.js'
import type { Article } from '../types.js'
import { withExistingStore } from './commands.js'
import { readArticles } from './extract-command.js'
import { EXIT, type CliIo } from './io.js'
import { counted } from '../text/counted.js'

/** `corroborate verify "<claim>" <inputs…> | --db FILE`: who supports and who disputes a claim. */
export async function verifyCommand(
  claim: string,
  inputs: string[],
  options: {
    db?: string
    format: 'text' | 'json'
    maxBytes: number
    allowPrivate: boolean
    jobs?: number
  },
  io: CliIo,
): Promise<number> {
  if (claim.trim() === '') {
    io.stderr('corroborate: verify needs a claim, such as "Putin gave Kim Jong Un a car"\n')
    return EXIT.usage
  }
  // The claim forgotten: the first input was taken for it, and would be verified as a sentence against the rest.
  if (existsSync(claim) || /^https?:\/\//i.test(claim)) {
    io.stderr(
      `corroborate: verify takes the claim first, in quotes, but ${quoteName(claim)} is an input; such as \`corroborate verify "Putin gave Kim Jong Un a car" ${quoteName(claim)}\`\n`,
    )
    return EXIT.usage
  }
  if ((inputs.length === 0) === (options.db === undefined)) {
    io.stderr('corroborate: verify reads either inputs (files, directories, URLs) or --db FILE\n')
    return EXIT.usage
  }
  const articles =
    options.db === undefined
      ? await readArticles(inputs, options, io)
      : await withExistingStore(options.db, io, (store) => store.listArticles())
  if (typeof articles === 'number') return articles
  if (articles === null) return EXIT.inputs
  const result = verify(claim, articles)
  io.stdout(
    options.format === 'json'
      ? `${JSON.stringify(result, null, 2)}\n`
      : verdictsAsText(result, articles),
  )
  return EXIT.ok
}

const ORDER = { agree: 0, disagree: 1, discuss: 2, unrelated: 3 }

function verdictsAsText(result: VerifyResult, articles: Article[]): string {
  const byId = new Map(articles.map((article) => [article.id, article]))
  const lines = [
    `claim: ${oneLine(result.claim)}`,
    `supported by ${counted(result.support, 'independent source')}, disputed by ${result.dispute}` +
      (result.reported === 0
        ? ''
        : `; reported as someone's words, undisputed, by ${result.reported} more`),
    '',
  ]
  const verdicts = [...result.verdicts].sort(
    (a, b) => ORDER[a.stance] - ORDER[b.stance] || b.confidence - a.confidence,
  )
  for (const verdict of verdicts) {
    const article = byId.get(verdict.articleId)
    const name = article?.site ?? article?.title ?? article?.path ?? verdict.articleId
    const source =
      verdict.attributedTo === null ? '' : `  (attributed to ${oneLine(verdict.attributedTo)})`
    lines.push(
      `${verdict.stance.padEnd(9)} ${verdict.confidence.toFixed(2)}  ${oneLine(name)}${source}`,
    )
    const first = verdict.evidence[0]
    if (first !== undefined && article !== undefined)
      lines.push(`          "${oneLine(article.text.slice(first.start, first.end)).slice(0, 200)}"`)
  }
  return `${lines.join('\n')}\n`
}

/** Article text is untrusted: no control characters or line breaks reach the terminal. */
const oneLine = (text: string): string => stripControl(text.replace(/\s+/g, ' ')).trim()
