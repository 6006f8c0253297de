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
  let best: { speaker: string; covered: number } | null = null
  for (const span of reported) {
    const covered = Math.min(span.end, sentence.end) - Math.max(span.start, sentence.start)
    if (covered > 0 && (best === null || covered > best.covered))
      best = { speaker: span.speaker, covered }
  }
  return best !== null && best.covered * 2 > sentence.end - sentence.start ? best.speaker : null
}
