import type { Analysis, Article, Span, StoryClaim, StoryReport } from '../types.js'
import { escapeHtml as h } from './escape.js'
import { bySpeaker } from './markdown.js'
import { whyInStory } from './membership-label.js'
import {
  articleUrl,
  articlesOf,
  citedNames,
  dateLabel,
  outletLabel,
  soleClaims,
} from './outlet-label.js'
import { onePerArticle } from '../text/per-article.js'
import { counted } from '../text/counted.js'
import { shownDate } from '../text/date-range.js'
import { excerptParts } from '../text/excerpt.js'
import { storyDateLabel } from './story-date-label.js'
import { disputedOnLabel } from './claim-label.js'

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
  const names = citedNames(articles)
  return `<section class="story" id="${h(story.id)}">
<h1>${h(story.title)}</h1>
<p>${counted(articles.length, 'article')} · <strong>${counted(story.independentSources, 'independent source')}</strong>${story.start === null ? '' : ` · ${h(storyDateLabel(story, articles))}`}</p>
<h2>Sources</h2><table><tr><th>Outlet</th><th>Title</th><th>Date</th><th>Authors</th><th>Why in this story</th></tr>
${articles.map((article) => `<tr><td>${outletCell(article)}</td><td><a href="#article-${h(article.id)}">${h(article.title ?? 'untitled')}</a></td><td>${h(dateLabel(article))}</td><td>${h(article.authors.join(', '))}</td><td>${h(whyInStory(story, article.id))}</td></tr>`).join('\n')}
</table>
${list(
  'What happened',
  story.summary.map((entry) => `${h(entry.text)} ${cites(entry.spans)}`),
)}
${story.conflicts.length === 0 ? '' : `<h2>Where sources disagree</h2>${story.conflicts.map((conflict) => `<h3>${h(conflict.about)} <span class="badge ${conflict.kind === 'differing' ? 'single-source' : 'disputed'}">${h(conflict.kind ?? 'contradiction')}</span></h3><table><tr>${conflict.values.map((value) => `<th>${h(value.value)}</th>`).join('')}</tr><tr>${conflict.values.map((value) => `<td>${value.spans.map((span) => `${h(outletOf(span.articleId))}: “${context(span)}” ${cites([span])}`).join('<br>')}</td>`).join('')}</tr></table>`).join('\n')}`}
${list(
  'Timeline',
  story.timeline.map(
    (entry) =>
      `<strong>${h(shownDate(entry.date))}</strong> ${h(entry.event ?? '')}: ${h(entry.text)} ${cites(entry.spans)}`,
  ),
)}
${list(
  'What each source alone adds',
  (story.onlyIn ?? []).map(
    (addition) =>
      `<details><summary>${h(addition.articleIds.map(outletOf).join(' + '))}: ${counted(addition.claims.length, 'claim')} no other source reports</summary><ul>${soleClaims(
        story,
        addition,
      )
        .map((claim) => `<li>${h(claim.text)} ${cites(claim.spans)}</li>`)
        .join('')}</ul></details>`,
  ),
)}
${list(
  'Claims',
  story.claims
    .filter((claim) => claim.spans.length > 1)
    .map(
      (claim) =>
        `<span class="badge ${h(claim.status)}">${h(claim.status)} · ${claim.independentSources}</span> ${h(claim.text)} ${cites(claim.spans)}${disputedOn(claim)}${(claim.attributedTo ?? []).length > 0 ? ` <em>attributed to ${h(claim.attributedTo.join(', '))}</em>` : ''}`,
    ),
)}
${list(
  'Reused text',
  story.reuse.map(
    (link) =>
      `${reused(link.from)} ${link.directed ? '→' : '↔'} ${reused(link.to)}: <strong>${h(link.kind)}</strong> (${h(link.evidence.map((evidence) => evidence.text).join('; '))})`,
  ),
)}
${list(
  'Quotes by speaker',
  bySpeaker(story).flatMap(([speaker, quotes]) =>
    quotes.map((quote) => `${h(speaker)}: “${h(quote.text)}” ${cites(quote.spans)}`),
  ),
)}
<h2>Articles</h2>
${articles.map((article) => articleDetails(article, highlights(story, article.id))).join('\n')}
</section>`
  function outletOf(articleId: string): string {
    const article = byId.get(articleId)
    return article === undefined ? articleId : outletLabel(article)
  }
  // A reuse link's ends, named as the text card names them and linked to the article below.
  function reused(articleId: string): string {
    const name = names.get(articleId) ?? articleId
    return `<a href="#article-${h(articleId)}">${h(name)}</a>`
  }
  // The words that decide, marked among their context (escaped: HTML).
  function context(span: Span): string {
    const { lead, marked, trail } = excerptParts(byId.get(span.articleId)?.text ?? '', span)
    return `${h(lead)}<mark>${h(marked)}</mark>${h(trail)}`
  }
  function disputedOn(claim: StoryClaim): string {
    const on = disputedOnLabel(claim)
    return on === null ? '' : ` <em>disputed on ${h(on)}</em>`
  }
  function cites(spans: Span[]): string {
    return onePerArticle(spans)
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
  return `<details id="article-${h(article.id)}"><summary>${outletCell(article)}: ${h(article.title ?? 'untitled')}</summary>
<pre>${html}</pre>
<p>Removed by extraction: ${counted(article.removed.length, 'block')} (${h([...new Set(article.removed.map((block) => block.kind))].join(', '))})</p></details>`
}

/** The outlet, linked to the article's own page when its URL is known (escaped; http and https only). */
function outletCell(article: Article): string {
  const url = articleUrl(article)
  const label = h(outletLabel(article))
  return url === null ? label : `<a href="${h(url)}" rel="noopener noreferrer">${label}</a>`
}
