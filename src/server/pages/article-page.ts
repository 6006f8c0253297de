import { dateLabel, outletLabel } from '../../report/outlet-label.js'
import type { Article, Evidence, Span, StoryReport } from '../../types.js'
import { externalLink, html, type SafeHtml } from '../html.js'
import { type Highlight, highlightText } from './highlight.js'
import { page } from './layout.js'
import { articleHref, storyHref } from './links.js'

/** Annotation fields of CONTRACT.md's Article that the article stage may carry (read when present). */
interface ArticleAnnotations {
  entities?: { text: string; type: string; start: number; end: number }[]
  attributions?: { content: { start: number; end: number }; speaker: string | null }[]
}

/**
 * Marks of one kind: from the article's own annotations when its stage wrote them, else from the story's spans
 * that fall in this article.
 */
function ownOrStoryMarks<Own, Told>(
  articleId: string,
  own: Own[] | undefined,
  ownMark: (item: Own) => Highlight,
  told: Told[],
  spansOf: (item: Told) => Span[],
  toldMark: (item: Told) => Omit<Highlight, 'start' | 'end'>,
): Highlight[] {
  if (own !== undefined && own.length > 0) return own.map(ownMark)
  return told.flatMap((item) =>
    spansOf(item)
      .filter((span) => span.articleId === articleId)
      .map((span) => ({ ...toldMark(item), start: span.start, end: span.end })),
  )
}

/** What to mark in an article: its reused passages, quotes and names, from the story's or its own offsets. */
export function articleHighlights(
  article: Article & ArticleAnnotations,
  story: StoryReport | null,
): Highlight[] {
  const id = article.id
  const marks: Highlight[] = []
  for (const link of story?.reuse ?? [])
    for (const passage of link.passages)
      for (const span of [passage.from, passage.to])
        if (span.articleId === id)
          marks.push({
            start: span.start,
            end: span.end,
            className: link.kind === 'shared-quote' ? 'shared-quote' : 'reused',
            title:
              link.kind === 'shared-quote'
                ? 'quotation other sources carry too'
                : `${link.kind} shared with another source`,
          })
  const speaker = (name: string | null): string => `quote: ${name ?? 'speaker not identified'}`
  marks.push(
    ...ownOrStoryMarks(
      id,
      article.attributions,
      (attribution) => ({
        ...attribution.content,
        className: 'quote',
        title: speaker(attribution.speaker),
      }),
      story?.quotes ?? [],
      (quote) => quote.spans,
      (quote) => ({ className: 'quote', title: speaker(quote.speaker) }),
    ),
    ...ownOrStoryMarks(
      id,
      article.entities,
      (entity) => ({
        start: entity.start,
        end: entity.end,
        className: 'entity',
        title: `${entity.text} (${entity.type})`,
      }),
      story?.entities ?? [],
      (entity) => entity.mentions,
      (entity) => ({ className: 'entity', title: `${entity.name} (${entity.type})` }),
    ),
  )
  return marks
}

function evidenceList(evidence: Evidence[]): SafeHtml | string {
  if (evidence.length === 0) return ''
  return html`<ul>
    ${evidence.map((item) => html`<li><small>${item.kind}:</small> ${item.text}</li>`)}
  </ul>`
}

function metadata(article: Article, story: StoryReport | null): SafeHtml {
  const row = (name: string, value: SafeHtml | string | null): SafeHtml | string =>
    value === null || value === ''
      ? ''
      : html`<dt>${name}</dt>
          <dd>${value}</dd>`
  return html`<dl class="meta">
    ${row('Outlet', outletLabel(article))}
    ${row('Publisher', article.publisher === null ? null : html`${article.publisher}${evidenceList(article.publisherEvidence ?? [])}`)}
    ${row('Authors', article.authors.join(', '))}
    ${row('Contributors', (article.contributors ?? []).join(', '))}
    ${row('Published', html`${dateLabel(article)} <small>confidence ${(article.dateConfidence ?? 0).toFixed(2)}</small>${evidenceList(article.dateEvidence)}`)}
    ${row('Updated', article.updated ?? null)} ${row('Dateline', article.dateline)}
    ${row('Language', article.language)}
    ${row('URL', article.url === null ? null : externalLink(article.url, article.url))}
    ${row('File', article.path)}
    ${row('Story', story === null ? null : html`<a href="${storyHref(story.id)}">${story.title}</a>`)}
  </dl>`
}

/** The articles an article shares text with in its story (the page names their outlets). */
export function reusePartners(article: Article, story: StoryReport | null): string[] {
  return [
    ...new Set(
      (story?.reuse ?? []).flatMap((link) =>
        link.from === article.id ? [link.to] : link.to === article.id ? [link.from] : [],
      ),
    ),
  ]
}

function reusedElsewhere(
  article: Article,
  story: StoryReport | null,
  partners: Map<string, Article>,
): SafeHtml | string {
  const links = (story?.reuse ?? []).filter(
    (link) => link.from === article.id || link.to === article.id,
  )
  if (story === null || links.length === 0) return ''
  return html`<h2>Where its passages were reused</h2>
    <ul>
      ${links.map((link) => {
        const other = link.from === article.id ? link.to : link.from
        const direction = !link.directed
          ? 'shares text with'
          : link.from === article.id
            ? 'was taken up by'
            : 'took text from'
        return html`<li>
          ${direction}
          <a href="${articleHref(other, story.id)}"
            >${partners.has(other) ? outletLabel(partners.get(other) as Article) : other}</a
          >
          (${link.kind}):
          ${link.passages.map((passage, index) => {
            const span = passage.from.articleId === other ? passage.from : passage.to
            return html`<a class="cite" href="${articleHref(other, story.id, span)}"
              >passage ${index + 1}</a
            > `
          })}
        </li>`
      })}
    </ul>`
}

export function articlePage(
  article: Article,
  story: StoryReport | null,
  cited: { start: number; end: number } | null,
  partners: Map<string, Article> = new Map(),
): SafeHtml {
  const marks = articleHighlights(article, story)
  const body = html`<article>
    <h1>${article.title ?? 'Untitled'}</h1>
    ${metadata(article, story)}
    <h2>Text</h2>
    <p class="legend">
      <span class="reused">reused passage</span
      ><span class="shared-quote">quotation others carry</span><span class="quote">quote</span
      ><span class="entity">name</span
      >${cited === null ? '' : html`<mark class="cited">cited passage</mark>`}
    </p>
    <div class="text">${highlightText(article.text, marks, cited)}</div>
    ${reusedElsewhere(article, story, partners)}
    <h2>Removed by extraction</h2>
    ${
      article.removed.length === 0
        ? html`<p>Nothing.</p>`
        : html`<table>
            <tr>
              <th>Why</th>
              <th>Text</th>
            </tr>
            ${article.removed.map(
              (block) =>
                html`<tr>
                  <td>${block.kind}</td>
                  <td>${block.text}</td>
                </tr>`,
            )}
          </table>`
    }
    ${
      article.messages.length === 0
        ? ''
        : html`<h2>Messages</h2>
            <ul>
              ${article.messages.map((message) => html`<li>${message.severity}: ${message.reason} <small>${message.ruleId}</small></li>`)}
            </ul>`
    }
    <p>
      <small><a href="/api/articles/${encodeURIComponent(article.id)}">JSON</a></small>
    </p>
  </article>`
  return page(article.title ?? 'Article', body)
}
