import { escapeHtml } from '../report/escape.js'

/**
 * Markup that is already safe to send. Only `html` and `join` make one, so every string that reaches a page
 * without passing through them is escaped: article text, titles and URLs are hostile.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Interpolated = SafeHtml | string | number | null | undefined | false | Interpolated[]

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

/** A template of markup: the literal parts are trusted, every interpolated value is escaped. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '')
  })
  return new SafeHtml(out)
}

/** Pieces of markup joined by a separator (the separator is escaped like any value). */
export function join(items: SafeHtml[], separator = ''): SafeHtml {
  return new SafeHtml(items.map((item) => item.value).join(escapeHtml(separator)))
}

/** A link to another site: only http(s) URLs, opened without handing the opener or the referrer over. */
export function externalLink(url: string | null, label: string): SafeHtml {
  if (url === null || !/^https?:\/\//i.test(url)) return html`${label}`
  return html`<a href="${url}" rel="noopener noreferrer" target="_blank">${label}</a>`
}
