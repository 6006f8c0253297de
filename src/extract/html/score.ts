import { classAndId, descendants, type Element, isTag, isText, textOf } from './dom.js'
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

/** Finds the element that holds the story: Readability-style scoring of paragraphs into their ancestors. */
export function findContentRoot(root: Element, options: ScoreOptions): Element | null {
  const scores = new Map<Element, number>()
  const excluded = options.useClassHints ? negativeSubtrees(root) : new Set<Element>()
  for (const element of descendants(root)) {
    if (!SCORED_TAGS.has(element.name) || excluded.has(element)) continue
    if (element.name === 'div' && hasBlockChild(element)) continue
    const text = textOf(element)
    if (text.length < MIN_PARAGRAPH_CHARS) continue
    const score =
      1 + (text.match(/[,，、]/g)?.length ?? 0) + Math.min(Math.floor(text.length / 100), 3)
    let ancestor = element.parent
    for (let level = 0; level < ANCESTOR_LEVELS && ancestor !== null && isTag(ancestor); level++) {
      if (!scores.has(ancestor)) scores.set(ancestor, initialScore(ancestor, options))
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3
      scores.set(ancestor, (scores.get(ancestor) ?? 0) + score / divider)
      ancestor = ancestor.parent
    }
  }
  const ranked = [...scores.entries()]
    .map(([element, score]) => [element, score * (1 - linkDensity(element))] as const)
    .sort((a, b) => b[1] - a[1])
  const top = ranked[0]
  if (top === undefined) return null
  return widenToCommonAncestor(top[0], top[1], ranked.slice(1, 6))
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
export function linkDensity(element: Element): number {
  const total = textOf(element).length
  if (total === 0) return 0
  const linked = descendants(element)
    .filter((child) => child.name === 'a')
    .reduce((sum, link) => sum + textOf(link).length, 0)
  return Math.min(1, linked / total)
}

export function directTextLength(element: Element): number {
  return element.children.reduce(
    (sum, child) => sum + (isText(child) ? child.data.trim().length : 0),
    0,
  )
}
