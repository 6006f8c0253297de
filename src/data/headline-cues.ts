/**
 * Cue words the headline stance model (src/corroborate/stance/headline.ts) counts beside REFUTING and HEDGING of
 * stance-words.ts (which the body model also reads, so they are left as they are). Where they come from:
 * Ferreira & Vlachos 2016 ("Emergent", NAACL) describe refuting and hedging word lists for their headline
 * features; these are the words of those lists as their reimplementations spell them (the FNC-1 baseline's refuting
 * list, the hedging adverbs, modals and reporting verbs) that stance-words.ts lacks. "Rumour" is refuting there and
 * hedging here (F&V count it as hedging): a headline with it gets both cues.
 * Kept because they won under 5-fold cross-validation by claim on Emergent's training part (README, "Headline
 * stance"); the model learns what each count weighs.
 */
export const HEADLINE_REFUTING = ['refute']

export const HEADLINE_HEDGING = [
  'evidently',
  'largely',
  'likely',
  'mainly',
  'maybe',
  'mostly',
  'perhaps',
  'presumably',
  'probably',
  'purported',
  'rumor',
  'rumour',
  'rumors',
  'rumours',
  'seem',
  'somewhat',
]

/**
 * Words of reporting and rumour (a headline that passes a report on: "Report:", "X claims", "may", "sources say",
 * "reportedly"). Emergent's `observing` headlines are mostly hedged reporting; each word present is a cue of its
 * own, and one that opens the headline another. Kept because the set won under 5-fold CV by claim on Emergent's
 * training part (README, "reporting cues and the swapped reading").
 */
export const HEADLINE_REPORTING = [
  'report',
  'reports',
  'reported',
  'reportedly',
  'says',
  'said',
  'say',
  'claims',
  'claim',
  'claimed',
  'according',
  'rumor',
  'rumors',
  'rumour',
  'rumours',
  'rumored',
  'rumoured',
  'may',
  'might',
  'could',
  'allegedly',
  'alleged',
  'source',
  'sources',
  'apparently',
  'suggests',
  'believed',
  'hints',
  'possibly',
  'unconfirmed',
  'insists',
  'tweets',
  'tells',
  'told',
]
