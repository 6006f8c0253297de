import { html, type SafeHtml } from '../html.js'

/** The page shell: one stylesheet from this origin, no script, a search box on every page. */
export function page(title: string, body: SafeHtml, query = ''): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} · corroborate</title>
        <link rel="stylesheet" href="/assets/style.css" />
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
      </head>
      <body>
        <header class="top">
          <a class="home" href="/">corroborate</a>
          <form class="inline" method="get" action="/" role="search">
            <input
              type="search"
              name="q"
              value="${query}"
              placeholder="Search titles and texts"
              aria-label="Search"
              maxlength="500"
            /><button type="submit">Search</button>
          </form>
          <a href="/verify">Check a claim</a>
        </header>
        <main>${body}</main>
      </body>
    </html> `
}

export function errorPage(status: number, message: string): SafeHtml {
  return page(
    `Error ${status}`,
    html`<h1>Error ${status}</h1>
      <p>${message}</p>
      <p><a href="/">All stories</a></p>`,
  )
}
