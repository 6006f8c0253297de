/**
 * The ScrapingHub article-extraction benchmark's metric, re-implemented from its evaluate.py as described in
 * ../shared/data/article-extraction/README.txt: \w+ tokens, 4-gram shingle multisets, per-page tp/fp/fn
 * normalised, precision and recall macro-averaged, F1 from the averages.
 */
export interface PageScore {
  tp: number
  fp: number
  fn: number
  exact: boolean
}

const WORD = /[\p{L}\p{N}_]+/gu

function tokens(text: string): string[] {
  return text.match(WORD) ?? []
}

function shingles(text: string): Map<string, number> {
  const words = tokens(text)
  const counts = new Map<string, number>()
  if (words.length === 0) return counts
  const grams =
    words.length < 4
      ? [words.join(' ')]
      : words.slice(0, words.length - 3).map((_, index) => words.slice(index, index + 4).join(' '))
  for (const gram of grams) counts.set(gram, (counts.get(gram) ?? 0) + 1)
  return counts
}

export function scorePage(truth: string, prediction: string): PageScore {
  const expected = shingles(truth)
  const predicted = shingles(prediction)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const [gram, count] of predicted) {
    const wanted = expected.get(gram) ?? 0
    tp += Math.min(count, wanted)
    fp += Math.max(0, count - wanted)
  }
  for (const [gram, count] of expected) fn += Math.max(0, count - (predicted.get(gram) ?? 0))
  const total = tp + fp + fn
  const exact = tokens(truth).join(' ') === tokens(prediction).join(' ')
  return total === 0
    ? { tp: 0, fp: 0, fn: 0, exact }
    : { tp: tp / total, fp: fp / total, fn: fn / total, exact }
}

export interface BenchmarkScore {
  f1: number
  precision: number
  recall: number
  accuracy: number
}

export function aggregate(pages: PageScore[]): BenchmarkScore {
  const precisions: number[] = []
  const recalls: number[] = []
  for (const { tp, fp, fn } of pages) {
    if (fp === 0 && fn === 0) {
      precisions.push(1)
      recalls.push(1)
      continue
    }
    if (tp + fp > 0) precisions.push(tp / (tp + fp))
    if (tp + fn > 0) recalls.push(tp / (tp + fn))
  }
  const mean = (values: number[]): number =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length
  const precision = mean(precisions)
  const recall = mean(recalls)
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    accuracy: pages.filter((page) => page.exact).length / pages.length,
  }
}
