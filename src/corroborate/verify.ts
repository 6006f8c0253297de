/**
 * STAND-IN for issue #11's `verify`: a deliberately minimal version (shared content words between the claim
 * and each sentence, no stance detection beyond a negation flip) so that `corroborate serve`, its API and its
 * browser tests run on this branch. The return shape is the one of CONTRACT.md; #11's file replaces this one.
 */
import { splitSentences } from '../text/sentences.js'
import type { Article, Span } from '../types.js'
import { contentWords, overlap } from './group-similar.js'

export type Stance = 'agree' | 'disagree' | 'discuss' | 'unrelated'

export interface Verdict {
  articleId: string
  stance: Stance
  evidence: Span[]
  confidence: number
}

export interface VerifyResult {
  claim: string
  verdicts: Verdict[]
  /** Independent sources that agree (copies count once). */
  support: number
  /** Independent sources that disagree. */
  dispute: number
}

/** Share of the claim's content words a sentence must carry to count as evidence (stand-in value). */
const RELATED = 0.5
const NEGATION = /\b(?:not|no|never|denied|denies|deny|false|untrue)\b|n't\b/i

/** Which articles agree or disagree with a claim, with the sentences that say so (stand-in, see above). */
export function verify(claim: string, articles: Article[]): VerifyResult {
  const claimWords = contentWords(claim)
  const claimNegated = NEGATION.test(claim)
  const verdicts = articles.map((article): Verdict => {
    let best: { score: number; span: Span; negated: boolean } | null = null
    for (const sentence of splitSentences(article.text)) {
      const score = overlap(claimWords, contentWords(sentence.text)).containment
      if (score >= RELATED && (best === null || score > best.score))
        best = {
          score,
          span: { articleId: article.id, start: sentence.start, end: sentence.end },
          negated: NEGATION.test(sentence.text),
        }
    }
    if (best === null)
      return { articleId: article.id, stance: 'unrelated', evidence: [], confidence: 0 }
    return {
      articleId: article.id,
      stance: best.negated === claimNegated ? 'agree' : 'disagree',
      evidence: [best.span],
      confidence: Number(best.score.toFixed(3)),
    }
  })
  // The stand-in does not know the story's copies: each article counts as its own source.
  const sources = (stance: Stance): number =>
    verdicts.filter((verdict) => verdict.stance === stance).length
  return { claim, verdicts, support: sources('agree'), dispute: sources('disagree') }
}
