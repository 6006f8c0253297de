import { type AnyNode, type Document, type Element, isTag, isText } from 'domhandler'
import { findOne } from 'domutils'
import { parseDocument } from 'htmlparser2'

export type { AnyNode, Document, Element }
export { isTag, isText }

/**
 * Deepest element nesting kept. Real pages stay far below it (a few dozen levels). htmlparser2 keeps its open
 * elements in an array it shifts and unshifts at the front, so parsing costs the square of the nesting depth
 * (400k nested elements: 142 s); tags nested deeper than this are dropped before parsing (their text stays),
 * so time stays linear in the page's size.
 */
export const MAX_DEPTH = 512

/** Parses HTML into a DOM with htmlparser2 (forgiving, streaming, no scripts run), nesting bounded. */
export function parseHtml(html: string): Document {
  return parseDocument(boundNesting(html), {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  })
}

/** Tags, with the raw-text elements (whose content holds no tags) matched whole. */
const TAG =
  /<(script|style|textarea|title)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<(\/?)([a-zA-Z][^\s/>]*)[^>]*>/gi
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
)

/**
 * The page without the tags nested deeper than MAX_DEPTH (and their closing tags), by a linear scan that
 * counts open and close tags. Pages within the bound come back unchanged: the scan only measures them.
 */
export function boundNesting(html: string): string {
  if (maxNesting(html) <= MAX_DEPTH) return html
  const kept: boolean[] = []
  return html.replace(TAG, (tag, _raw, close: string | undefined, name: string | undefined) => {
    if (name === undefined || VOID.has(name.toLowerCase()) || tag.endsWith('/>')) return tag
    if (close === '/') return kept.pop() === false ? '' : tag
    kept.push(kept.length < MAX_DEPTH)
    return kept.length <= MAX_DEPTH ? tag : ''
  })
}

function maxNesting(html: string): number {
  let depth = 0
  let deepest = 0
  for (const match of html.matchAll(TAG)) {
    const name = match[3]
    if (name === undefined || VOID.has(name.toLowerCase()) || match[0].endsWith('/>')) continue
    depth = match[2] === '/' ? Math.max(0, depth - 1) : depth + 1
    deepest = Math.max(deepest, depth)
  }
  return deepest
}

/** Text of a node, whitespace collapsed. Iterative, so depth cannot overflow the stack. */
export function textOf(node: AnyNode): string {
  return markedText(node, null).text
}

/**
 * Text of a node (as `textOf`) and the offset in it where a marked element's text begins (null when the mark
 * is not under the node): where the headline stands in a page's text.
 */
export function markedText(
  node: AnyNode,
  mark: Element | null,
): { text: string; markAt: number | null } {
  const parts: string[] = []
  let markPart: number | null = null
  const stack: AnyNode[] = [node]
  while (stack.length > 0) {
    const current = stack.pop() as AnyNode
    if (isText(current)) parts.push(current.data)
    else if (isTag(current)) {
      if (SKIP_TEXT_TAGS.has(current.name)) continue
      if (current === mark) markPart = parts.length
      if (current.name === 'br') parts.push(' ')
      for (let i = current.children.length - 1; i >= 0; i--)
        stack.push(current.children[i] as AnyNode)
    } else if ('children' in current) {
      const children = (current as Document).children
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as AnyNode)
    }
  }
  const collapse = (from: string[]): string => from.join('').replace(/\s+/g, ' ')
  const text = collapse(parts).trim()
  const markAt =
    markPart === null
      ? null
      : Math.min(text.length, collapse(parts.slice(0, markPart)).trimStart().length)
  return { text, markAt }
}

export const SKIP_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template'])

/**
 * The first `chars` characters of a node's text (whitespace collapsed as it is read, the start trimmed, as
 * `textOf` reads it), without walking the rest of its subtree or collapsing the rest of a long text node: a
 * cheap test before `textOf` on elements that may hold a whole page, asked of every paragraph of a page.
 */
export function leadingText(node: AnyNode, chars: number): string {
  let text = ''
  // Each open element's children and the next one to read: a wrapper of hundreds of children is not copied
  // onto a stack to read its first few.
  const open: { children: AnyNode[]; next: number }[] =
    'children' in node ? [{ children: (node as Element).children, next: 0 }] : []
  while (open.length > 0 && text.length < chars) {
    const top = open[open.length - 1] as { children: AnyNode[]; next: number }
    const current = top.children[top.next++]
    if (current === undefined) open.pop()
    else if (isText(current)) text = appendLeading(text, current.data, chars)
    else if (isTag(current) && current.name === 'br') text += ' '
    else if (isTag(current) && !SKIP_TEXT_TAGS.has(current.name))
      open.push({ children: current.children, next: 0 })
  }
  return text.slice(0, chars)
}

/**
 * `appendCollapsed` of `data` a piece at a time, stopping once `text` holds `chars` characters: what the text
 * goes on to does not change its start (a whitespace run cut between two pieces still collapses to one
 * space), so a paragraph of thousands of characters costs its first pieces only.
 */
function appendLeading(text: string, data: string, chars: number): string {
  const piece = Math.max(chars, 16) * 2
  let appended = text
  for (let from = 0; from < data.length && appended.length < chars; from += piece)
    appended = appendCollapsed(appended, data.slice(from, from + piece))
  return appended
}

/**
 * `${text}${data}` with whitespace runs collapsed and the start trimmed, where `text` came from here (collapsed,
 * but for the spaces of <br>s at its end): only its trailing whitespace meets the new data, so the rest is not
 * scanned again for every text node.
 */
function appendCollapsed(text: string, data: string): string {
  const kept = text.trimEnd()
  const tail = `${text.slice(kept.length)}${data}`.replace(/\s+/g, ' ')
  return kept === '' ? tail.trimStart() : `${kept}${tail}`
}

/** All elements under a node in document order (iterative). */
export function descendants(root: AnyNode): Element[] {
  const found: Element[] = []
  const stack: AnyNode[] = 'children' in root ? [...(root as Element).children].reverse() : []
  while (stack.length > 0) {
    const current = stack.pop() as AnyNode
    if (!isTag(current)) continue
    found.push(current)
    for (let i = current.children.length - 1; i >= 0; i--)
      stack.push(current.children[i] as AnyNode)
  }
  return found
}

/**
 * The first element under a node, in document order, that passes the test (`descendants(root).find(test)`
 * without listing the whole tree: <body> is found after a few nodes, not after every element of the page).
 * domutils recurses, which MAX_DEPTH keeps shallow.
 */
export function findFirst(
  root: AnyNode,
  predicate: (element: Element) => boolean,
): Element | undefined {
  return 'children' in root ? (findOne(predicate, root.children) ?? undefined) : undefined
}

export function findAll(root: AnyNode, predicate: (element: Element) => boolean): Element[] {
  return descendants(root).filter(predicate)
}

export function attr(element: Element, name: string): string | null {
  return element.attribs[name] ?? null
}

/** Class and id of an element, for the class/id hints. */
export function classAndId(element: Element): string {
  return `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.trim()
}

export function removeNode(node: AnyNode): void {
  const parent = node.parent
  if (parent === null) return
  const index = parent.children.indexOf(node as never)
  if (index >= 0) parent.children.splice(index, 1)
  node.parent = null
}
