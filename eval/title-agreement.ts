import { parseHtml } from '../src/extract/html/dom.js'
import { readPageMeta } from '../src/metadata/index.js'
import { hostOf } from '../src/metadata/publisher.js'
import { HEADING_AGREEMENT, chooseTitle } from '../src/metadata/title.js'
import type { MetadataPage } from './metadata-pages.js'
import { normTitle } from './page-metrics.js'
import { byFold, meanSd, siteOf } from './site-folds.js'

/** Agreement bars tried (Dice of word sets between a visible heading and a markup title). */
const GRID = [
  0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1.01,
]

export interface TitleAgreementCv {
  /** The bar each held-out fold was judged with (chosen on the other folds). */
  chosen: number[]
  /** Headline exact on each held-out fold. */
  heldOut: number[]
  mean: number
  sd: number
  /** Headline exact over all pages per bar, to show the plateau. */
  grid: { bar: number; exact: number }[]
  shipped: number
}

/**
 * Cross-validates the bar from which a visible heading is taken as the headline: for each site fold, the bar
 * with the best headline exact on the other folds, judged on the fold. Titles are chosen as `extract` does,
 * from the same page markup.
 */
export function crossValidateTitleAgreement(pages: MetadataPage[]): TitleAgreementCv {
  const prepared = pages
    .filter((page) => (page.gold.title ?? []).some(Boolean))
    .map((page) => {
      const meta = readPageMeta(parseHtml(page.html))
      const url = page.gold.url ?? meta.canonicalUrl
      const siteNames = [
        meta.siteName,
        meta.publisherName,
        hostOf(url)?.replace(/^www\./, '') ?? null,
      ]
      return {
        page,
        gold: (page.gold.title ?? []).map(normTitle),
        sources: {
          candidates: meta.titles,
          headings: meta.headings,
          siteNames: siteNames.filter((name): name is string => name !== null),
        },
      }
    })
  type Prepared = (typeof prepared)[number]
  const exact = (subset: Prepared[], bar: number): number =>
    subset.filter((item) => {
      const title = normTitle(chooseTitle(item.sources, bar))
      return title !== '' && item.gold.includes(title)
    }).length / Math.max(1, subset.length)
  const folds = byFold(prepared, (item) => siteOf(item.page.gold.url, item.page.id))
  const chosen: number[] = []
  const heldOut: number[] = []
  folds.forEach((fold, index) => {
    const training = folds.filter((_, other) => other !== index).flat()
    // Among the bars that tie for the best figure, the middle one (a plateau's centre, not its edge).
    const scores = GRID.map((bar) => exact(training, bar))
    const top = Math.max(...scores)
    const tied = GRID.filter((_, at) => (scores[at] ?? 0) >= top - 1e-9)
    const best = tied[Math.floor((tied.length - 1) / 2)] ?? HEADING_AGREEMENT
    chosen.push(best)
    heldOut.push(exact(fold, best))
  })
  return {
    chosen,
    heldOut,
    ...meanSd(heldOut),
    grid: GRID.map((bar) => ({ bar, exact: exact(prepared, bar) })),
    shipped: HEADING_AGREEMENT,
  }
}
