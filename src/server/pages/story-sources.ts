/** The sources of a story side by side: who they are, which copied whom, and what each alone reports. */
import { formatNumber } from '../../corroborate/conflicts.js'
import { whyInStory } from '../../report/membership-label.js'
import type { ReuseLink, Span } from '../../types.js'
import { html, type SafeHtml } from '../html.js'
import { articleHref } from './links.js'
import type { StoryContext } from './story-context.js'
import { counted } from '../../text/counted.js'

/** Copy groups are named A, B, … in the order of their earliest article. */
function groupNames(ctx: StoryContext): Map<string, string> {
  const names = new Map<string, string>()
  for (const article of ctx.articles) {
    const root = ctx.groupOf.get(article.id) ?? article.id
    if (!names.has(root)) names.set(root, groupLabel(names.size))
  }
  return names
}

function groupLabel(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `G${index + 1}`
}

/** Copies and rewrites (shared quotations are not copying). */
function copyLinks(ctx: StoryContext): ReuseLink[] {
  return (ctx.story.reuse ?? []).filter((link) => link.kind !== 'shared-quote')
}

function reuseNote(ctx: StoryContext, articleId: string): SafeHtml {
  const notes = copyLinks(ctx).flatMap((link) => {
    if (link.directed && link.to === articleId)
      return [`${link.kind} of [${ctx.numberOf(link.from)}]`]
    if (link.directed && link.from === articleId) return [`source of [${ctx.numberOf(link.to)}]`]
    if (link.from === articleId || link.to === articleId)
      return [
        `shares text with [${ctx.numberOf(link.from === articleId ? link.to : link.from)}] (${link.kind}, direction unknown)`,
      ]
    return []
  })
  return html`${notes.join('; ')}`
}

/** A fact's figure written as the conflicts beside it write theirs ("1 million USD", not "1000000 USD"). */
function factValue(value: string): string {
  return /^-?\d+(?:\.\d+)?$/.test(value) ? formatNumber(Number(value)) : value
}

export function sourcesSection(ctx: StoryContext): SafeHtml {
  const names = groupNames(ctx)
  const rows = ctx.articles.map((article) => {
    const group = names.get(ctx.groupOf.get(article.id) ?? article.id) ?? '?'
    return html`<tr>
      <td>[${ctx.numberOf(article.id)}]</td>
      <td>${ctx.outletOf(article.id)}</td>
      <td><a href="${articleHref(article.id, ctx.story.id)}">${article.title ?? 'Untitled'}</a></td>
      <td>${article.authors.join(', ')}</td>
      <td>${article.published ?? 'unknown'}</td>
      <td>${article.pageDate ?? ''}</td>
      <td>${group}</td>
      <td>${reuseNote(ctx, article.id)}</td>
      <td>
        <small
          >${whyInStory({ ...ctx.story, membership: ctx.story.membership ?? [] }, article.id)}</small
        >
      </td>
    </tr>`
  })
  return html`<section id="sources">
    <h2>Sources side by side</h2>
    <p class="muted">
      ${counted(ctx.articles.length, 'article')} in ${counted(names.size, 'copy group')}: articles
      of one group copied or rewrote one another and count as one independent source.
    </p>
    <table>
      <tr>
        <th>#</th>
        <th>Outlet</th>
        <th>Title</th>
        <th>Authors</th>
        <th>Published</th>
        <th>Page shows (republication)</th>
        <th>Copy group</th>
        <th>Copied</th>
        <th>Why in this story</th>
      </tr>
      ${rows}
    </table>
    ${reuseList(ctx)}
  </section>`
}

function reuseList(ctx: StoryContext): SafeHtml | string {
  const links = ctx.story.reuse ?? []
  if (links.length === 0) return ''
  return html`<h3>Reused text</h3>
    <ul>
      ${links.map(
        (link) =>
          html`<li>
            [${ctx.numberOf(link.from)}] ${link.directed ? '→' : '↔'} [${ctx.numberOf(link.to)}]
            <strong>${link.kind}</strong>, ${link.passages.length}
            ${link.passages.length === 1 ? 'passage' : 'passages'}
            ${ctx.cite(link.passages.slice(0, 3).flatMap((passage) => [passage.from, passage.to]))}<br /><small
              >${link.evidence.map((evidence) => evidence.text).join('; ')}</small
            >
          </li>`,
      )}
    </ul>`
}

/** Whether all spans fall in one copy group, and which. */
function onlyGroup(ctx: StoryContext, spans: Span[]): string | null {
  const groups = new Set(spans.map((span) => ctx.groupOf.get(span.articleId)))
  const [only] = groups
  return groups.size === 1 && only !== undefined ? only : null
}

/** What only one copy group reports: its single-source claims, quotes and facts. */
export function exclusiveSection(ctx: StoryContext): SafeHtml | string {
  const names = groupNames(ctx)
  if (names.size < 2) return ''
  const cards = [...names.entries()].map(([root, name]) => {
    const mine = <T extends { spans: Span[] }>(items: T[] | undefined): T[] =>
      (items ?? []).filter((item) => onlyGroup(ctx, item.spans) === root)
    const claims = mine(ctx.story.claims)
    const quotes = mine(ctx.story.quotes)
    const facts = mine(ctx.story.facts)
    const members = ctx.articles.filter((article) => ctx.groupOf.get(article.id) === root)
    const outlets = members.map(
      (article) => `[${ctx.numberOf(article.id)}] ${ctx.outletOf(article.id)}`,
    )
    const empty = claims.length + quotes.length + facts.length === 0
    return html`<div class="card">
      <h3>${name}: ${outlets.join(', ')}</h3>
      ${empty ? html`<p class="muted">Nothing that the other sources do not also report.</p>` : ''}
      ${
        facts.length > 0
          ? html`<p><strong>Facts:</strong></p>
              <ul>
                ${facts.map((fact) => html`<li>${fact.about}: ${fact.qualifier ? `${fact.qualifier} ` : ''}${factValue(fact.value)}${fact.unit ? ` ${fact.unit}` : ''} ${ctx.cite(fact.spans)}</li>`)}
              </ul>`
          : ''
      }
      ${
        quotes.length > 0
          ? html`<p><strong>Quotes:</strong></p>
              ${quotes.map((quote) => html`<blockquote>${quote.speaker ?? 'Unattributed'}: “${quote.text}” ${ctx.cite(quote.spans)}</blockquote>`)}`
          : ''
      }
      ${
        claims.length > 0
          ? html`<details>
              <summary>
                ${claims.length} ${claims.length === 1 ? 'claim' : 'claims'} only here
              </summary>
              <ul>
                ${claims.map((claim) => html`<li>${claim.text} ${ctx.cite(claim.spans)}</li>`)}
              </ul>
            </details>`
          : ''
      }
    </div>`
  })
  return html`<section id="exclusive">
    <h2>What each source alone reports</h2>
    <div class="columns">${cards}</div>
  </section>`
}
