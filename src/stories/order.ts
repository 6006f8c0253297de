import type { Article } from '../types.js'

/** The order articles are clustered in: dated ones by day, then undated ones; ties by id. */
export function canonicalOrder(a: Article, b: Article): number {
  const dayA = a.published ?? '9999'
  const dayB = b.published ?? '9999'
  return dayA < dayB ? -1 : dayA > dayB ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
