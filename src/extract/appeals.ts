import { type BlockFeatures, hasQuotation, readerAddressCount } from './blocks.js'

/** How far (in blocks) an appeal box may reach from its opening or closing line. */
const APPEAL_REACH = 6

/**
 * Marks the blocks of reader-revenue boxes. Such a box opens or closes with a lexicon line ("Your support
 * helps us…", "Your support makes all the difference.") and holds prose that speaks to the reader ("we",
 * "your") without quoting anyone. Prose alone cannot be told from the story, so only blocks within reach of
 * an anchor and addressing the reader are marked.
 */
export function markAppeals(blocks: BlockFeatures[]): boolean[] {
  const marked = blocks.map((block) => block.lexiconKind === 'appeal')
  const anchors = marked.flatMap((isAnchor, index) => (isAnchor ? [index] : []))
  for (const anchor of anchors) {
    for (const step of [1, -1]) {
      for (let index = anchor + step, reach = 0; reach < APPEAL_REACH; index += step, reach++) {
        const block = blocks[index]
        if (block === undefined || marked[index]) break
        if (readerAddressCount(block.text) === 0 || hasQuotation(block.text)) break
        marked[index] = true
      }
    }
  }
  return marked
}
