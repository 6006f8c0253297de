import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { analyze, extract } from '../pipeline.js'

const page = (
  head: string,
  body = '<p>Officials said on Monday that the bridge would reopen after repairs, ending weeks of detours for commuters across the city and its suburbs.</p>',
  url?: string,
) =>
  extract({
    html: `<html><head>${head}</head><body><article>${body}</article></body></html>`,
    ...(url === undefined ? {} : { url }),
  })

test('each kind of date evidence is read, with time and offset kept', () => {
  expect(
    page(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-02-20T21:48:00+09:00"}</script>',
    ).published,
  ).toBe('2024-02-20T21:48:00+09:00')
  expect(
    page('<meta property="article:published_time" content="2023-05-01T08:00:00Z">').published,
  ).toBe('2023-05-01T08:00:00Z')
  expect(
    page(
      '',
      '<time datetime="2022-11-03" class="published">3 Nov</time><p>Text of the story goes here with enough words to be a paragraph of prose.</p>',
    ).published,
  ).toBe('2022-11-03')
  expect(page('', undefined, 'https://example.com/2021/07/14/story.html').published).toBe(
    '2021-07-14',
  )
  expect(
    page(
      '',
      '<p class="date">Veröffentlicht am 3. März 2019</p><p>Der Text der Meldung steht hier mit genug Wörtern, um ein Absatz zu sein, und mehr.</p>',
    ).published,
  ).toBe('2019-03-03')
})

test('a UTC time in markup gives way to the local day the page itself shows', () => {
  // The same moment written with the page's own offset elsewhere in the markup.
  expect(
    page(
      '<meta property="article:published_time" content="2020-12-24T23:59:50+00:00"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-12-25T01:59:50+02:00"}</script>',
    ).published?.slice(0, 10),
  ).toBe('2020-12-25')
  // A day shown without a time that an eastern offset makes of a late-evening UTC moment.
  expect(
    page(
      '<meta itemprop="datePublished" content="2020-12-05T23:15:0Z">',
      '<span itemprop="datePublished">06 Dicembre 2020</span><p>Il testo della notizia è qui, con abbastanza parole per essere un paragrafo di prosa.</p>',
    ).published?.slice(0, 10),
  ).toBe('2020-12-06')
  // No offset turns 10:04 UTC into the previous day in the Americas: the URL day is the first version's.
  expect(
    page(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-07-09T10:04:04Z"}</script>',
      undefined,
      'https://example.com/politics/2020/07/08/story.html',
    ).published,
  ).toBe('2020-07-09T10:04:04Z')
})

test('slashed dates follow the page language: month first in US English, day first elsewhere', () => {
  const shown = (lang: string) =>
    extract({
      html: `<html lang="${lang}"><body><article><p class="date">02/10/2020</p><p>Text of the story goes here with enough words to be a paragraph of prose.</p></article></body></html>`,
    }).published
  expect(shown('en-US')).toBe('2020-02-10')
  expect(shown('en-GB')).toBe('2020-10-02')
  expect(shown('fr')).toBe('2020-10-02')
})

test("RDFa properties and dates in a page's own script data are read", () => {
  expect(
    page(
      '',
      '<span property="schema:dateCreated" content="2022-01-28T12:45:46+00:00"></span><p>Text of the story goes here with enough words to be a paragraph of prose.</p>',
    ).published,
  ).toBe('2022-01-28T12:45:46+00:00')
  expect(
    page(
      '<script>window.product = {"title":"Coffee","published_at":"2019-03-02T06:22:28+01:00"}</script>',
    ).published,
  ).toBe('2019-03-02T06:22:28+01:00')
})

test('in page text, a labelled date wins over earlier unlabelled ones', () => {
  const body =
    '<div>Die Eislaufsaison beginnt am 6. Oktober 2017 und dauert bis März.</div><p>Der Text der Seite steht hier mit genug Wörtern, um ein Absatz zu sein, und mehr.</p><div>Stand: 09.10.2017, 01:40 Uhr</div>'
  expect(page('', body).published).toBe('2017-10-09')
  // A year cut from "2017" is no day: an archive list of months gives no date.
  expect(
    page(
      '',
      '<div>Archiv Dezember 2017 November 2017 Oktober 2017 September 2017 August 2017 Juni 2017</div><p>Der Text der Seite steht hier mit genug Wörtern, um ein Absatz zu sein, und mehr.</p>',
    ).published,
  ).toBeNull()
})

