import { outletLabel } from '../../report/outlet-label.js'
import type { SearchResult, StoryListRow } from '../../store/index.js'
import { snippetParts } from '../../store/snippet.js'
import { html, type SafeHtml } from '../html.js'
import { page } from './layout.js'
import { articleHref, storyHref } from './links.js'
import { counted } from '../../text/counted.js'
import { daysLabel } from '../../report/story-date-label.js'

/** Outlets named on a row before "and N more". */
const OUTLETS_SHOWN = 6

function storyRow(row: StoryListRow): SafeHtml {
  const outlets = [...new Set(row.sources.map(outletLabel))]
  const shown = outlets.slice(0, OUTLETS_SHOWN).join(', ')
  const more = outlets.length > OUTLETS_SHOWN ? ` and ${outlets.length - OUTLETS_SHOWN} more` : ''
  return html`<li>
    <a class="title" href="${storyHref(row.id)}">${row.title}</a><br />
    <span class="badge sources"
      >${row.independentSources} independent
      ${row.independentSources === 1 ? 'source' : 'sources'}</span
    ><span class="badge"
      >${row.articleIds.length} ${row.articleIds.length === 1 ? 'article' : 'articles'}</span
    >${row.independentSources === 1 ? html`<span class="badge single-source">single source</span>` : ''}${row.conflicts > 0 ? html`<span class="badge conflict">${row.conflicts} ${row.conflicts === 1 ? 'conflict' : 'conflicts'}</span>` : ''}
    <small>${daysLabel(row, row.datedByPages === true)} · ${shown}${more}</small>
  </li>`
}

export function storyListPage(
  rows: StoryListRow[],
  at: { page: number; pages: number; total: number },
): SafeHtml {
  const pager = html`<nav class="pages">
    ${at.page > 1 ? html`<a rel="prev" href="/?page=${at.page - 1}">← Newer</a>` : ''}<span
      class="muted"
      >page ${at.page} of ${Math.max(at.pages, 1)}</span
    >${at.page < at.pages ? html`<a rel="next" href="/?page=${at.page + 1}">Older →</a>` : ''}
  </nav>`
  const body =
    at.total === 0
      ? html`<h1>No stories yet</h1>
          <p>
            Add articles with <code>corroborate ingest --db FILE &lt;inputs&gt;</code> or
            <code>POST /api/articles</code>.
          </p>`
      : html`<h1>Stories</h1>
          <p class="muted">${counted(at.total, 'story', 'stories')}, newest first.</p>
          <ul class="stories">
            ${rows.map(storyRow)}
          </ul>
          ${pager}`
  return page('Stories', body)
}

export function searchPage(query: string, result: SearchResult): SafeHtml {
  const body = html`<h1>Search: ${query}</h1>
    ${
      result.stories.length > 0
        ? html`<h2>Stories</h2>
            <ul>
              ${result.stories.map((story) => html`<li><a href="${storyHref(story.id)}">${story.title}</a></li>`)}
            </ul>`
        : ''
    }
    <h2>Articles</h2>
    ${
      result.articles.length === 0
        ? html`<p>No article matches.</p>`
        : html`<ul class="stories">
            ${result.articles.map((article) => html`<li><a class="title" href="${articleHref(article.id)}">${article.title ?? 'Untitled'}</a><br /><small>${snippetParts(article).map((part) => (part.match ? html`<mark>${part.text}</mark>` : part.text))}</small></li>`)}
          </ul>`
    }`
  return page(`Search: ${query}`, body, query)
}
