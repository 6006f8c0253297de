import { expect, test } from 'vitest'
import { analyzeArticles, extract } from '../pipeline.js'
import { renderReport } from './index.js'

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'

test('article text and titles are escaped in every rendered format', () => {
  const article = extract({
    title: `Title ${HOSTILE}`,
    site: `Site ${HOSTILE}`,
    text: `Officials said on Monday that ${HOSTILE} the bridge would reopen after repairs, ending weeks of detours for commuters.`,
  })
  const analysis = analyzeArticles([article])
  const html = renderReport(analysis, 'html')
  expect(html).not.toMatch(/<script|<img/i)
  expect(html).toContain('&lt;script&gt;')
  const markdown = renderReport(analysis, 'md')
  expect(markdown).not.toMatch(/(^|[^\\])<script/) // \< is a literal < in Markdown
  expect(JSON.parse(renderReport(analysis, 'json')).articles[0].title).toBe(`Title ${HOSTILE}`)
  expect(renderReport(analysis, 'text')).not.toContain('\u001b')
})

test('terminal output cannot carry escape sequences from article text', () => {
  const article = extract({
    title: 'Bridge \u001b[31mreopens\u001b[0m',
    text: 'Officials said on Monday that the bridge would reopen after repairs, ending weeks of detours for commuters.',
  })
  expect(renderReport(analyzeArticles([article]), 'text')).not.toContain('\u001b')
})

test('what each source alone adds lists its claims, and citations name an article once', () => {
  const shared =
    'The city council approved the new bridge budget on Monday after a long debate among members.'
  const articles = [
    extract({
      id: 'a',
      site: 'Daily One',
      text: `${shared} The mayor said the works would start in May and last two years.`,
    }),
    extract({
      id: 'b',
      site: 'Evening Two',
      text: `${shared} Residents of the east bank have waited for a second crossing since 1998.`,
    }),
  ]
  const analysis = analyzeArticles(articles)
  const story = analysis.stories.find((candidate) => candidate.articleIds.length === 2)
  expect(story).toBeDefined()
  const sole = (story?.onlyIn ?? []).flatMap((addition) =>
    addition.claims.map((index) => story?.claims[index]?.text ?? ''),
  )
  expect(sole.length).toBeGreaterThan(0)
  const markdown = renderReport(analysis, 'md')
  const html = renderReport(analysis, 'html')
  for (const text of sole) {
    expect(markdown).toContain(`  - ${text.slice(0, 20)}`)
    expect(html).toContain(text.slice(0, 20))
  }
  // Every citation list in the HTML names each article at most once.
  for (const item of html.match(/<li>.*?<\/li>/g) ?? []) {
    const cited = item.match(/href="#article-[^"]+"/g) ?? []
    expect(new Set(cited).size).toBe(cited.length)
  }
})

test('the JSON report, written an item at a time, is the text of one JSON.stringify of the analysis', () => {
  const articles = ['first', 'second'].map((word) =>
    extract({
      title: `A "${word}" title\nover two lines`,
      text: `Officials said on Monday that the ${word} bridge would reopen after repairs, ending weeks of detours.\n\nA second paragraph.`,
    }),
  )
  const analysis = analyzeArticles(articles)
  expect(renderReport(analysis, 'json')).toBe(`${JSON.stringify(analysis, null, 2)}\n`)
})

test('a span of days reads one way in every report: the timeline as the conflicts, "from – to"', () => {
  const article = extract({
    id: 'a',
    site: 'Daily One',
    text: 'Officials said on Monday that the bridge would reopen after repairs, ending weeks of detours for commuters.',
  })
  const analysis = analyzeArticles([article])
  const story = analysis.stories[0]
  if (story === undefined) throw new Error('expected one story')
  const span = { articleId: 'a', start: 0, end: 9 }
  story.timeline = [
    {
      date: '2024-02-17/2024-02-18',
      event: 'reopening',
      text: 'the bridge would reopen',
      spans: [span],
      evidence: [],
    },
  ]
  for (const format of ['text', 'md', 'html'] as const) {
    const shown = renderReport(analysis, format)
    expect(shown).toContain('2024-02-17 – 2024-02-18')
    expect(shown).not.toContain('2024-02-17/2024-02-18')
  }
  // The JSON keeps ISO 8601's interval (CONTRACT.md: dates are ISO 8601).
  expect(renderReport(analysis, 'json')).toContain('"2024-02-17/2024-02-18"')
})

test('reused text names the outlets as the text card does, not the articles’ ids', () => {
  const body =
    'The city council approved the new bridge budget on Monday after a long debate among members. ' +
    'The mayor said the works would start in May and last two years, and that the old crossing stays open. ' +
    'Residents of the east bank have waited for a second crossing since 1998, the council said.'
  const articles = [
    extract({ id: 'copy-a', site: 'Daily One', text: body }),
    extract({ id: 'copy-b', site: 'Evening Two', text: `${body} More to follow.` }),
  ]
  const analysis = analyzeArticles(articles)
  const story = analysis.stories.find((candidate) => candidate.reuse.length > 0)
  expect(story).toBeDefined()
  const section = (text: string, heading: string, next: string): string =>
    text.slice(text.indexOf(heading), text.indexOf(next, text.indexOf(heading)))
  const markdown = section(renderReport(analysis, 'md'), '## Reused text', '\n## ')
  expect(markdown).toMatch(/^- (Daily One|Evening Two) [→↔] (Daily One|Evening Two): \*\*/m)
  expect(markdown).not.toContain('copy-a')
  const html = section(renderReport(analysis, 'html'), 'Reused text', '</ul>')
  expect(html).toContain('<a href="#article-copy-a">Daily One</a>')
  expect(html).not.toMatch(/>copy-[ab]</)
  const text = section(renderReport(analysis, 'text'), '  Reuse', '\n\n')
  expect(text).toMatch(/• (Daily One|Evening Two) [→↔] (Daily One|Evening Two):/)
})