test('a page-level meta date is the last save: a day shown before it by the headline is the publication', () => {
  const body = (shown: string) =>
    `<h1>Neue Präsidentin gewählt</h1><div class="meta">${shown}</div><p>Die Versammlung hat am Mittwoch in Berlin eine neue Präsidentin gewählt, die ihr Amt zum Jahresende antritt.</p>`
  const saved = page('<meta name="date" content="2021-10-15">', body('13.10.2021'))
  expect(saved.published).toBe('2021-10-13')
  expect(saved.dateEvidence.map((evidence) => evidence.kind)).toContain('shown-day')
  // A later day is a header clock (the day the page was fetched), not a publication.
  expect(page('<meta name="date" content="2021-10-15">', body('20.10.2021')).published).toBe(
    '2021-10-15',
  )
  // Markup of the article itself is not a last save: it keeps its day.
  expect(
    page('<meta property="article:published_time" content="2021-10-15">', body('13.10.2021'))
      .published,
  ).toBe('2021-10-15')
})

test("a page's clock and a cited work's pages are not the page's date", () => {
  const post =
    '<p>Posted by ann » Wed Jan 21, 2009 5:42 am</p><p>Free software is software that anyone may use, copy, change and pass on, also in changed form.</p>'
  expect(
    page(
      '',
      `<div>It is currently Wed Oct 14, 2020 12:18 pm</div><h1>What is free software?</h1>${post}`,
    ).published?.slice(0, 10),
  ).toBe('2009-01-21')
  expect(
    page(
      '',
      '<h1>Helium nuclei found in tin</h1><p>Protons knock clusters out of nuclei, an experiment in Darmstadt showed, and the neutron skin of tin holds helium nuclei.</p><p>Tanaka et al.: Formation of α clusters. Science, vol. 371, pp. 260-264, 15 January 2021.</p>',
    ).published,
  ).toBeNull()
})

test('an article modified later keeps its original date as published and the later one as updated', () => {
  const article = page(
    '<meta property="article:published_time" content="2020-01-02T10:00:00Z"><meta property="article:modified_time" content="2020-03-04T10:00:00Z">',
  )
  expect(article).toMatchObject({
    published: '2020-01-02T10:00:00Z',
    updated: '2020-03-04T10:00:00Z',
  })
})

test('a scrape whose only date is far later than its story is a republication: pageDate, not published', () => {
  const article = extract({
    text: 'Example News\nJun 24, 2025\nBridge reopens after repairs\n\nThe bridge that was damaged in the 2019 floods reopened last year, officials said, after repairs that took longer than planned and cost more.',
  })
  expect(article.published).toBeNull()
  expect(article.pageDate).toBe('2025-06-24')
  expect(article.dateEvidence.map((evidence) => evidence.kind)).toContain('republication')
})

test('people, contributors, site and publisher come from bylines, contact lines, credits and e-mail domains', () => {
  const wsj = extract({
    text: 'A headline about a limousine for a leader\n\nSEOUL—The story starts here, with a sentence long enough to be a body paragraph of a news report.\n\nJane Roe and Richard Miles contributed to this article.\n\nWrite to John Q. Public at john.public@wsj.com and Mary Major at mary.major@wsj.com',
  })
  expect(wsj).toMatchObject({
    authors: ['John Q. Public', 'Mary Major'],
    contributors: ['Jane Roe', 'Richard Miles'],
    publisher: 'The Wall Street Journal',
    dateline: 'SEOUL',
  })
  const wire = extract({
    text: 'Storm hits coast\n\nBERLIN (AP) — A storm hit the coast on Monday, cutting power to thousands of homes and closing schools, officials said.',
  })
  expect(wire.publisher).toBe('Associated Press')
  expect(wire.publisherEvidence[0]?.kind).toBe('wire-credit')
  const canonical = page(
    '<meta property="og:site_name" content="Aggregator"><link rel="canonical" href="https://www.reuters.com/world/story">',
    undefined,
    'https://aggregator.example/story',
  )
  expect(canonical).toMatchObject({ site: 'Aggregator', publisher: 'Reuters' })
})

