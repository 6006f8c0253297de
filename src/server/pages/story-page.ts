import type { VerifyResult } from '../../corroborate/verify.js'
import type { Article, StoryReport } from '../../types.js'
import { html, type SafeHtml } from '../html.js'
import { page } from './layout.js'
import { storyContext } from './story-context.js'
import {
  briefSection,
  claimsSection,
  conflictsSection,
  entitiesSection,
  quotesSection,
  timelineSection,
} from './story-sections.js'
import { exclusiveSection, sourcesSection } from './story-sources.js'
import { claimForm, verdicts } from './verify-box.js'
import { storyHref } from './links.js'
import { counted } from '../../text/counted.js'
import { storyDateLabel } from '../../report/story-date-label.js'

/** The story page: the cited brief first, then disagreements, claims, quotes, timeline, names and sources. */
export function storyPage(
  story: StoryReport,
  articles: Article[],
  check: { claim: string; result: VerifyResult | null },
): SafeHtml {
  const ctx = storyContext(story, articles)
  const conflicts = story.conflicts?.length ?? 0
  const body = html`<article class="story">
    <h1>${story.title}</h1>
    <p>
      <span class="badge sources">${counted(story.independentSources, 'independent source')}</span
      ><span class="badge">${counted(ctx.articles.length, 'article')}</span
      >${story.independentSources === 1 ? html`<span class="badge single-source">single source</span>` : ''}${conflicts > 0 ? html`<span class="badge conflict">${counted(conflicts, 'conflict')}</span>` : ''}
      <small
        >${storyDateLabel(story, ctx.articles)} ·
        <a href="/api/stories/${encodeURIComponent(story.id)}">JSON</a></small
      >
    </p>
    ${briefSection(ctx)}
    <section id="verify">
      <h2>Check a claim against these sources</h2>
      ${claimForm(storyHref(story.id), check.claim)}${check.result === null ? '' : verdicts(check.result, ctx.byId, story.id)}
    </section>
    ${conflictsSection(ctx)} ${claimsSection(ctx)} ${quotesSection(ctx)} ${timelineSection(ctx)}
    ${entitiesSection(ctx)} ${sourcesSection(ctx)} ${exclusiveSection(ctx)}
  </article>`
  return page(story.title, body)
}
