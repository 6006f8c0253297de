/**
 * Verbs that name an event a date can belong to, by the kind of event (the subject of a date conflict:
 * "when was the car handed over"). Written from news usage; an event kind groups verbs that report the same
 * happening from either side ("gave" / "received"). Reporting verbs ("said", "reported", "confirmed") are
 * not events: a date next to them is when something was said (REPORTING_EVENTS, kept apart so a date is
 * not given to the wrong verb).
 */
export const EVENT_VERBS: Record<string, string[]> = {
  handover: [
    'gift',
    'gifted',
    'gave',
    'given',
    'give',
    'gives',
    'sent',
    'send',
    'delivered',
    'hand-delivered',
    'handed',
    'received',
    'accepted',
    'presented',
    'donated',
    'transferred',
    'shipped',
  ],
  accident: ['collapsed', 'crashed', 'derailed', 'sank', 'capsized', 'exploded', 'erupted'],
  death: ['killed', 'died', 'dead', 'slain', 'murdered', 'executed', 'beheaded'],
  arrest: ['arrested', 'detained', 'charged', 'indicted', 'jailed', 'sentenced'],
  attack: ['attacked', 'struck', 'bombed', 'shot', 'fired', 'launched', 'invaded'],
  meeting: ['met', 'meet', 'meets', 'visited', 'visit', 'visits', 'summit', 'talks'],
  agreement: ['signed', 'agreed', 'approved', 'passed', 'ratified'],
  // Labour action: "went on strike", "walked out", "walked off the job" ("a strike" is a noun, no event).
  strike: ['strike', 'striking', 'walked', 'walkout'],
  election: ['elected', 'won', 'voted', 'defeated', 'resigned', 'appointed', 'nominated'],
}

export const REPORTING_EVENTS = [
  'said',
  'says',
  'reported',
  'reports',
  'confirmed',
  'told',
  'announced',
  'added',
  'stated',
  'wrote',
  'tweeted',
  'posted',
  'briefing',
  'published',
  'asked',
  'noted',
  'indicated',
]
