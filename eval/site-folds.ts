import { fnv1a32 } from '../src/text/hash.js'

/**
 * Cross-validation over site groups: every page of a site falls in the same fold, so a rule tuned on some
 * sites is judged on sites it never saw. Pages of the Wayback Machine belong to the site they archive; pages
 * without a URL are each a group of their own.
 */
export const FOLDS = 5

export function siteOf(url: string | null, fallback: string): string {
  if (url === null || url === '') return fallback
  try {
    const parsed = new URL(url)
    const archived = /^\/web\/\d+[a-z_]*\/(https?:\/\/.+)$/.exec(parsed.pathname + parsed.search)
    if (parsed.hostname === 'web.archive.org' && archived?.[1] !== undefined)
      return siteOf(archived[1], fallback)
    return parsed.hostname.toLowerCase().replace(/^www\d?\./, '')
  } catch {
    return fallback
  }
}

/** The fold (0..FOLDS-1) of a site, stable across runs. */
export function foldOf(site: string, folds = FOLDS): number {
  return fnv1a32(site) % folds
}

/** Items split into folds by their site. */
export function byFold<T>(items: T[], site: (item: T) => string, folds = FOLDS): T[][] {
  const groups: T[][] = Array.from({ length: folds }, () => [])
  for (const item of items) groups[foldOf(site(item), folds)]?.push(item)
  return groups
}

/** Mean and sample standard deviation of per-fold figures. */
export function meanSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)
  const variance =
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1)
  return { mean, sd: Math.sqrt(variance) }
}

export function formatMeanSd(values: number[]): string {
  const { mean, sd } = meanSd(values)
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)}`
}
