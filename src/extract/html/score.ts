import {
  type AnyNode,
  classAndId,
  descendants,
  type Element,
  findFirst,
  isTag,
  isText,
  SKIP_TEXT_TAGS,
  textOf,
} from './dom.js'
import { hasNegativeHint } from './clean.js'
import { BLOCK_TAGS, NEGATIVE_HINT, POSITIVE_HINT, SCORED_TAGS } from './hints.js'

// Readability's calibration (mozilla/readability, Readability.js): a paragraph scores 1, plus one per comma,
// plus one per 100 characters up to 3; parents get the full score, grandparents half, higher ancestors a third.
const MIN_PARAGRAPH_CHARS = 25
const CLASS_WEIGHT = 25
const ANCESTOR_LEVELS = 3
/** How many near-top candidates inside one ancestor make that ancestor the container. */
const MIN_TOP_CANDIDATES = 3
const MAX_WIDEN_LEVELS = 6

export interface ScoreOptions {
  useClassHints: boolean
}

/** Direct text of a <div> that holds prose between block children ("text<div class=br></div>text"). */
const MIN_DIRECT_TEXT = 100
/** Markup that names the story's container is trusted when it holds this much text. */
const MIN_MARKED_BODY = 250

/**
 * Finds the elements that hold the story: an element marked itemprop=articleBody when it holds prose, else
 * Readability-style scoring of paragraphs into their ancestors, the best candidate, and those of its siblings
 * that score well too (a story split into several containers). Returned in document order.
 */
export function findContentRoots(root: Element, options: ScoreOptions): Element[] {
  const excluded = options.useClassHints ? negativeSubtrees(root) : new Set<Element>()
  const measure = textMeasures()
  const length = (element: Element): number => trimmedLength(measure(element))
  const linked = linkedCharsCache(length)
  const marked = findFirst(
    root,
    (element) => element.attribs.itemprop === 'articleBody' && !excluded.has(element),
  )
  if (marked !== undefined && length(marked) >= MIN_MARKED_BODY) return [marked]
  const scores = new Map<Element, number>()
  for (const element of descendants(root)) {
    if (!SCORED_TAGS.has(element.name) || excluded.has(element)) continue
    const blockChildren = element.name === 'div' && hasBlockChild(element)
    let ownLength: number
    let commas: number
    if (blockChildren) {
      const own = directText(element)
      ownLength = own.length
      commas = countCommas(own)
    } else {
      ownLength = length(element)
      commas = measure(element).commas
    }
    if (ownLength < (blockChildren ? MIN_DIRECT_TEXT : MIN_PARAGRAPH_CHARS)) continue
    const score = 1 + commas + Math.min(Math.floor(ownLength / 100), 3)
    // Text runs directly inside a div are paragraphs of that div (Readability wraps them in <p>).
    let ancestor = blockChildren ? element : element.parent
    for (let level = 0; level < ANCESTOR_LEVELS && ancestor !== null && isTag(ancestor); level++) {
      if (!scores.has(ancestor)) scores.set(ancestor, initialScore(ancestor, options))
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3
      scores.set(ancestor, (scores.get(ancestor) ?? 0) + score / divider)
      ancestor = ancestor.parent
    }
  }
  const final = new Map(
    [...scores.entries()].map(([element, score]) => [
      element,
      score * (1 - linkDensity(element, length, linked)),
    ]),
  )
  const ranked = [...final.entries()].sort((a, b) => b[1] - a[1])
  const top = ranked[0]
  if (top === undefined) return []
  const container = widenToCommonAncestor(top[0], top[1], ranked.slice(1, 6))
  return withScoringSiblings(
    container,
    final.get(container) ?? top[1],
    final,
    excluded,
    length,
    linked,
  )
}

// Readability's sibling rule: a sibling joins when it scores a fifth of the top (at least 10), or when it is a
// paragraph of plain prose.
const SIBLING_SHARE = 0.2
const SIBLING_MIN_SCORE = 10