test('a story over several days shows its first and last day in every format', () => {
  const shared =
    'The city council approved the new bridge budget after a long debate among members of every party.'
  const articles = [
    extract({
      id: 'a',
      site: 'Daily One',
      published: '2024-02-18',
      text: `${shared} Works start in May.`,
    }),
    extract({
      id: 'b',
      site: 'Evening Two',
      published: '2024-02-20',
      text: `${shared} Residents waited years.`,
    }),
  ]
  const analysis = analyzeArticles(articles)
  const story = analysis.stories.find((candidate) => candidate.articleIds.length === 2)
  expect([story?.start?.slice(0, 10), story?.end?.slice(0, 10)]).toEqual([
    '2024-02-18',
    '2024-02-20',
  ])
  const span = '2024-02-18 – 2024-02-20'
  const header = (format: 'text' | 'md' | 'html'): string =>
    renderReport(analysis, format)
      .split('\n')
      .find((line) => /independent source/.test(line)) ?? ''
  for (const format of ['text', 'md', 'html'] as const) expect(header(format)).toContain(span)
})

test('a conflict shows each side’s deciding words marked in their context, escaped', () => {
  const text =
    'Officials said the <b>bridge</b> reopened on Monday after repairs, ending weeks of detours for commuters.'
  const article = extract({ id: 'a', site: 'Daily One', text })
  const analysis = analyzeArticles([article])
  const story = analysis.stories[0]
  if (story === undefined) throw new Error('expected one story')
  const monday = { articleId: 'a', start: text.indexOf('on Monday'), end: text.indexOf(' after') }
  story.conflicts = [
    {
      about: 'date of the reopening',
      subject: 'reopening',
      kind: 'contradiction',
      values: [{ value: '2024-02-19', qualifier: null, spans: [monday] }],
    },
  ]
  const html = renderReport(analysis, 'html')
  expect(html).toContain('&lt;b&gt;bridge&lt;/b&gt; reopened <mark>on Monday</mark> after repairs')
  expect(renderReport(analysis, 'md')).toContain('reopened **on Monday** after repairs')
})

test('a disputed claim says what it is disputed on, in the data and in every report', () => {
  const published = '2024-02-20T12:00:00Z'
  // Two independent reports (different words) of one handover on two days.
  const texts = {
    tue: 'A Russian delegation on Tuesday handed over the armoured limousine to Kim Jong Un in Pyongyang, state media said. Putin gave the car to the North Korean leader as a gift, officials confirmed.',
    sun: "Kim Jong Un's sister accepted the armoured limousine on Sunday from a Russian delegation, the official news agency reported. The North Korean leader thanked Putin for the present in a letter.",
  }
  const analysis = analyzeArticles(
    Object.entries(texts).map(([id, text]) =>
      extract({ id, site: `${id} news`, published, clean: true, text }),
    ),
  )
  const story = analysis.stories[0]
  const disputed = story?.claims.filter((claim) => claim.status === 'disputed') ?? []
  expect(disputed.length).toBeGreaterThan(0)
  for (const claim of disputed) expect(claim.disputedOn).toEqual(['date of the handover'])
  for (const claim of story?.claims ?? [])
    if (claim.status !== 'disputed') expect(claim.disputedOn).toEqual([])
  expect(renderReport(analysis, 'md')).toContain('| disputed (date of the handover) |')
  expect(renderReport(analysis, 'html')).toContain('<em>disputed on date of the handover</em>')
})

test('no report carries control characters from article text (a Markdown or HTML report may go to a terminal)', () => {
  const bell = 'John \u001b]0;pwned\u0007Smith\u001b[2J'
  const article = extract({
    title: 'Bridge \u001b[31mreopens\u001b[0m',
    site: 'Site \u009b31m',
    text: `Officials said on Monday that the bridge would reopen after repairs, ${bell} said. "We will \u001b[5mnever\u001b[0m close it again," ${bell} said. "Never," said the mayor.`,
  })
  const analysis = analyzeArticles([article])
  for (const format of ['md', 'html'] as const) {
    const rendered = renderReport(analysis, format)
    // eslint-disable-next-line no-control-regex
    expect(rendered).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
    expect(rendered).toContain('never')
  }
})

test('a speaker named once is among the story’s entities, and the text card lists who is quoted by name', () => {
  const article = extract({
    text: 'The talks ended on Monday without a deal, officials said.\n\n“The sanctions regime is broken,” said Andrew Yeo, a senior fellow at the Brookings Institution.\n\nNegotiators will meet again next week to continue the talks.',
  })
  const analysis = analyzeArticles([article])
  const story = analysis.stories[0]
  expect(story?.entities.map((entity) => entity.name)).toContain('Andrew Yeo')
  expect(story?.quotes.map((quote) => quote.speaker)).toContain('Andrew Yeo')
  const card = renderReport(analysis, 'text')
  expect(card).toContain('Who is quoted (by canonical name)\n  • Andrew Yeo: 1 quote in 1 article')
})
