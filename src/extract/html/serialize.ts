import { type AnyNode, type Element, isTag, isText } from './dom.js'
import { hasNegativeHint } from './clean.js'
import { BLOCK_TAGS, HEADING_TAGS } from './hints.js'

/** One block of text in reading order, with what the link-density and heading rules need. */
export interface HtmlBlock {
  text: string
  tag: string
  linkChars: number
  /** Whether the block sits in a subtree that class hints mark as not the story. */
  negative: boolean
}

/**
 * Turns a subtree into blocks: every block-level element starts a new block; inline text, links and line
 * breaks join the current one. Iterative walk, so deep markup cannot overflow the stack.
 */
export function blocksOf(root: Element): HtmlBlock[] {
  const blocks: HtmlBlock[] = []
  let parts: string[] = []
  let linkChars = 0
  let tag = root.name
  let negative = false
  const flush = (): void => {
    const text = parts.join('').replace(/\s+/g, ' ').trim()
    if (text !== '')
      blocks.push({ text, tag, linkChars: Math.min(linkChars, text.length), negative })
    parts = []
    linkChars = 0
  }
  type Frame =
    | { node: AnyNode; inLink: boolean; negative: boolean; blockTag: string }
    | { close: string; negative: boolean; blockTag: string }
  const stack: Frame[] = [{ node: root, inLink: false, negative: false, blockTag: root.name }]
  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    if ('close' in frame) {
      flush()
      tag = frame.blockTag
      negative = frame.negative
      continue
    }
    const { node } = frame
    if (isText(node)) {
      parts.push(node.data)
      if (frame.inLink) linkChars += node.data.trim().length
      continue
    }
    if (!isTag(node)) continue
    if (node.name === 'br') {
      parts.push(
        node.parent !== null && isTag(node.parent) && node.parent.name === 'p' ? ' ' : '\n',
      )
      if (!(node.parent !== null && isTag(node.parent) && node.parent.name === 'p')) {
        flush()
      }
      continue
    }
    if (isInlineCard(node)) continue
    const dataCell = isDataCell(node)
    if (dataCell) parts.push(' ')
    const isBlock = BLOCK_TAGS.has(node.name) && !dataCell
    const childNegative = frame.negative || hasNegativeHint(node)
    if (isBlock) {
      flush()
      tag = node.name
      negative = childNegative
      stack.push({ close: node.name, negative: frame.negative, blockTag: frame.blockTag })
    }
    const inLink = frame.inLink || node.name === 'a'
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({
        node: node.children[i] as AnyNode,
        inLink,
        negative: childNegative,
        blockTag: isBlock ? node.name : frame.blockTag,
      })
    }
  }
  flush()
  return blocks
}

/**
 * A hover card inside running text (a person's photo and links, shown on mouse-over): an inline element
 * that opens with an image and holds nothing but link text. Its words would otherwise be read into the
 * sentence. (The span around the visible name opens with the name's link, so it is kept.)
 */
function isInlineCard(element: Element): boolean {
  if (element.name !== 'span' || !element.children.some(isTag)) return false
  let hasImage = false
  let plainText = 0
  let firstTag: string | null = null
  const stack: AnyNode[] = [...element.children].reverse()
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode
    if (isTag(node) && node.name !== 'span' && firstTag === null) firstTag = node.name
    if (firstTag === 'a') return false
    if (isText(node)) plainText += node.data.trim().length
    else if (isTag(node)) {
      if (node.name === 'img') hasImage = true
      if (node.name !== 'a') stack.push(...[...node.children].reverse())
    }
  }
  return hasImage && plainText === 0
}

/** Longest text of a table cell read as part of its row ("1 Kyle Busch 5040 5"), not as a block of its own. */
const DATA_CELL_CHARS = 80

/**
 * A cell of a data table: short, and holding no block of its own. Its row is one line of the output, as
 * the page shows it; a layout table's cells (whole paragraphs, nested blocks) stay blocks.
 */
function isDataCell(element: Element): boolean {
  if (element.name !== 'td' && element.name !== 'th') return false
  let chars = 0
  const stack: AnyNode[] = [...element.children]
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode
    if (isText(node)) {
      chars += node.data.trim().length
      if (chars > DATA_CELL_CHARS) return false
    } else if (isTag(node)) {
      if (BLOCK_TAGS.has(node.name)) return false
      stack.push(...node.children)
    }
  }
  return true
}

export function isHeading(block: HtmlBlock): boolean {
  return HEADING_TAGS.has(block.tag)
}
