import { type StoreUpdateOptions, type StoreUpdateResult, updateStore } from './incremental.js'
import { extractInputs } from './pipeline.js'
import type { Store } from './store/store.js'
import type { Article } from './types.js'

/**
 * Articles extracted and placed per store update while streaming: memory holds one batch of articles, not
 * the whole input (a 1 GB JSONL export has ~200k articles), and each update still places many at once.
 */
export const STREAM_BATCH = 1000

/**
 * Ingests inputs batch by batch: reads and extracts up to `batchSize` articles, adds and places them
 * (`updateStore`, as the store's only writer), forgets them, and goes on. Same placement as one
 * `updateStore` call over everything, in batches, as successive ingests would do.
 */
export async function ingestInputs(
  store: Store,
  inputs: string[],
  options: StoreUpdateOptions & {
    batchSize?: number
    /** Called before each batch is placed, with its size (the CLI's progress line). */
    onPlacing?: (articles: number) => void
  } = {},
): Promise<StoreUpdateResult> {
  const total: StoreUpdateResult = {
    added: [],
    existing: [],
    ids: [],
    placed: 0,
    changedStories: [],
    merged: [],
  }
  let batch: Article[] = []
  let first = true
  const flush = async (): Promise<void> => {
    const articles = batch
    batch = []
    options.onPlacing?.(articles.length)
    // --rebuild clears the stories once, inside the first batch's update.
    const result = await updateStore(store, articles, {
      ...options,
      rebuild: options.rebuild === true && first,
    })
    first = false
    total.added.push(...result.added)
    total.existing.push(...result.existing)
    total.ids.push(...result.ids)
    total.placed += result.placed
    total.changedStories = [...new Set([...total.changedStories, ...result.changedStories])]
    total.merged.push(...result.merged)
  }
  // Read and extracted as `analyze` reads (threads with `workers`); only the batch's articles are held.
  for await (const article of extractInputs(inputs, options)) {
    batch.push(article)
    if (batch.length >= (options.batchSize ?? STREAM_BATCH)) await flush()
  }
  // Last (possibly empty) batch: also places what the store held unplaced (after --rebuild, or a crash).
  await flush()
  return total
}
