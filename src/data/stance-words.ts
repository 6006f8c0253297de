/**
 * Word lists the stance model counts. Where they come from:
 * - REFUTING: the FNC-1 organisers' baseline (FakeNewsChallenge/fnc-1-baseline, feature_engineering.py
 *   `_refuting_words`), plus "false", "untrue", "rumour(s)", "myth", "satire" and "satirical" (Emergent's
 *   debunking headlines use them; Ferreira & Vlachos 2016 list similar "refuting" cues).
 * - HEDGING: Ferreira & Vlachos 2016's hedging cues ("reportedly", "allegedly", "claims", "may"), plus the
 *   verbs of reporting a rumour ("rumoured", "purportedly", "apparently").
 * - NEGATION: plain English negators; a claim and a text that differ in negation parity disagree more often.
 * The model learns how much each count weighs; these lists only say what is counted.
 */
export const REFUTING = [
  'fake',
  'fraud',
  'hoax',
  'false',
  'deny',
  'denies',
  'denied',
  'denial',
  'not',
  'despite',
  'nope',
  'doubt',
  'doubts',
  'bogus',
  'debunk',
  'debunks',
  'debunked',
  'pranks',
  'retract',
  'retracts',
  'retracted',
  'untrue',
  'rumour',
  'rumours',
  'rumor',
  'rumors',
  'myth',
  'satire',
  'satirical',
]

export const HEDGING = [
  'alleged',
  'allegedly',
  'apparently',
  'appear',
  'appears',
  'claim',
  'claims',
  'claimed',
  'could',
  'may',
  'might',
  'possibly',
  'purportedly',
  'reportedly',
  'reports',
  'reported',
  'rumoured',
  'rumored',
  'says',
  'said',
  'suggest',
  'suggests',
  'unconfirmed',
  'unverified',
  'believed',
  'suspected',
  'according',
]

export const NEGATION = [
  'not',
  'no',
  'never',
  "n't",
  'nothing',
  'none',
  'neither',
  'nor',
  'without',
]
