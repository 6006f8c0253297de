import { type AnyNode, type Document, type Element, isTag, isText } from 'domhandler'
import { parseDocument } from 'htmlparser2'

export type { AnyNode, Document, Element }
export { isTag, isText }

/** Parses HTML into a DOM with htmlparser2 (forgiving, streaming, no scripts run). */
export function parseHtml(html: string): Document {
  return parseDocument(html, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  })
}

/** Text of a node, whitespace collapsed. Iterative, so depth cannot overflow the stack. */
export function textOf(node: AnyNode): string {
  const parts: string[] = []
  const stack: AnyNode[] = [node]
  while (stack.length > 0) {
    const current = stack.pop() as AnyNode
    if (isText(current)) parts.push(current.data)
    else if (isTag(current)) {
      if (SKIP_TEXT_TAGS.has(current.name)) continue
      if (current.name === 'br') parts.push(' ')
      for (let i = current.children.length - 1; i >= 0; i--)
        stack.push(current.children[i] as AnyNode)
    } else if ('children' in current) {
      const children = (current as Document).children
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as AnyNode)
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim()
}

const SKIP_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template'])

/**
 * The first characters of a node's text (whitespace collapsed as it is read), without walking the rest of
 * its subtree: a cheap test before `textOf` on elements that may hold a whole page.
 */
export function leadingText(node: AnyNode, chars: number): string {
  let text = ''
  const stack: AnyNode[] = 'children' in node ? [...(node as Element).children].reverse() : []
  while (stack.length > 0 && text.length < chars) {
    const current = stack.pop() as AnyNode
    if (isText(current)) text = `${text}${current.data}`.replace(/\s+/g, ' ').trimStart()
    else if (isTag(current) && current.name === 'br') text += ' '
    else if (isTag(current) && !SKIP_TEXT_TAGS.has(current.name))
      for (let i = current.children.length - 1; i >= 0; i--)
        stack.push(current.children[i] as AnyNode)
  }
  return text
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
