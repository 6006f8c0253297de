import type { Analysis, Article, StoryReport } from '../types.js'
import { stripControl } from './escape.js'
import {
  articleCount,
  articleUrl,
  articlesOf,
  citedNames,
  dateLabel,
  otherNames,
  outletLabel,
  soleClaims,
} from './outlet-label.js'
import { claimStatus } from './claim-label.js'
import { bySpeaker } from './markdown.js'
import { counted } from '../text/counted.js'
import { shownDate } from '../text/date-range.js'
import { storyDateLabel } from './story-date-label.js'

/** A terminal story card per story: title, outlets, independent sources, conflicts, reuse, key claims. */
export function renderText(analysis: Analysis): string {
  return analysis.stories.map((story) => storyCard(story, analysis)).join('\n\n') + '\n'
}

export function storyCard(story: StoryReport, analysis: Pick<Analysis, 'articles'>): string {
  const articles = articlesOf(story.articleIds, analysis.articles)
  // Conflicts and reuse name the outlets (ids only where two would read alike); the ids are in "Outlets".
  const names = citedNames(articles)
  const cited = (ids: string[]): string =>
    [...new Set(ids)].map((id) => names.get(id) ?? id).join(', ')
  const lines = [
    `■ ${story.title}`,
    `  story ${story.id} · ${counted(articles.length, 'article')} · ${counted(story.independentSources, 'independent source')}${story.start === null ? '' : ` · ${storyDateLabel(story, articles)}`}`,
    '',
    '  Outlets',
    ...articles.map(
      (article) =>
        `  • ${outletLabel(article)} — ${article.title ?? 'untitled'} [${dateLabel(article)}] (${article.id})${urlSuffix(article)}`,
    ),
  ]
  if (story.summary.length > 0)
    lines.push(
      '',
      '  What happened',
      ...story.summary.map(
        (entry) =>
          `  • ${entry.text} [${counted(new Set(entry.spans.map((span) => span.articleId)).size, 'article')}]`,
      ),
    )
  if (story.conflicts.length > 0) {
    lines.push('', '  Conflicts')
    for (const conflict of story.conflicts)
      lines.push(
        `  • ${conflict.about} (${conflict.kind ?? 'contradiction'}): ${conflict.values.map((value) => `${value.value} (${cited(value.spans.map((span) => span.articleId))})`).join(' vs ')}`,
      )
  }
  if (story.claims.length > 0) {
    const count = (status: string): number =>
      story.claims.filter((claim) => claim.status === status).length
    lines.push(
      '',
      `  Claims: ${story.claims.length} (${count('corroborated')} corroborated, ${count('single-source')} single-source, ${count('disputed')} disputed)`,
      ...story.claims
        .filter((claim) => claim.independentSources > 1)
        .sort((a, b) => b.independentSources - a.independentSources)
        .slice(0, 8)
        .map(
          (claim) =>
            `  • [${counted(claim.independentSources, 'source')}, ${claimStatus(claim)}] ${truncate(claim.text, 140)}`,
        ),
    )
  }
  const additions = story.onlyIn ?? []
  if (additions.length > 0) {
    lines.push('', '  What each source alone adds')
    for (const addition of additions) {
      const outlets = articlesOf(addition.articleIds, articles).map(outletLabel).join(' + ')
      lines.push(
        `  • ${outlets}: ${counted(addition.claims.length, 'claim')} no other source reports`,
      )
      // A card, not the record: the first few, the rest are in `--format md|html|json`.
      for (const claim of soleClaims(story, addition).slice(0, SOLE_CLAIMS_LISTED))
        lines.push(`      – ${truncate(claim.text, 120)}`)
    }
  }
  if (story.timeline.length > 0)
    lines.push(
      '',
      '  Timeline',
      ...story.timeline.map(
        (entry) =>
          `  • ${shownDate(entry.date)} ${entry.event ?? ''}: ${truncate(entry.text, 120)}`,
      ),
    )
  if (story.reuse.length > 0) {
    lines.push('', '  Reuse')
    for (const link of story.reuse)
      lines.push(
        `  • ${cited([link.from])} ${link.directed ? '→' : '↔'} ${cited([link.to])}: ${link.kind}, ${counted(link.passages.length, 'passage')}${link.evidence[0] === undefined ? '' : ` (${link.evidence[0].text})`}`,
      )
  }
  const people = story.entities.slice(0, WHO_LISTED)
  if (people.length > 0) {
    lines.push('', '  Who and where (by canonical name, with the forms the articles use)')
    for (const entity of people) {
      const others = otherNames(entity)
      lines.push(
        `  • ${entity.name} (${entity.type}${entity.role === null ? '' : `, ${entity.role}`})${others.length === 0 ? '' : ` also “${others.join('”, “')}”`} [${counted(entity.mentions.length, 'mention')}]`,
      )
    }
  }
  // Who speaks, by the story's canonical names (quotes of one outlet too, which the list below leaves out);
  // descriptions such as "officials" or "the site" are not names and are left to the other reports.
  const named = new Set(story.entities.map((entity) => entity.name))
  const speakers = bySpeaker(story)
    .filter(([speaker]) => named.has(speaker))
    .slice(0, WHO_LISTED)
  if (speakers.length > 0) {
    lines.push('', '  Who is quoted (by canonical name)')
    for (const [speaker, quotes] of speakers)
      lines.push(
        `  • ${speaker}: ${counted(quotes.length, 'quote')} in ${counted(articleCount(quotes.flatMap((quote) => quote.spans)), 'article')}`,
      )
  }
  const quoted = story.quotes.filter((quote) => articleCount(quote.spans) > 1)
  if (quoted.length > 0) {
    lines.push('', '  Quotes carried by several outlets')
    for (const quote of quoted)
      lines.push(
        `  • ${quote.speaker ?? 'unattributed'}: “${truncate(quote.text, 120)}” [${counted(articleCount(quote.spans), 'article')}]`,
      )
  }
  return stripControl(lines.join('\n'))
}

/** Entities listed on a story card: the most present ones. */
const WHO_LISTED = 12
/** Claims shown under each source in "What each source alone adds" on the card. */
const SOLE_CLAIMS_LISTED = 2

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`
}

/** The article's own address after its line, when known. */
function urlSuffix(article: Article): string {
  const url = articleUrl(article)
  return url === null ? '' : ` ${url}`
}
