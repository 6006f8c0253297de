import { expect, test } from 'vitest'
import { extract } from '../../pipeline.js'

const PARAGRAPH = (n: number): string =>
  `<p>Paragraph ${n} of the story tells what happened, with details, names, places and numbers, so that it reads like real prose of a report.</p>`
const STORY = Array.from({ length: 8 }, (_, index) => PARAGRAPH(index + 1)).join('\n')

test('the article container is found and navigation, share bars, comments and related links are dropped', () => {
  const html = `<html><head><title>Bridge reopens | Daily Example</title><meta property="og:site_name" content="Daily Example"></head><body>
  <nav><a href="/">Home</a><a href="/world">World</a></nav>
  <div class="share-bar"><a>Share on Facebook</a><a>Tweet</a></div>
  <article><h1>Bridge reopens</h1>${STORY}<figure><img src="x.jpg"><figcaption>The bridge on Monday (AP Photo)</figcaption></figure></article>
  <div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Another story about bridges</a></li></ul></div>
  <div id="comments"><p>Great article, thanks for writing it, I really enjoyed reading every single word.</p></div>
  <footer>© Daily Example</footer></body></html>`
  const article = extract({ html })
  expect(article.title).toBe('Bridge reopens')
  expect(article.site).toBe('Daily Example')
  expect(article.text.split('\n\n')).toHaveLength(8)
  expect(article.text).not.toMatch(/Share|Another story|Great article|©|bridge on Monday/)
})

test('deeply nested markup does not overflow the stack', () => {
  const html = `<html><body>${'<div>'.repeat(50_000)}${STORY}${'</div>'.repeat(50_000)}</body></html>`
  expect(extract({ html }).text).toContain('Paragraph 8')
})

test('broken markup still yields the text', () => {
  const html = `<html><body><div class="content"><p>${'Unclosed paragraph with enough words to count as prose in a news story, '.repeat(8)}<p>Second <b>bold <i>nested</b> text</i> ends here.</div>`
  expect(extract({ html }).text).toContain('Unclosed paragraph')
})

test('a page over the size bound is cut with a warning, not a crash', () => {
  const html = `<html><body>${STORY}${'<p>filler</p>'.repeat(200_000)}</body></html>`
  const article = extract({ html }, { maxHtmlChars: 1_000_000 })
  expect(article.messages.map((message) => message.ruleId)).toContain('html-truncated')
})

test('JSON-LD articleBody is used when the markup hides the story', () => {
  const body =
    'The council voted on Tuesday to expand the park, after a year of debate among residents. '.repeat(
      12,
    )
  const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Park grows', articleBody: body, datePublished: '2024-05-07T10:00:00+02:00' })}</script></head><body><div id="app"></div></body></html>`
  const article = extract({ html })
  expect(article.text).toContain('The council voted')
  expect(article.published).toBe('2024-05-07T10:00:00+02:00')
})

test('template lines inside the article container are dropped: promos, bylines, embeds, shortcodes, contacts', () => {
  const html = `<html><body><div class="entry-content">
  <p>Posted by Jane Roe on November 19, 2019, 6:21 AM EST</p>
  ${STORY}
  <p>This slideshow requires JavaScript.</p>
  <p>[button link="https://example.com/submit" type="big"]Submit a review[/button]</p>
  <p>Get the latest updates right in your inbox. Subscribe to Example’s newsletters.</p>
  <p>Have a tip? Jane Roe may be reached at jroe@example.com.</p>
  <p>© 2019 Example Media. All rights reserved.</p>
  <p>Jane Doe | Bloomberg | Getty Images</p>
  <p>By Jane Roe, John Doe on Monday, November 18th, 2019 at 11:08 a.m.</p>
  <p>Explore further</p>
  <p>Citation: Bridge reopens after repairs (2019, November 19) retrieved 20 November 2019</p>
  <p>1 - 5 of 36</p>
  <p>Filed under: Transport | City</p>
  </div></body></html>`
  const article = extract({ html })
  expect(article.text.split('\n\n')).toHaveLength(8)
  expect(article.removed.map((block) => block.kind)).toEqual(
    expect.arrayContaining([
      'byline',
      'embed',
      'newsletter',
      'contact',
      'copyright',
      'photo-credit',
      'related',
      'citation',
      'navigation',
      'tags',
    ]),
  )
})

