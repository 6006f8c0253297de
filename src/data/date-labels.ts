/**
 * Words that label a date shown on a page as the page's own (publication or last change), as data, in the
 * languages the date parser reads. Matched at the end of the text just before a date ("Published: …",
 * "Erstellt am …", "Stand: …", "Publié le …"). Lower case; a trailing colon or "on/am/le/el/il" is allowed.
 */
export const PUBLISHED_DATE_LABELS = [
  'published',
  'posted',
  'first published',
  'date',
  'dated',
  'released',
  'veröffentlicht',
  'erstellt',
  'publiziert',
  'datum',
  'erschienen',
  'stand',
  'geschrieben',
  'publié',
  'mis en ligne',
  'publicado',
  'fecha',
  'pubblicato',
  'data',
  'gepubliceerd',
  'geplaatst',
  'publicerad',
  'опубликовано',
  'дата',
  'опубліковано',
]

export const MODIFIED_DATE_LABELS = [
  'updated',
  'last updated',
  'last modified',
  'modified',
  'last changed',
  'aktualisiert',
  'zuletzt',
  'zuletzt geändert',
  'zuletzt aktualisiert',
  'letzte änderung',
  'geändert',
  'mis à jour',
  'modifié',
  'actualizado',
  'aggiornato',
  'bijgewerkt',
  'uppdaterad',
  'обновлено',
  'оновлено',
]

/**
 * Words that make a date in running text the bound of a period ("Seit 4. August 2014 ist … in Kraft", "until
 * 3 May 2021"), a date the story speaks of rather than the page's own. Matched at the end of the text just
 * before a date, with an optional article ("bis zum", "jusqu'au"). Lower case, in the date labels' languages.
 */
export const PERIOD_BOUND_WORDS = [
  'since',
  'until',
  'till',
  'from',
  'seit',
  'bis',
  'ab',
  'depuis',
  "jusqu'au",
  'jusqu’au',
  'desde',
  'hasta',
  'sinds',
  'tot',
  'dal',
  'fino al',
  'até',
  'с',
  'до',
  'від',
]

/**
 * Labels of the clock a page (a forum's header or footer: phpBB's "It is currently …") shows with the time it
 * was served, never the date of what it holds. Matched just before a date, in the date labels' languages.
 */
export const CURRENT_TIME_LABELS = [
  'it is currently',
  'current time',
  'aktuelle zeit',
  'nous sommes le',
  'fecha actual',
  'oggi è',
  'het is nu',
  'текущее время',
]

/**
 * A bibliographic reference ends just before the date of the work it cites: its pages ("In: Science; Vol. 371,
 * pp. 260 - 264, 15. Januar 2021"), whose number the date parser may also read as the date's clock time ("pp.
 * 232, 15. Januar 2021" read from "232"). Pages only: a magazine's own issue and its date ("Heft 3, 12. März
 * 2020") can be the page's date.
 */
export const CITATION_BEFORE_DATE = /\bpp?\.\s*(?:\d+(?:\s*[-–]\s*\d+)?\s*[,;]?\s*)?$/i
