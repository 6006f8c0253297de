/**
 * Words of bylines, as data. Prefixes are the words a byline starts with before the names, in the languages
 * the date labels cover (src/data/date-labels.ts); organisation words mark a credit line as a desk, an agency
 * or a company (the contract's `authors` holds people only). Sources: the newsroom and CMS templates of those
 * languages (WordPress "Posted by", German "Von … | Ein Artikel von …", Spanish "Por …"); not any test set.
 */
export const BYLINE_PREFIXES = [
  'by',
  'written by',
  'posted by',
  'story by',
  'words by',
  'reporting by',
  'author',
  'authors',
  'von',
  'text',
  'text von',
  'autor',
  'autorin',
  'autoren',
  'verfasst von',
  'geschrieben von',
  'ein artikel von',
  'ein beitrag von',
  'ein kommentar von',
  'ein gastbeitrag von',
  'par',
  'publié par',
  'auteur',
  'por',
  'escrito por',
  'texto',
  'redacción',
  'di',
  'scritto da',
  'door',
  'geschreven door',
  'av',
  'skrivet av',
  'de',
]

/**
 * Words that make a name an organisation, a desk or a placeholder rather than a person (whole words, any
 * case): legal forms, media words, newsroom desks, the wire services.
 */
export const ORGANISATION_WORDS =
  /(?<![\p{L}])(gmbh|ag|kg|e\.\s?v\.?|ev|inc\.?|ltd\.?|llc|s\.a\.|sa|srl|verlag|verlagsgruppe|redaktion|redaction|rédaction|redacción|redazione|newsroom|desk|staff|team|media|média|médias|medien|news|nachrichten|noticias|online|magazin|magazine|illustrierte|zeitung|zeitschrift|journal|press|presse|prensa|tv|radio|sport|verband|bund|institut|institute|ministerium|ministry|agentur|agency|agencies|group|gruppe|stiftung|foundation|universität|university|dpa|afp|ap|reuters|kna|epd|sid|apa|efe|ansa|lusa|xinhua|admin|administrator|webmaster|editor|editors|editorial|gast|guest)(?![\p{L}])/iu
