import {
  type AnyNode,
  type Document,
  type Element,
  attr,
  classAndId,
  descendants,
  removeNode,
} from './dom.js'
import { DROP_TAGS, NEGATIVE_HINT, POSITIVE_HINT } from './hints.js'

const WRAPPER_FORM_PARAGRAPHS = 3

/**
 * Removes what never holds the story, whatever the class hints say: scripts, forms, navigation, hidden nodes.
 * Returns a function that puts them back where they were (the whole page's text is read only when needed,
 * after extraction).
 */
export function dropNonContent(root: AnyNode, dropTags: Set<string> = DROP_TAGS): () => void {
  const removed: { node: Element; parent: Element | Document; index: number }[] = []
  for (const element of descendants(root)) {
    if (element.parent === null) continue // inside a removed subtree
    if (isWrapperForm(element)) continue
    if (dropTags.has(element.name) || isHidden(element)) {
      const parent = element.parent as Element | Document
      removed.push({ node: element, parent, index: parent.children.indexOf(element) })
      removeNode(element)
    }
  }
  return () => {
    for (const { node, parent, index } of removed.reverse()) {
      parent.children.splice(index, 0, node)
      node.parent = parent
    }
    removed.length = 0
  }
}

/** Whether an element's class/id marks it as not the story (comments, share bars, related links…). */
export function hasNegativeHint(element: Element): boolean {
  if (element.name === 'body' || element.name === 'html' || element.name === 'article') return false
  const hints = classAndId(element)
  return hints !== '' && NEGATIVE_HINT.test(hints) && !POSITIVE_HINT.test(hints)
}

/** ASP.NET pages wrap the whole page in one <form>: a form holding paragraphs is a wrapper, not a form. */
function isWrapperForm(element: Element): boolean {
  if (element.name !== 'form') return false
  return (
    descendants(element).filter((child) => child.name === 'p').length >= WRAPPER_FORM_PARAGRAPHS
  )
}

function isHidden(element: Element): boolean {
  if (attr(element, 'hidden') !== null || attr(element, 'aria-hidden') === 'true') return true
  const style = attr(element, 'style')
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)
}
