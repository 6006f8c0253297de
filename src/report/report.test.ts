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
