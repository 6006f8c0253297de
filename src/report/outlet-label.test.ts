import { expect, test } from 'vitest'
import { outletLabel, outletName } from './outlet-label.js'

test('an outlet is a name, else the domain of the url, else "unknown outlet" — never a path or an id', () => {
  expect(outletName({ site: 'Evening Post', url: null })).toBe('Evening Post')
  expect(outletName({ site: null, url: 'https://www.news.example.org/a/story' })).toBe(
    'news.example.org',
  )
  expect(outletName({ site: '  ', url: 'examples/aurus-gift/001_story.txt' })).toBe(
    'unknown outlet',
  )
})

test('the original publisher is named only when there is one and it differs from the site', () => {
  expect(outletLabel({ site: 'Billboard', publisher: '', url: null })).toBe('Billboard')
  expect(outletLabel({ site: 'Billboard', publisher: 'Billboard', url: null })).toBe('Billboard')
  expect(outletLabel({ site: 'Yahoo News', publisher: 'Reuters', url: null })).toBe(
    'Yahoo News (from Reuters)',
  )
})
