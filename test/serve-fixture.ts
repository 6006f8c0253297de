import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Parser } from 'htmlparser2'
import { updateStore } from '../src/incremental.js'
import { collectArticles } from '../src/pipeline.js'
import { openStore, type Store } from '../src/store/index.js'
import type { ArticleInput } from '../src/types.js'
import { EXAMPLE } from './helpers.js'

/** A temporary SQLite store holding the seed story (examples/aurus-gift), filled through the library. */
export async function seedStore(): Promise<{ store: Store; storyId: string; location: string }> {
  const location = join(mkdtempSync(join(tmpdir(), 'corroborate-serve-')), 'seed.db')
  const store = await openStore(location)
  await updateStore(store, await collectArticles([EXAMPLE]))
  const [story] = await store.listStories()
  if (story === undefined) throw new Error('the seed story was not formed')
  return { store, storyId: story.id, location }
}

/** Strings that run script if a page renders them as markup instead of text. */
export const SCRIPT_IN_TITLE =
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
export const SCRIPT_IN_TEXT = '<script>window.__pwned = 3</script>'

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * A page whose title, text and URL try to run script in a page that renders them: the markup is written as
 * entities in the HTML, so the extracted title and text hold the raw tags as text.
 */
export const HOSTILE: ArticleInput = {
  id: 'hostile-1',
  url: 'javascript:alert(1)',
  title: SCRIPT_IN_TITLE,
  published: '2024-03-04',
  site: '<svg onload="window.__pwned = 5">',
  html: `<!doctype html><html><head><title>${escape(SCRIPT_IN_TITLE)}</title></head><body><article>
<h1>${escape(SCRIPT_IN_TITLE)}</h1>
<p>Officials in the harbour town said on Monday that ${escape(SCRIPT_IN_TEXT)} the old swing bridge reopened to traffic after three months of repairs to its rusted gears and deck.</p>
<p>A spokesman for the port authority added "${escape('<img src=x onerror=window.__pwned=4>')}" and would say nothing more; the cost of the repairs was not disclosed to reporters.</p>
<p>Residents had complained for weeks about the detour through the industrial district, which added twenty minutes to the morning drive for commuters heading into the town centre.</p>
</article></body></html>`,
}

/**
 * What in a page could run script, read by a real HTML parser: script-capable elements, event-handler
 * attributes, javascript: links. Text that merely looks like markup (escaped) is not counted.
 */
export function activeMarkup(page: string): string[] {
  const found: string[] = []
  const parser = new Parser({
    onopentag(name, attributes) {
      if (['script', 'img', 'svg', 'iframe', 'object', 'embed'].includes(name))
        found.push(`<${name}>`)
      for (const [attribute, value] of Object.entries(attributes)) {
        if (attribute.startsWith('on')) found.push(`${name}[${attribute}]`)
        if (/^\s*javascript:/i.test(value)) found.push(`${name}[${attribute}=${value}]`)
      }
    },
  })
  parser.write(page)
  parser.end()
  return found
}
