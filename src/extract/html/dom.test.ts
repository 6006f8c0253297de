import { expect, test } from 'vitest'
import {
  type AnyNode,
  type Element,
  SKIP_TEXT_TAGS,
  descendants,
  isTag,
  isText,
  leadingText,
  parseHtml,
  textOf,
} from './dom.js'

/** leadingText as it was: every text node it reaches collapsed whole, so it could return far more than asked. */
function wholeNodesLeadingText(node: AnyNode, chars: number): string {
  let text = ''
  const stack: AnyNode[] = 'children' in node ? [...(node as Element).children].reverse() : []
  while (stack.length > 0 && text.length < chars) {
    const current = stack.pop() as AnyNode
    if (isText(current)) {
      const kept = text.trimEnd()
      const tail = `${text.slice(kept.length)}${current.data}`.replace(/\s+/g, ' ')
      text = kept === '' ? tail.trimStart() : `${kept}${tail}`
    } else if (isTag(current) && current.name === 'br') text += ' '
    else if (isTag(current) && !SKIP_TEXT_TAGS.has(current.name))
      for (let i = current.children.length - 1; i >= 0; i--)
        stack.push(current.children[i] as AnyNode)
  }
  return text
}

/** A deterministic pseudo-random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

const PIECES = [
  'word',
  'Von Anna',
  ' ',
  '   ',
  '\n\t',
  '\u00a0',
  '\u3000',
  ',',
  '𝒜',
  'é',
  'x'.repeat(90),
]

function randomPage(next: () => number): string {
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T
  const text = (): string =>
    Array.from({ length: Math.floor(next() * 30) }, () => pick(PIECES)).join('')
  const markup = (depth: number): string =>
    Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
      const choice = next()
      if (choice < 0.35 || depth > 4) return text()
      if (choice < 0.45) return '<br>'
      if (choice < 0.5) return `<script>${text()}</script>`
      const tag = pick(['p', 'span', 'div', 'b'])
      return `<${tag}>${markup(depth + 1)}</${tag}>`
    }).join('')
  return `<html><body>${markup(0)}</body></html>`
}

test('leadingText is the start of the text that reading whole text nodes gave, cut to the length asked', () => {
  const next = random(7)
  let compared = 0
  for (let page = 0; page < 120; page++) {
    for (const element of descendants(parseHtml(randomPage(next)))) {
      for (const chars of [1, 7, 24, 40, 48, 120]) {
        const leading = leadingText(element, chars)
        expect(leading).toBe(wholeNodesLeadingText(element, chars).slice(0, chars))
        // (textOf reads nothing of a script itself; leadingText is asked of elements that hold text.)
        if (!SKIP_TEXT_TAGS.has(element.name))
          expect(textOf(element).startsWith(leading.trimEnd())).toBe(true)
        compared++
      }
    }
  }
  expect(compared).toBeGreaterThan(10_000)
})

test('leadingText reads a long paragraph only as far as asked', () => {
  const [paragraph] = descendants(
    parseHtml(`<p>  Von   Anna\n\n Berger ${'und mehr '.repeat(5000)}</p>`),
  )
  expect(leadingText(paragraph as Element, 16)).toBe('Von Anna Berger ')
})