test('never a role, a placeholder or an outlet as an author', () => {
  const article = page(
    '<meta name="author" content="Staff"><meta name="author" content="Email the author"><meta name="author" content="Reuters">',
  )
  expect(article.authors).toEqual([])
})

test('story-level inference pins "Tuesday" to the date of the best-dated article, with evidence', async () => {
  const example = new URL('../../examples/aurus-gift', import.meta.url).pathname
  const analysis = await analyze(
    readdirSync(example).map((name) => ({
      text: readFileSync(join(example, name), 'utf8'),
      id: name,
    })),
  )
  for (const article of analysis.articles)
    expect(article.published?.slice(0, 10), article.id).toBe('2024-02-20')
  const ap = analysis.articles.find((article) => article.id.startsWith('001'))
  expect(ap?.dateEvidence.map((evidence) => evidence.kind)).toContain('story-weekday')
  expect(analysis.articles.find((article) => article.id.startsWith('000'))?.pageDate).toBe(
    '2025-06-24',
  )
})

test("a scrape's own appeal box names its site", () => {
  const article = extract({
    text: [
      'Storm hits coast',
      'Your support helps us to tell the story',
      'The Guardian is funded by readers like you, and we need your help to keep reporting from the coast.',
      'The storm made landfall early on Monday, cutting power to thousands of homes along the coast, officials said.',
    ].join('\n\n'),
  })
  expect(article.site).toBe('The Guardian')
})

test('the page names its own url (canonical, og:url, JSON-LD url) when the input gives none; the input url wins', () => {
  expect(page('<meta property="og:url" content="https://news.example.org/a/story">').url).toBe(
    'https://news.example.org/a/story',
  )
  expect(
    page(
      '<script type="application/ld+json">{"@type":"NewsArticle","url":"https://news.example.org/b/story"}</script>',
    ).url,
  ).toBe('https://news.example.org/b/story')
  // A relative or non-web address names no page a report may link to.
  expect(page('<link rel="canonical" href="/c/story">').url).toBeNull()
  expect(
    page(
      '<link rel="canonical" href="https://news.example.org/d/story">',
      undefined,
      'https://mirror.example.net/d',
    ).url,
  ).toBe('https://mirror.example.net/d')
})

test('a given date that cannot be read is said in a warning, not dropped unseen', () => {
  const text =
    'Bridge reopens after repairs\n\nThe bridge that was damaged in the floods reopened on Monday, officials said, after repairs that took longer than planned.'
  for (const published of ['yesterday', '2024-13-45', '2999-01-01']) {
    const article = extract({ text, published })
    expect(article.published).toBeNull()
    expect(article.messages).toContainEqual({
      severity: 'warning',
      ruleId: 'published-unread',
      reason: `Unexpected "published" value "${published}", expected a date such as 2024-02-20, from 1995 to today; the date was looked for in the text instead`,
    })
  }
  // The caller's value is quoted as JSON: no control character of it reaches a terminal.
  const hostile = extract({ text, published: '\u001b[31m\nforged: line' }).messages.find(
    (message) => message.ruleId === 'published-unread',
  )
  expect(hostile?.reason).toContain('value "\\u001b[31m\\nforged: line"')
  // eslint-disable-next-line no-control-regex
  expect(hostile?.reason).not.toMatch(/[\u0000-\u001f]/)
  // A blank value is no date given, as an absent one: nothing to warn about.
  for (const published of ['', '  '])
    expect(extract({ text, published }).messages.map((message) => message.ruleId)).toEqual([])
  const read = extract({ text, published: '2024-02-20' })
  expect(read.published).toBe('2024-02-20')
  expect(read.messages).toEqual([])
})
