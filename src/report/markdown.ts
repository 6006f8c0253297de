import type { Analysis, Article, StoryReport } from '../types.js'
import { escapeMarkdown as md } from './escape.js'
import { whyInStory } from './membership-label.js'
import { articlesOf, dateLabel, outletLabel, spanText } from './outlet-label.js'

/** A Markdown report: one section per story with sources, summary, conflicts, reuse and quotes. */
export function renderMarkdown(analysis: Analysis): string {
  return (
    analysis.stories.map((story) => storyMarkdown(story, analysis.articles)).join('\n\n---\n\n') +
    '\n'
  )
}

export function storyMarkdown(story: StoryReport, allArticles: Article[]): string {
  const articles = articlesOf(story.articleIds, allArticles)
  const byId = new Map(articles.map((article) => [article.id, article]))
  const out = [
    `# ${md(story.title)}`,
    '',
    `Story \`${story.id}\`: ${articles.length} articles, **${story.independentSources} independent sources**.`,
    '',
    '## Sources',
    '',
    '| id | outlet | title | date | authors | why in this story |',
    '| --- | --- | --- | --- | --- | --- |',
    ...articles.map(
      (article) =>
        `| \`${article.id}\` | ${cell(outletLabel(article))} | ${cell(article.title ?? '')} | ${cell(dateLabel(article))} | ${cell(article.authors.join(', '))} | ${cell(whyInStory(story, article.id))} |`,
    ),
  ]
  if (story.summary.length > 0)
    out.push(
      '',
      '## What happened',
      '',
      ...story.summary.map(
        (entry) =>
          `- ${md(entry.text)} (${entry.spans.map((span) => `\`${span.articleId}\``).join(', ')})`,
      ),
    )
  if (story.conflicts.length > 0) {
    out.push('', '## Where sources disagree', '')
    for (const conflict of story.conflicts) {
      out.push(
        `- **${md(conflict.about)}**: ${conflict.values.map((value) => `${md(value.value)} — “${md(spanContext(byId, value.spans[0]))}”`).join('; ')}`,
      )
    }
  }
  if (story.reuse.length > 0) {
    out.push('', '## Reused text', '')
    for (const link of story.reuse) {
      out.push(
        `- \`${link.from}\` ${link.directed ? '→' : '↔'} \`${link.to}\`: **${link.kind}**; ${link.evidence.map((evidence) => md(evidence.text)).join('; ')}`,
      )
      for (const passage of link.passages.slice(0, 3))
        out.push(
          `  - “${md(spanText(byId, passage.from))}” ≈ “${md(spanText(byId, passage.to))}” (${passage.similarity})`,
        )
    }
  }
  if (story.entities.length > 0) {
    out.push('', '## Who and where', '')
    for (const entity of story.entities)
      out.push(
        `- **${md(entity.name)}** (${entity.type}${entity.role === null ? '' : `, ${md(entity.role)}`})${entity.aliases.length === 0 ? '' : `: also ${entity.aliases.map((alias) => `“${md(alias)}”`).join(', ')}`} (${entity.mentions.length} mentions)`,
      )
  }
  if (story.quotes.length > 0) {
    out.push('', '## Quotes', '')
    for (const quote of story.quotes)
      out.push(
        `- ${md(quote.speaker ?? 'Unattributed')}: “${md(quote.text)}” (${quote.spans.length} articles)`,
      )
  }
  return out.join('\n')
}

function cell(text: string): string {
  return md(text).replace(/\n/g, ' ')
}

function spanContext(
  byId: Map<string, Article>,
  span: { articleId: string; start: number; end: number } | undefined,
): string {
  if (span === undefined) return ''
  const text = byId.get(span.articleId)?.text ?? ''
  return text
    .slice(Math.max(0, span.start - 60), Math.min(text.length, span.end + 40))
    .replace(/\s+/g, ' ')
    .trim()
}
