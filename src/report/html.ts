import type { Analysis, Article, Span, StoryReport } from '../types.js'
import { escapeHtml as h } from './escape.js'
import { whyInStory } from './membership-label.js'
import { articlesOf, dateLabel, outletLabel } from './outlet-label.js'

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.badge{display:inline-block;border-radius:.3rem;padding:0 .4rem;font-size:.8rem;background:#eee}
.corroborated{background:#d8f3dc}.single-source{background:#fff3bf}.disputed{background:#ffd6d6}
mark{background:#fff3bf}details{margin:.5rem 0}pre{white-space:pre-wrap}`

/** One self-contained HTML report (no scripts, no external resources); every article string is escaped. */
export function renderHtml(analysis: Analysis): string {
  const body = analysis.stories.map((story) => storySection(story, analysis.articles)).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>corroborate report</title><style>${STYLE}</style></head>
<body>${body}</body></html>
`
}

export function storySection(story: StoryReport, allArticles: Article[]): string {
  const articles = articlesOf(story.articleIds, allArticles)
  const byId = new Map(articles.map((article) => [article.id, article]))
  return `<section class="story" id="${h(story.id)}">
<h1>${h(story.title)}</h1>
<p>${articles.length} articles · <strong>${story.independentSources} independent sources</strong></p>
<h2>Sources</h2><table><tr><th>Outlet</th><th>Title</th><th>Date</th><th>Authors</th><th>Why in this story</th></tr>
${articles.map((article) => `<tr><td>${h(outletLabel(article))}</td><td><a href="#article-${h(article.id)}">${h(article.title ?? 'untitled')}</a></td><td>${h(dateLabel(article))}</td><td>${h(article.authors.join(', '))}</td><td>${h(whyInStory(story, article.id))}</td></tr>`).join('\n')}
</table>
${list(
  'What happened',
  story.summary.map((entry) => `${h(entry.text)} ${cites(entry.spans)}`),
)}
${list(
  'Where sources disagree',
  story.conflicts.map(
    (conflict) =>
      `<strong>${h(conflict.about)}</strong>: ${conflict.values.map((value) => `${h(value.value)} ${cites(value.spans)}`).join(' vs ')}`,
  ),
)}
${list(
  'Claims',
  story.claims
    .filter((claim) => claim.spans.length > 1)
    .map(
      (claim) =>
        `<span class="badge ${h(claim.status)}">${h(claim.status)} · ${claim.independentSources}</span> ${h(claim.text)} ${cites(claim.spans)}`,
    ),
)}
${list(
  'Reused text',
  story.reuse.map(
    (link) =>
      `${h(link.from)} ${link.directed ? '→' : '↔'} ${h(link.to)}: <strong>${h(link.kind)}</strong> (${h(link.evidence.map((evidence) => evidence.text).join('; '))})`,
  ),
)}
${list(
  'Who and where',
  story.entities.map(
    (entity) =>
      `<strong>${h(entity.name)}</strong> (${h(entity.type)}${entity.role === null ? '' : `, ${h(entity.role)}`})${entity.aliases.length === 0 ? '' : `: also ${entity.aliases.map((alias) => `“${h(alias)}”`).join(', ')}`} ${cites(entity.mentions.slice(0, 5))}`,
  ),
)}
${list(
  'Quotes',
  story.quotes.map(
    (quote) => `${h(quote.speaker ?? 'Unattributed')}: “${h(quote.text)}” ${cites(quote.spans)}`,
  ),
)}
<h2>Articles</h2>
${articles.map((article) => articleDetails(article, highlights(story, article.id))).join('\n')}
</section>`
  function cites(spans: Span[]): string {
    return spans
      .map(
        (span) =>
          `<a href="#article-${h(span.articleId)}" title="${h(byId.get(span.articleId)?.text.slice(span.start, span.end) ?? '')}">[${h(span.articleId.slice(0, 6))}]</a>`,
      )
      .join(' ')
  }
}

function list(title: string, items: string[]): string {
  return items.length === 0
    ? ''
    : `<h2>${h(title)}</h2><ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`
}

/** Reused passages of one article, to mark in its text. */
function highlights(story: StoryReport, articleId: string): Span[] {
  return story.reuse
    .filter((link) => link.kind !== 'shared-quote')
    .flatMap((link) => link.passages.flatMap((passage) => [passage.from, passage.to]))
    .filter((span) => span.articleId === articleId)
    .sort((a, b) => a.start - b.start)
}

function articleDetails(article: Article, marks: Span[]): string {
  let html = ''
  let at = 0
  for (const mark of marks) {
    if (mark.start < at) continue
    html +=
      h(article.text.slice(at, mark.start)) +
      `<mark>${h(article.text.slice(mark.start, mark.end))}</mark>`
    at = mark.end
  }
  html += h(article.text.slice(at))
  return `<details id="article-${h(article.id)}"><summary>${h(outletLabel(article))}: ${h(article.title ?? 'untitled')}</summary>
<pre>${html}</pre>
<p>Removed by extraction: ${article.removed.length} blocks (${h([...new Set(article.removed.map((block) => block.kind))].join(', '))})</p></details>`
}
