import type { VerifyResult } from '../../corroborate/verify.js'
import { outletLabel } from '../../report/outlet-label.js'
import type { Article } from '../../types.js'
import { html, type SafeHtml } from '../html.js'
import { page } from './layout.js'
import { articleHref } from './links.js'
import { sentenceAround } from './story-context.js'

/** Longest claim accepted (characters). */
export const MAX_CLAIM = 1000

/**
 * The claim box: a plain GET form, so it works without script and its answer has a URL. Its example is a
 * sentence with a subject and a verb: "the car cost $245,000", the example before, read as unrelated by every
 * seed article, even the one that gives that price, so a new user's first try on the seeds answered nothing.
 */
export function claimForm(action: string, claim: string): SafeHtml {
  return html`<form class="inline" method="get" action="${action}#verify">
    <input
      type="text"
      name="claim"
      value="${claim}"
      placeholder="Type a claim as a sentence, e.g. Putin gave Kim Jong Un a limousine"
      aria-label="Claim"
      maxlength="${MAX_CLAIM}"
      required
    /><button type="submit">Check</button>
  </form>`
}

const STANCE_ORDER = { agree: 0, disagree: 1, discuss: 2, unrelated: 3 } as const

/** Which sources support or dispute the claim, with the passage each verdict rests on. */
export function verdicts(
  result: VerifyResult,
  articles: Map<string, Article>,
  storyId?: string,
): SafeHtml {
  const related = result.verdicts
    .filter((verdict) => verdict.stance !== 'unrelated')
    .sort((a, b) => STANCE_ORDER[a.stance] - STANCE_ORDER[b.stance] || b.confidence - a.confidence)
  const unrelated = result.verdicts.length - related.length
  return html`<div class="verdicts" id="verify-result">
    <p>
      <span class="badge agree">support: ${result.support}</span
      ><span class="badge disagree">dispute: ${result.dispute}</span>${
        result.reported > 0
          ? html`<span class="badge discuss">reported, attributed: ${result.reported}</span>`
          : ''
      }
      <span class="muted"
        >independent sources, over ${result.verdicts.length}
        articles${unrelated > 0 ? `; ${unrelated} do not speak to it` : ''}</span
      >
    </p>
    ${
      related.length === 0
        ? html`<p>No article supports or disputes this claim.</p>`
        : html`<table>
            <tr>
              <th>Stance</th>
              <th>Source</th>
              <th>Evidence</th>
            </tr>
            ${related.map((verdict) => {
              const article = articles.get(verdict.articleId)
              const text = article?.text ?? ''
              return html`<tr>
                <td>
                  <span class="badge ${verdict.stance}">${verdict.stance}</span>
                  <small>${verdict.confidence.toFixed(2)}</small>
                  ${
                    verdict.attributedTo === null
                      ? ''
                      : html`<br /><small>attributed to ${verdict.attributedTo}</small>`
                  }
                </td>
                <td>
                  ${article === undefined ? verdict.articleId : outletLabel(article)}<br /><small
                    >${article?.title ?? ''}</small
                  >
                </td>
                <td>
                  ${verdict.evidence.map((span) => html`<blockquote>${sentenceAround(text, span)} <a class="cite" href="${articleHref(verdict.articleId, storyId, { articleId: verdict.articleId, start: span.start, end: span.end })}">open</a></blockquote>`)}
                </td>
              </tr>`
            })}
          </table>`
    }
  </div>`
}

/** The claim box over the whole store. */
export function verifyPage(
  claim: string,
  result: VerifyResult | null,
  articles: Map<string, Article>,
): SafeHtml {
  return page(
    claim === '' ? 'Check a claim' : `Check: ${claim}`,
    html`<h1>Check a claim</h1>
      <p class="muted">
        The articles of the store that share most words with the claim are read, and each says
        whether it supports or disputes it.
      </p>
      <section id="verify">
        ${claimForm('/verify', claim)}${result === null ? '' : verdicts(result, articles)}
      </section>`,
  )
}
