/**
 * Boilerplate phrases, as data. Each pattern names the kind of block it marks and where the pattern comes
 * from. Patterns are phrases that recur across many news sites (CMS defaults such as WordPress comment forms,
 * donation and app-promo conventions, share bars), never strings of one outlet.
 *
 * Cautions: a pattern is tested against a whole line or block; anchor it (^...$) when the phrase could occur
 * inside real prose ("comments" alone is a word reporters use).
 */
import { prefiltered } from '../text/boundary-free.js'
import { MODIFIED_DATE_LABELS, PUBLISHED_DATE_LABELS } from './date-labels.js'

export interface BoilerplatePattern {
  kind: string
  pattern: RegExp
  /** Where the phrase is seen; why it is boilerplate. */
  note: string
}

export const BOILERPLATE_PATTERNS: BoilerplatePattern[] = [
  {
    kind: 'sponsor',
    pattern: /^(sponsor(ed)?( content| by)?|advertisement|paid (post|content)|promoted)\b[:\s]?/i,
    note: 'ad slots and sponsor labels',
  },
  {
    kind: 'related',
    pattern:
      /^(read more|read also|also read|see also|related( articles| stories| coverage| content)?|more from|recommended( for you)?|recommendations?|trending|most (read|popular|viewed)|ranking|you (may|might) also like|more stories|top stories|latest news|what to read next)\b\s*[:.]?/i,
    note: 'related-link headers and inline "Read More:" teasers',
  },
  {
    kind: 'comments',
    pattern:
      /^(leave a (comment|reply)|send a comment|post a comment|add a comment|join (our|the) (commenting forum|conversation|discussion)|comments?( \(\d+\))?|\d+ comments?|show comments|view comments|be the first to comment)\s*[:.!]?$/i,
    note: 'comment-section headers',
  },
  {
    kind: 'comments',
    pattern:
      /your email address will not be published|required fields are marked|join thought-provoking conversations|follow other .{1,40} readers and see their replies/i,
    note: 'WordPress and publisher comment-form defaults',
  },
  {
    kind: 'comments',
    pattern:
      /^((\d+|keine|no)\s+)?(kommentare?|comentarios?|commentaires?|commenti|reacties|kommentarer|комментарии|коментарі)(\s*\(\d+\)|\s+(geschlossen|schreiben|anzeigen|verfassen|zu diesem artikel)|\s+(insgesamt\s*:?\s*)?\d+)?\s*[:.!]?$|^(schreibe|schreiben sie) einen kommentar|^(deja|dejar|escribe) un comentario|^(laisser|laissez|ajouter) un commentaire|^lascia un commento|^kommentieren$|^kommentar (schreiben|verfassen|abgeben)/i,
    note: 'comment-section headers in the languages the date labels cover (WordPress defaults translated)',
  },
  {
    kind: 'login',
    pattern:
      /^(thank you for registering|please (refresh|log ?in|sign ?in|register)|already (a subscriber|have an account)|sign (in|up)( now)?|log ?in|create (a free )?account)\b/i,
    note: 'registration and login prompts',
  },
  {
    kind: 'appeal',
    pattern:
      /^your (support|donation|contribution) (helps|makes|allows|keeps|means)|^support (our|independent) journalism|^(please )?(donate|contribute) (now|today)|^become a (member|supporter|subscriber)/i,
    note: 'reader-revenue appeals',
  },
  {
    kind: 'newsletter',
    pattern:
      /^(sign up|subscribe)( now| today)? (to|for) (our|the)? ?(free )?(daily |weekly )?(newsletter|briefing|email)|newsletter sign-?up|get (our|the) .{0,30}newsletter/i,
    note: 'newsletter boxes',
  },
  {
    kind: 'app-promo',
    pattern:
      /\bdownload (the|our) .{0,40}\bapps?\b|\bget (the )?app\b|\bswitch to the .{0,30} app\b|available on the app store|get it on google play/i,
    note: 'app promotion lines',
  },
  {
    kind: 'app-promo',
    pattern: /^catch all the .{0,80}\b(news|updates)\b/i,
    note: 'section promo footers of Indian business sites',
  },
  {
    kind: 'share',
    pattern:
      /^(share( this( article| story)?| on)?|tweet|email|print|copy link|whatsapp|facebook|twitter|linkedin|pinterest|reddit)\s*[:.]?$/i,
    note: 'share bars',
  },
  {
    kind: 'cookie',
    pattern:
      /\b(we use cookies|this (web)?site uses cookies|accept (all )?cookies|cookie (policy|settings))\b/i,
    note: 'cookie banners',
  },
  {
    kind: 'subscription',
    pattern:
      /^(subscribe|subscribers? only|this (article|content) is (for|available to) subscribers|you have reached your (free )?article limit|to continue reading)\b/i,
    note: 'paywall prompts',
  },
  {
    kind: 'tags',
    pattern: /^(-\s*)?(in|tags?|topics?|filed under|categories)\s*:\s*$/i,
    note: 'tag-list headers',
  },
  {
    kind: 'rating',
    pattern: /^[\p{L}!]{2,20}!?\s*\(\d+\)$/u,
    note: 'rating or reaction widgets ("Like (12)")',
  },
  {
    kind: 'navigation',
    pattern:
      /^(back|next|previous|prev|home|topic|topics|menu|view|close|more|skip to (main )?content|back to top)\s*[:>»]?$/i,
    note: 'navigation controls',
  },
  { kind: 'breadcrumb', pattern: /^(current\s*:\s*)?home\s*[>»/|]/i, note: 'breadcrumb trails' },
  {
    kind: 'embed',
    pattern: /^\[[\w-]+(\s+[\w-]+(=\S*)?)*\s*\]$|^<(iframe|script|embed|blockquote class)/i,
    note: 'CMS shortcodes and raw embed codes left in scraped text',
  },
  {
    kind: 'photo-credit',
    pattern: /^(photo|image|picture|credit|source)s?\s*:\s*\S.{0,80}$/i,
    note: 'credit lines',
  },
  {
    kind: 'newsletter',
    pattern:
      /\bin your inbox\b|\bsubscribe to (our|the|[\p{Lu}][\w.’'-]*(?:'s|’s)?) .{0,40}newsletters?\b/iu,
    note: 'newsletter promos inside articles ("Get the latest updates right in your inbox")',
  },
  {
    kind: 'byline',
    pattern:
      /^(posted|published|updated|last updated|first published)( by [^,]{2,60})?( on| at|:)? .{0,40}\d.{0,40}$/i,
    note: 'byline and date lines of CMS templates ("Posted by X on November 19, 2019", "Updated at 1:23 p.m.")',
  },
  {
    kind: 'embed',
    pattern: /\brequires javascript\b|\benable javascript\b|\byour browser does not support\b/i,
    note: 'fallback text of scripted embeds (slideshows, video players)',
  },
  {
    kind: 'embed',
    pattern:
      /^\[\/?[a-z][\w-]*(\s[^\]]*)?\]$|^\[[a-z][\w-]*\s[^\]]*=[^\]]*\]|^\[([a-z][\w-]*)[^\]]*\].*\[\/\2\]$/i,
    note: 'CMS shortcodes with attributes left in the text ([button link="…"])',
  },
  {
    kind: 'copyright',
    pattern: /\bsubject to copyright\b|\ball rights reserved\b|^(©|copyright ©?)\s*\d{4}/i,
    note: 'copyright notices',
  },
  {
    kind: 'photo-credit',
    pattern:
      /^[^.!?]{0,80}\b(getty images|ap photo|afp|reuters|shutterstock|bloomberg)\s*$|\bphotos?\b.{0,40}©|©.{0,40}\bphotos?\b/i,
    note: 'photo credit lines without parentheses ("Name | Bloomberg | Getty Images", "photos © X")',
  },
  {
    kind: 'related',
    pattern: /^(explore further|more information|further reading)\s*[:.]?$/i,
    note: 'headers of further-reading boxes',
  },
  {
    kind: 'related',
    pattern:
      /^(lesen sie (auch|mehr|weiter)|lies auch|auch interessant|mehr zum thema|(weitere|ähnliche|verwandte) (artikel|beiträge)|meistgelesene?( artikel)?|(das( thema)?|dieses thema|dieser artikel) könnte (sie|dich) auch interessieren|das könnte (sie|dich) auch interessieren|(à )?lire aussi|à lire également|voir aussi|sur le même sujet|articles? similaires|(lee|lea) (también|además)|(también )?te puede interesar|(noticias|artículos) relacionad[oa]s|ver también|leggi anche|potrebbe interessarti|articoli correlati|(veja|leia) também|lees ook|meer over dit onderwerp|czytaj (też|także)|zobacz (też|także)|przeczytaj (też|także)|läs (också|även))(\s*[:.]?$|\s*:)/iu,
    note: 'related-link headers and inline "Lesen Sie auch: …" teasers in the languages the date labels cover (and Portuguese, Polish): a whole line, or the words followed by a colon',
  },
  {
    kind: 'share',
    pattern:
      /^((diesen |den )?(artikel|beitrag|seite) (teilen|empfehlen)|(jetzt )?teilen|möchten sie (den|diesen) (artikel|beitrag) teilen\?|partager( (cet|l')article)?|compartir( (esta|la) (noticia|nota))?|condividi|compartilh(e|ar)|delen|dela|udostępnij|поделиться)\s*[:.!]?$/iu,
    note: 'share-bar labels in the languages the date labels cover (and Portuguese, Polish)',
  },
  {
    kind: 'feedback',
    pattern:
      /^((war|ist) (der|dieser) (artikel|beitrag|text) (nützlich|hilfreich)|(was|is) this (article|page|post) (helpful|useful)|did you find this (article|page|post) (helpful|useful)|cet article (vous )?a-t-il été utile|¿?te (ha )?(resultó|sido) útil (este|esta) (artículo|nota)|questo articolo (ti )?è stato utile)\s*\??$/iu,
    note: 'article-feedback prompts ("War der Artikel nützlich?")',
  },
  {
    kind: 'date-line',
    pattern: new RegExp(
      `^(${[...MODIFIED_DATE_LABELS, ...PUBLISHED_DATE_LABELS].join('|')})( am| le| el| il| on| op| den)?\\s*:?\\s*\\d{1,4}[./-]\\s?\\d{1,2}[./-]\\s?\\d{2,4}[\\s\\d:.,apmuhr]{0,16}$`,
      'iu',
    ),
    note: 'a line that is only a date label and a numeric date ("Aktualisiert am 17.01.2021."), in the languages of the date labels',
  },
  {
    kind: 'tags',
    pattern:
      /^this entry was posted\b|\bbookmark the permalink\b|^(permalink|permalien|enlace permanente)\b/i,
    note: 'WordPress entry footers ("This entry was posted in X. Bookmark the permalink.") and permalink lines',
  },
  {
    kind: 'photo-credit',
    pattern:
      /^\(?(crédits? photos?|bildnachweis|bildquelle|fotos?|foto(grafía)?|crédito( de)?( la)? foto|credit|photo)\s*:\s*\S[^.!?]{0,80}\)?$/iu,
    note: 'photo credit lines in the languages the date labels cover, also in parentheses ("(Credit: A / B)", "Crédits photos : X")',
  },
  {
    kind: 'navigation',
    pattern:
      /^(load more|show more|mehr laden|(lade )?weitere (inhalte|artikel|beiträge)( laden)?|cargar más|charger plus|carica altri|meer laden)\b[\s.…]*$/iu,
    note: '"load more" buttons of endless lists',
  },
  {
    kind: 'citation',
    pattern: /^citation\s*:/i,
    note: 'how-to-cite boxes of science news sites',
  },
  {
    kind: 'navigation',
    pattern: /^\d+\s*[-–]\s*\d+\s+of\s+\d+$|^page \d+ of \d+$/i,
    note: 'pagination counters ("1 - 5 of 36")',
  },
  {
    kind: 'byline',
    pattern:
      /^(von|par|por|di|door|av) \p{Lu}[^.|]{2,80}\s(am|le|el|il|op|den|\||[-–—·])\s.{0,60}\d/iu,
    note: 'byline lines with a date in the languages the date labels cover ("Von A | 21. April 2020")',
  },
  {
    kind: 'byline',
    pattern: /^by [^.]{2,80}\s(on|at|\|)\s.{0,60}\d/i,
    note: 'byline lines with a date ("By A, B on Monday, November 18th, 2019")',
  },
  {
    kind: 'tags',
    pattern: /^(filed under|tagged|tags|categories|topics)\s*:\s*\S.{0,120}$/i,
    note: 'tag and category lists on one line',
  },
  {
    kind: 'comments',
    pattern:
      /\be-?mail(-adresse)?\b.{0,40}\bnicht veröffentlicht\b|\bne sera pas publiée\b|\bno (será|se) publica(rá|d[oa])\b|\bnon (sarà|verrà) pubblicat[oa]\b|\btrackback-?url\b|^kommentarfeed\b/iu,
    note: 'WordPress comment-form defaults and entry footers translated ("E-Mail (wird benötigt und nicht veröffentlicht)", "Kommentarfeed | Trackback-URL")',
  },
  {
    kind: 'feedback',
    pattern:
      /^((verraten|schreiben|sagen) (sie|du) (uns )?(es )?(gerne )?(uns )?in den kommentaren|(let us know|tell us) in the comments|(dinos|cuéntanos|déjanos saber) en (los )?comentarios|dites-nous en commentaires?)\b/iu,
    note: 'prompts to answer in the comments that close an article',
  },
  {
    kind: 'related',
    pattern:
      /^(weitere informationen|mehr informationen|weiterführende?r? links?|ende der weiteren informationen|plus d'informations|más información|maggiori informazioni|meer informatie)\s*[:.]?$/iu,
    note: 'headers of further-information and link boxes in the languages the date labels cover (the English "More information" is above)',
  },
  {
    kind: 'app-promo',
    pattern:
      /\b(nuestro |tenemos )?canal de (telegram|whatsapp|youtube)\b|\bour (telegram|whatsapp|youtube) channel\b|\b(unser(en)? )?(telegram|whatsapp|youtube)-kanal\b|\bstraight to your phone\b/iu,
    note: "promotions of an outlet's messenger and video channels and apps",
  },
  {
    kind: 'newsletter',
    pattern: /^[\p{L}\d&'’ -]{2,40} newsletter$|\bsign up here\s*[.!]?$/iu,
    note: 'newsletter box headers ("X Newsletter") and sign-up prompts',
  },
  {
    kind: 'photo-credit',
    pattern:
      /^(beitragsbild|titelbild|symbolbild|aufmacherbild|headerbild)(\s*:\s*\S[^\n]{0,100})?$|©\s*[^.!?©]{2,80}\s[|/]\s[^.!?©|/]{2,60}$/iu,
    note: 'picture labels of German blogs ("Beitragsbild: …") and captions ending in an agency and photographer credit ("© AFP / NAME", "© Bundesrat | NAME")',
  },
  {
    kind: 'navigation',
    pattern: /^((bild|foto|galerie) (anzeigen|vergrößern|schließen)\s*)+$/iu,
    note: 'image viewer controls',
  },
  {
    kind: 'appeal',
    pattern: /\bhazte (miembro|socio|suscriptor)\b|^wesprzyj nas\b|^we need your help\b/iu,
    note: 'reader-revenue appeals in Spanish, Polish and English box headers',
  },
]

/** Words that mark text as addressed to the reader (appeals), counted outside quotations ("US" is not "us"). */
export const READER_ADDRESS_WORDS = /\b([Ww]e|[Oo]ur|us|[Yy]ou|[Yy]our)\b/g

/** Credits at the end of a photo caption: "(AP)", "(AFP via Getty Images)", "(Photo: X via Reuters)". */
export const CAPTION_CREDIT =
  /\((?:photo|image|picture|credit|file)?\s*:?\s*[^()]{0,60}\b(?:getty|images?|photo|ap|afp|reuters|epa|shutterstock|via|pool|handout|file)\b[^()]{0,40}\)\s*$/i

/**
 * Each pattern's test, the `iu` ones behind their boundary-free test (src/text/boundary-free.ts: most lines
 * fail it at a fraction of the cost). Built once, in the lexicon's order.
 */
const TESTS = BOILERPLATE_PATTERNS.map((entry) => ({ entry, test: prefiltered(entry.pattern) }))

export function matchBoilerplate(line: string): BoilerplatePattern | null {
  const trimmed = line.trim()
  return TESTS.find(({ test }) => test(trimmed))?.entry ?? null
}