function withScoringSiblings(
  container: Element,
  score: number,
  scores: Map<Element, number>,
  excluded: Set<Element>,
  length: (element: Element) => number,
  linked: (element: Element) => number,
): Element[] {
  const parent = container.parent
  if (parent === null || !isTag(parent)) return [container]
  const threshold = Math.max(SIBLING_MIN_SCORE, score * SIBLING_SHARE)
  return parent.children.filter((sibling): sibling is Element => {
    if (sibling === container) return true
    if (!isTag(sibling) || excluded.has(sibling)) return false
    // The next story of an infinite-scroll page stands beside the first with a headline of its own.
    if (hasHeadline(sibling)) return false
    if ((scores.get(sibling) ?? 0) >= threshold) return true
    if (sibling.name !== 'p') return false
    const own = textOf(sibling)
    const density = linkDensity(sibling, length, linked)
    return (
      (own.length > 80 && density < 0.25) ||
      (own.length > 0 && density === 0 && /[.。]( |$)/.test(own))
    )
  })
}

function hasHeadline(element: Element): boolean {
  return (
    element.name === 'article' || findFirst(element, (child) => child.name === 'h1') !== undefined
  )
}

function directText(element: Element): string {
  return element.children
    .map((child) => (isText(child) ? child.data : ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** When several strong candidates sit inside one ancestor (a story split by ads), take the ancestor. */
function widenToCommonAncestor(
  top: Element,
  topScore: number,
  others: (readonly [Element, number])[],
): Element {
  const strong = others.filter(([, score]) => score >= topScore * 0.75).map(([element]) => element)
  if (strong.length < MIN_TOP_CANDIDATES - 1) return top
  let ancestor = top.parent
  // A few levels suffice (Readability walks to the body, which is quadratic on deeply nested markup).
  for (
    let level = 0;
    level < MAX_WIDEN_LEVELS && ancestor !== null && isTag(ancestor) && ancestor.name !== 'body';
    level++
  ) {
    const inside = strong.filter((element) => contains(ancestor as Element, element)).length
    if (inside >= MIN_TOP_CANDIDATES - 1) return ancestor
    ancestor = ancestor.parent
  }
  return top
}

function contains(ancestor: Element, node: Element): boolean {
  let current = node.parent
  for (
    let level = 0;
    current !== null && level <= MAX_WIDEN_LEVELS + 3;
    level++, current = current.parent
  ) {
    if (current === ancestor) return true
  }
  return false
}

function initialScore(element: Element, options: ScoreOptions): number {
  let score = 0
  if (element.name === 'div' || element.name === 'article' || element.name === 'main') score += 5
  else if (['pre', 'td', 'blockquote'].includes(element.name)) score += 3
  else if (['ol', 'ul', 'dl', 'dd', 'dt', 'li', 'address'].includes(element.name)) score -= 3
  else if (/^h[1-6]$|^th$/.test(element.name)) score -= 5
  if (options.useClassHints) {
    const hints = classAndId(element)
    if (NEGATIVE_HINT.test(hints)) score -= CLASS_WEIGHT
    if (POSITIVE_HINT.test(hints)) score += CLASS_WEIGHT
  }
  if (element.attribs.itemprop === 'articleBody') score += CLASS_WEIGHT * 2
  return score
}

/** Elements inside a subtree whose class/id marks it as not the story, in one linear pass. */
function negativeSubtrees(root: Element): Set<Element> {
  const excluded = new Set<Element>()
  const stack: [Element, boolean][] = [[root, false]]
  while (stack.length > 0) {
    const [element, inherited] = stack.pop() as [Element, boolean]
    const negative = inherited || hasNegativeHint(element)
    if (negative) excluded.add(element)
    for (const child of element.children) if (isTag(child)) stack.push([child, negative])
  }
  return excluded
}

function hasBlockChild(element: Element): boolean {
  return element.children.some(
    (child) => isTag(child) && BLOCK_TAGS.has(child.name) && child.name !== 'br',
  )
}

/** Share of an element's text that sits inside links. */
export function linkDensity(
  element: Element,
  length: (element: Element) => number = (node) => textOf(node).length,
  linked: (element: Element) => number = linkedCharsCache(length),
): number {
  const total = length(element)
  if (total === 0) return 0
  return Math.min(1, linked(element) / total)
}

/**
 * Characters of the text of every link under an element (nested links counted again, as each is a link),
 * summed once per scoring pass from the element's children: every ancestor is measured, and listing each
 * one's whole subtree made the pass quadratic in the depth of the page.
 */
function linkedCharsCache(length: (element: Element) => number): (element: Element) => number {
  const cache = new Map<Element, number>()
  const linked = (element: Element): number => {
    let found = cache.get(element)
    if (found === undefined) {
      found = 0
      for (const child of element.children)
        if (isTag(child)) found += (child.name === 'a' ? length(child) : 0) + linked(child)
      cache.set(element, found)
    }
    return found
  }
  return linked
}

/**
 * What scoring reads of an element's text (`textOf`: whitespace runs collapsed to one space, then trimmed)
 * without building it: the collapsed length before trimming, whether it starts and ends with a space, and
 * its commas. These compose: an element's measure is its children's, joined (two spaces meeting at a seam
 * are one), so each text node is read once per pass instead of once per scored ancestor.
 */
interface TextMeasure {
  length: number
  startsWithSpace: boolean
  endsWithSpace: boolean
  commas: number
}

const EMPTY: TextMeasure = { length: 0, startsWithSpace: false, endsWithSpace: false, commas: 0 }
const SPACE: TextMeasure = { length: 1, startsWithSpace: true, endsWithSpace: true, commas: 0 }

/** The length of `textOf`'s string: the collapsed text less a leading and a trailing space. */
function trimmedLength(measure: TextMeasure): number {
  if (measure.length === 0) return 0
  const trimmed =
    measure.length - (measure.startsWithSpace ? 1 : 0) - (measure.endsWithSpace ? 1 : 0)
  return Math.max(0, trimmed)
}

function join(left: TextMeasure, right: TextMeasure): TextMeasure {
  if (left.length === 0) return right
  if (right.length === 0) return left
  const seam = left.endsWithSpace && right.startsWithSpace ? 1 : 0
  return {
    length: left.length + right.length - seam,
    startsWithSpace: left.startsWithSpace,
    endsWithSpace: right.endsWithSpace,
    commas: left.commas + right.commas,
  }
}

/** A text node's measure: `\s` is the whitespace that `textOf` collapses and `trim` removes. */
function measureText(data: string): TextMeasure {
  if (data.length === 0) return EMPTY
  const collapsed = data.replace(/\s+/g, ' ')
  return {
    length: collapsed.length,
    startsWithSpace: collapsed.startsWith(' '),
    endsWithSpace: collapsed.endsWith(' '),
    commas: countCommas(data),
  }
}

function countCommas(text: string): number {
  return text.match(/[,，、]/g)?.length ?? 0
}

/** Each node's measure, computed once per scoring pass from its children (as `textOf` walks them). */
function textMeasures(): (node: AnyNode) => TextMeasure {
  const cache = new Map<AnyNode, TextMeasure>()
  const measure = (node: AnyNode): TextMeasure => {
    if (isText(node)) return measureText(node.data)
    if (isTag(node)) {
      if (SKIP_TEXT_TAGS.has(node.name)) return EMPTY
      if (node.name === 'br') return SPACE
    } else if (!('children' in node)) return EMPTY
    let found = cache.get(node)
    if (found === undefined) {
      found = EMPTY
      for (const child of (node as Element).children) found = join(found, measure(child))
      cache.set(node, found)
    }
    return found
  }
  return measure
}
