/**
 * The analysis sections of a story page, each rendered from the StoryReport as it is: a section whose field
 * is empty or absent is left out, so the page follows the report as its stages improve.
 */
import type { StoryClaim, StoryQuote } from '../../types.js'
import { disputedOnLabel } from '../../report/claim-label.js'
import { otherNames } from '../../report/outlet-label.js'
import { html, type SafeHtml } from '../html.js'
import { type StoryContext, sentenceAround } from './story-context.js'
import { counted } from '../../text/counted.js'
import { shownDate } from '../../text/date-range.js'

/** A section of the page, left out when the report has nothing for it. */
function section<T>(
  id: string,
  title: string,
  items: T[] | undefined,
  content: (items: T[]) => SafeHtml,
): SafeHtml | string {
  if (items === undefined || items.length === 0) return ''
  return html`<section id="${id}">
    <h2>${title}</h2>
    ${content(items)}
  </section>`
}

export const briefSection = (ctx: StoryContext): SafeHtml | string =>
  section(
    'brief',
    'What happened',
    ctx.story.summary,
    (summary) =>
      html`<ul class="brief">
        ${summary.map((entry) => html`<li>${entry.text} ${ctx.cite(entry.spans)}</li>`)}
      </ul>`,
  )

export const conflictsSection = (ctx: StoryContext): SafeHtml | string =>
  section(
    'conflicts',
    'Where sources disagree',
    ctx.story.conflicts,
    (conflicts) =>
      html`${conflicts.map(
        (conflict) =>
          html`<h3>${conflict.about}</h3>
            <div class="columns">
              ${conflict.values.map(
                (value) =>
                  html`<div class="card">
                    <strong>${value.value}</strong>
                    <p class="muted">
                      ${[...new Set(value.spans.map((span) => ctx.outletOf(span.articleId)))].join(', ')}
                    </p>
                    ${value.spans.map((span) => html`<blockquote>${sentenceAround(ctx.byId.get(span.articleId)?.text ?? '', span)} ${ctx.cite([span])}</blockquote>`)}
                  </div>`,
              )}
            </div>`,
      )}`,
  )

/** Claims carried by two or more independent sources, or disputed; single-source ones go under each outlet. */
export function claimsSection(ctx: StoryContext): SafeHtml | string {
  return section('claims', 'Claims', ctx.story.claims, (claims) => {
    const shared = claims.filter(
      (claim) => claim.independentSources > 1 || claim.status === 'disputed',
    )
    const single = claims.length - shared.length
    return html`<p class="muted">
        ${counted(claims.length, 'claim')}: ${shared.length} carried by several independent sources
        or disputed (below), ${single} from a single source (under
        <a href="#exclusive">each outlet's own material</a>).
      </p>
      <table>
        <tr>
          <th>Status</th>
          <th>Claim</th>
          <th>Sources</th>
        </tr>
        ${shared.map(
          (claim) =>
            html`<tr>
              <td><span class="badge ${claim.status}">${claim.status}</span></td>
              <td>${claim.text} ${ctx.cite(claim.spans)} ${disputedOnCell(claim)}</td>
              <td>
                ${claim.independentSources} independent ·
                ${counted(new Set(claim.spans.map((span) => span.articleId)).size, 'article')}
              </td>
            </tr>`,
        )}
      </table>`
  })
}

export function quotesSection(ctx: StoryContext): SafeHtml | string {
  return section('quotes', 'Quotes by speaker', ctx.story.quotes, (quotes) => {
    const bySpeaker = new Map<string, StoryQuote[]>()
    for (const quote of quotes) {
      const key = quote.speaker ?? ''
      bySpeaker.set(key, [...(bySpeaker.get(key) ?? []), quote])
    }
    const speakers = [...bySpeaker.entries()].sort(
      ([a, x], [b, y]) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0) || y.length - x.length,
    )
    return html`${speakers.map(
      ([speaker, said]) =>
        html`<h3>
            ${speaker === '' ? 'Speaker not identified' : speaker}${said[0]?.speakerRole ? html` <small>${said[0].speakerRole}</small>` : ''}
          </h3>
          ${said.map((quote) => html`<blockquote>“${quote.text}” ${ctx.cite(quote.spans)} <small>${counted(new Set(quote.spans.map((span) => span.articleId)).size, 'article')}</small></blockquote>`)}`,
    )}`
  })
}

export const timelineSection = (ctx: StoryContext): SafeHtml | string =>
  section(
    'timeline',
    'Timeline',
    ctx.story.timeline,
    (timeline) =>
      html`<table>
        ${timeline.map(
          (event) =>
            html`<tr>
              <td>${shownDate(event.date)}</td>
              <td>${event.text} ${ctx.cite(event.spans)}</td>
            </tr>`,
        )}
      </table>`,
  )

export const entitiesSection = (ctx: StoryContext): SafeHtml | string =>
  section(
    'entities',
    'Who and what',
    ctx.story.entities,
    (entities) =>
      html`<table>
        <tr>
          <th>Name</th>
          <th>Type</th>
          <th>Also called</th>
          <th>Mentions</th>
        </tr>
        ${entities.map(
          (entity) =>
            html`<tr>
              <td>${entity.name}</td>
              <td>${entity.type}</td>
              <td>
                ${otherNames({ name: entity.name, aliases: entity.aliases ?? [] }).join(', ')}
              </td>
              <td>
                ${entity.mentions.length} in
                ${counted(new Set(entity.mentions.map((span) => span.articleId)).size, 'article')}
                ${ctx.cite(entity.mentions.slice(0, 1))}
              </td>
            </tr>`,
        )}
      </table>`,
  )

/** What a disputed claim is disputed on, as the reports say it (claim-label.ts). */
function disputedOnCell(claim: StoryClaim): SafeHtml | string {
  const on = disputedOnLabel(claim)
  return on === null ? '' : html`<em>disputed on ${on}</em>`
}