test('a hover card inside running text is not read into the sentence', () => {
  const card =
    '<span class="person"><a href="/p/jane">Jane Roe</a><span class="card"><span><img src="j.jpg"><a href="/p/jane">Jane Roe</a><a href="/a/1">Another story about Jane</a></span></span></span>'
  const html = `<html><body><article>${STORY}<p>Mayor ${card} said the bridge would reopen on Friday, after weeks of repairs and detours for commuters.</p></article></body></html>`
  expect(extract({ html }).text).toContain('Mayor Jane Roe said the bridge would reopen on Friday')
})

test('a linked sentence inside the story stays; a run of links is navigation', () => {
  const html = `<html><body><article>${PARAGRAPH(1)}<p>Pro tip: <a href="/ideas">get more bridge walking ideas here!</a></p>
  ${STORY}<p><a href="/a">World</a></p><p><a href="/b">Politics</a></p></article></body></html>`
  const article = extract({ html })
  expect(article.text).toContain('Pro tip: get more bridge walking ideas here!')
  expect(article.text).not.toMatch(/World|Politics/)
})

test('a data table keeps each row as one line, numbers included; a layout table keeps its paragraphs', () => {
  const rows = [
    ['Pos.', 'Driver', 'Points', 'Wins'],
    ['1', 'Kyle Busch', '5040', '5'],
    ['2', 'Martin Truex Jr.', '5035', '7'],
    ['3', 'Kevin Harvick', '5033', '4'],
  ]
  const table = `<table>${rows.map((row, index) => `<tr>${row.map((cell) => (index === 0 ? `<th>${cell}</th>` : `<td>${cell}</td>`)).join('')}</tr>`).join('')}</table>`
  const standings = extract({
    html: `<html><body><article><h1>Final standings</h1>${PARAGRAPH(1)}${PARAGRAPH(2)}${PARAGRAPH(3)}${table}${PARAGRAPH(4)}</article></body></html>`,
  })
  expect(standings.text).toContain(
    'Pos. Driver Points Wins\n\n1 Kyle Busch 5040 5\n\n2 Martin Truex Jr. 5035 7',
  )
  const layout = extract({
    html: `<html><body><table><tr><td><a href="/">Home</a></td><td>${STORY}</td></tr></table></body></html>`,
  })
  expect(layout.text.split('\n\n')).toHaveLength(8)
})

test('paragraphs in scripts written without spaces (Japanese) are prose, not fragments', () => {
  const japanese = [
    'Kindle書籍を読む場合は、一般的にスマホやタブレットなどのモバイル端末で読むことが多いと思います。',
    'このご時世パスワードの強化は非常に重要なことであり、パスワード管理ソフトの存在は不可欠です。',
    '困った挙げ句、色々調べた結果、別の方法でこの設定を変更することにしました。',
    'これでようやく元の操作性を取り戻せました。',
  ]
  const article = extract({
    html: `<html><body><article>${japanese.map((text) => `<p>${text}</p>`).join('')}${STORY}</article></body></html>`,
  })
  for (const paragraph of japanese) expect(article.text).toContain(paragraph)
})

test('short lines repeated under several headings are kept; a long paragraph shown twice is dropped once', () => {
  const plan = (name: string): string =>
    `<h3>${name}</h3><p>Eat every 2–3 hours</p><p>Portion Fix Containers: 1 Green, 1 Red, 1 tsp.</p>`
  const article = extract({
    html: `<html><body><article>${STORY}${plan('Meal 1')}${plan('Meal 2')}${PARAGRAPH(3)}</article></body></html>`,
  })
  expect(article.text.match(/Eat every 2–3 hours/g)).toHaveLength(2)
  expect(article.text.match(/Paragraph 3 of the story/g)).toHaveLength(1)
  expect(article.removed).toContainEqual(expect.objectContaining({ kind: 'duplicate' }))
})
