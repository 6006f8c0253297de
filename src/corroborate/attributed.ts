import type { Article, Span } from '../types.js'
import { readAnnotations } from './annotations.js'

/** A stretch of an article that it reports as someone's words (direct or indirect), with the speaker. */
export interface ReportedSpan {
  start: number
  end: number
  speaker: string
}

/**
 * The article's reported speech with a named speaker: the attributions its annotation stage stored on it
 * (`attributions`, direct and indirect), and the quotes `readAnnotations` reads. Unnamed sources count too
 * ("state media"), since the speaker is then the source as written.
 */
export function reportedSpans(article: Article): ReportedSpan[] {
  let spans = reported.get(article)
  if (spans === undefined) reported.set(article, (spans = reportedSpansOf(article)))
  return spans
}

/** An article's reported spans, read once: a brief asks for them with each of its lines (verify). */
const reported = new WeakMap<Article, ReportedSpan[]>()

function reportedSpansOf(article: Article): ReportedSpan[] {
  const spans: ReportedSpan[] = []
  for (const attribution of article.attributions ?? [])
    if (attribution.speaker !== null)
      spans.push({ ...attribution.content, speaker: attribution.speaker })
  for (const quote of readAnnotations(article).quotes)
    if (quote.speaker !== null)
      spans.push({ start: quote.start, end: quote.end, speaker: quote.speaker })
  return spans
}

/**
 * Who the article attributes its evidence to: the speaker of the reported speech that covers most of the
 * first evidence sentence (the one nearest the claim), or null when the article says it in its own voice.
 * Only the nearest sentence counts: a quote further down ("…, Peskov said") is not the article's source for
 * the claim. Covering "most" is over half of the sentence's characters: a quote of a few words inside an
 * asserted sentence does not make the sentence reported.
 */
export function attributedTo(evidence: Span[], reported: ReportedSpan[]): string | null {
  const sentence = evidence[0]
  if (sentence === undefined) return null
  // One speaker's stretches are merged: "X has done Y, state media said, as Z" is two stretches, and a quote
  // may also be stored as an attribution (counted once).
  const bySpeaker = new Map<string, [number, number][]>()
  for (const span of reported) {
    const start = Math.max(span.start, sentence.start)
    const end = Math.min(span.end, sentence.end)
    if (end > start)
      bySpeaker.set(span.speaker, [...(bySpeaker.get(span.speaker) ?? []), [start, end]])
  }
  let best: { speaker: string | null; covered: number } = { speaker: null, covered: 0 }
  for (const [speaker, ranges] of bySpeaker) {
    const covered = coveredLength(ranges)
    if (covered > best.covered) best = { speaker, covered }
  }
  return best.covered * 2 > sentence.end - sentence.start ? best.speaker : null
}

/** Characters covered by the union of ranges. */
function coveredLength(ranges: [number, number][]): number {
  let total = 0
  let reach = -Infinity
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    total += Math.max(0, end - Math.max(start, reach))
    reach = Math.max(reach, end)
  }
  return total
}
