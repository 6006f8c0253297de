import type { Analysis, Article, StoryReport } from '../types.js'
import { markdownCode as code, escapeMarkdown as md } from './escape.js'
import { whyInStory } from './membership-label.js'
import {
  articleCount,
  articleUrl,
  articlesOf,
  citedNames,
  dateLabel,
  otherNames,
  outletLabel,
  soleClaims,
  spanText,
} from './outlet-label.js'
import { onePerArticle } from '../text/per-article.js'
import { claimStatus } from './claim-label.js'
import { counted } from '../text/counted.js'
import { shownDate } from '../text/date-range.js'
import { excerptParts } from '../text/excerpt.js'
import { storyDateLabel } from './story-date-label.js'

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
    `Story ${code(story.id)}: ${counted(articles.length, 'article')}, **${counted(story.independentSources, 'independent source')}**${story.start === null ? '' : `, ${md(storyDateLabel(story, articles))}`}.`,
    '',
    '## Sources',
    '',
    '| id | outlet | title | date | authors | why in this story |',
    '| --- | --- | --- | --- | --- | --- |',
    ...articles.map(
      (article) =>
        `| ${code(article.id)} | ${outletCell(article)} | ${cell(article.title ?? '')} | ${cell(dateLabel(article))} | ${cell(article.authors.join(', '))} | ${cell(whyInStory(story, article.id))} |`,
    ),
  ]
  if (story.summary.length > 0)
    out.push(
      '',
      '## What happened',
      '',
      ...story.summary.map(
        (entry) =>
          `- ${md(entry.text)} (${onePerArticle(entry.spans)
            .map((span) => md(outletOf(byId, span.articleId)))
            .join('; ')})`,
      ),
    )
  if (story.conflicts.length > 0) {
    out.push('', '## Where sources disagree', '')
    for (const conflict of story.conflicts) {
      out.push(
        `- **${md(conflict.about)}** (${conflict.kind === 'differing' ? 'values differ, compatible qualifiers' : 'contradiction'}):`,
      )
      for (const value of conflict.values)
        out.push(
          `  - ${md(value.value)}: ${value.spans.map((span) => `${md(outletOf(byId, span.articleId))} “${spanContext(byId, span)}”`).join('; ')}`,
        )
    }
  }
  const shared = story.claims.filter(
    (claim) => new Set(claim.spans.map((s) => s.articleId)).size > 1,
  )
  if (story.claims.length > 0) {
    out.push(
      '',
      '## Claims',
      '',
      `${counted(story.claims.length, 'claim')}: ${count(story, 'corroborated')} corroborated, ${count(story, 'single-source')} single-source, ${count(story, 'disputed')} disputed. Claims carried by more than one article:`,
      '',
      '| status | sources | claim | attributed to | first reported by |',
      '| --- | --- | --- | --- | --- |',
      ...shared.map(
        (claim) =>
          `| ${cell(claimStatus(claim))} | ${claim.independentSources} | ${cell(claim.text)} | ${cell(claim.attributedTo.join(', ') || 'asserted')} | ${cell(claim.firstReportedBy === null ? '' : outletOf(byId, claim.firstReportedBy))} |`,
      ),
    )
  }
  if ((story.onlyIn ?? []).length > 0) {
    out.push('', '## What each source alone adds', '')
    for (const addition of story.onlyIn ?? []) {
      out.push(
        `- ${md(addition.articleIds.map((id) => outletOf(byId, id)).join(' + '))}: ${counted(addition.claims.length, 'claim')} no other source reports`,
      )
      // Listed in full: the claims table above shows shared claims only, so this is the one place they appear.
      for (const claim of soleClaims(story, addition)) out.push(`  - ${md(claim.text)}`)
    }
  }
  if (story.timeline.length > 0) {
    out.push('', '## Timeline', '')
    for (const entry of story.timeline)
      out.push(
        `- **${md(shownDate(entry.date))}** (${md(entry.event ?? 'event')}): ${md(entry.text)} (${onePerArticle(
          entry.spans,
        )
          .map((span) => md(outletOf(byId, span.articleId)))
          .join('; ')})`,
      )
  }
  if (story.reuse.length > 0) {
    out.push('', '## Reused text', '')
    // The outlets, as the text card names them (the ids only where two would read alike; all are in "Sources").
    const names = citedNames(articles)
    const cited = (id: string): string => md(names.get(id) ?? id)
    for (const link of story.reuse) {
      out.push(
        `- ${cited(link.from)} ${link.directed ? '→' : '↔'} ${cited(link.to)}: **${link.kind}**; ${link.evidence.map((evidence) => md(evidence.text)).join('; ')}`,
      )
      for (const passage of link.passages.slice(0, 3))
        out.push(
          `  - “${md(spanText(byId, passage.from))}” ≈ “${md(spanText(byId, passage.to))}” (${passage.similarity})`,
        )
    }
  }
  if (story.entities.length > 0) {
    out.push('', '## Who and where', '')
    for (const entity of story.entities) {
      const others = otherNames(entity)
      out.push(
        `- **${md(entity.name)}** (${entity.type}${entity.role === null ? '' : `, ${md(entity.role)}`})${
          others.length === 0 ? '' : `: also ${others.map((alias) => `“${md(alias)}”`).join(', ')}`
        } (${counted(entity.mentions.length, 'mention')})`,
      )
    }
  }
  if (story.quotes.length > 0) {
    out.push('', '## Quotes by speaker', '')
    for (const [speaker, quotes] of bySpeaker(story))
      for (const quote of quotes)
        out.push(
          `- ${md(speaker)}: “${md(quote.text)}” (${counted(articleCount(quote.spans), 'article')})`,
        )
  }
  return out.join('\n')
}

const count = (story: StoryReport, status: string): number =>
  story.claims.filter((claim) => claim.status === status).length

function outletOf(byId: Map<string, Article>, articleId: string): string {
  const article = byId.get(articleId)
  return article === undefined ? articleId : outletLabel(article)
}

/** Quotes grouped by speaker, named speakers first, unattributed last. */
export function bySpeaker(story: StoryReport): [string, StoryReport['quotes']][] {
  const groups = new Map<string, StoryReport['quotes']>()
  for (const quote of story.quotes) {
    const speaker = quote.speaker ?? 'Unattributed'
    groups.set(speaker, [...(groups.get(speaker) ?? []), quote])
  }
  return [...groups].sort(
    (a, b) =>
      Number(a[0] === 'Unattributed') - Number(b[0] === 'Unattributed') ||
      b[1].length - a[1].length,
  )
}

function cell(text: string): string {
  return md(text).replace(/\n/g, ' ')
}

function spanContext(
  byId: Map<string, Article>,
  span: { articleId: string; start: number; end: number } | undefined,
): string {
  if (span === undefined) return ''
  const { lead, marked, trail } = excerptParts(byId.get(span.articleId)?.text ?? '', span)
  // The words that decide in bold (escaped like every other cell text); bold cannot open or close on a space.
  const words = marked.trim()
  return words === '' ? cell(lead + trail) : `${cell(lead)}**${cell(words)}**${cell(trail)}`
}

/** The outlet, linked to the article's own page when its URL is known (characters that end a link encoded). */
function outletCell(article: Article): string {
  const url = articleUrl(article)
  const label = cell(outletLabel(article))
  if (url === null) return label
  const safe = url.replace(
    /[()<>\s\\|[\]"'`]/g,
    (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  )
  return `[${label}](${safe})`
}
