/**
 * Cues for typing names, as data. Places: countries and capitals most often in world news (UN member names
 * in their common English form, shortened). Organisation words: the heads of organisation names.
 * Caution: "Kim" alone is a person; "Korea" alone a place; names of two words default to a person.
 */
export const PLACES = new Set([
  'afghanistan', 'africa', 'albania', 'algeria', 'america', 'argentina', 'armenia', 'asia', 'australia',
  'austria', 'azerbaijan', 'bangkok', 'bangladesh', 'beijing', 'belarus', 'belgium', 'berlin', 'brazil',
  'britain', 'brussels', 'bulgaria', 'cambodia', 'canada', 'chile', 'china', 'colombia', 'croatia', 'cuba',
  'czech republic', 'delhi', 'denmark', 'egypt', 'estonia', 'ethiopia', 'europe', 'far east', 'finland',
  'france', 'geneva', 'georgia', 'germany', 'greece', 'hanoi', 'hungary', 'india', 'indonesia', 'iran', 'iraq',
  'ireland', 'israel', 'italy', 'japan', 'jerusalem', 'jordan', 'kazakhstan', 'kenya', 'kiev', 'korea',
  'kosovo', 'kuwait', 'kyiv', 'latvia', 'lebanon', 'libya', 'lithuania', 'london', 'madrid', 'malaysia',
  'mexico', 'moldova', 'mongolia', 'morocco', 'moscow', 'myanmar', 'nepal', 'netherlands', 'new delhi',
  'new zealand', 'nigeria', 'north korea', 'norway', 'pakistan', 'palestine', 'paris', 'peru',
  'philippines', 'poland', 'portugal', 'pyongyang', 'qatar', 'romania', 'rome', 'russia',
  'russian far east', 'saudi arabia', 'seoul', 'serbia', 'singapore', 'slovakia', 'slovenia', 'somalia',
  'south africa', 'south korea', 'spain', 'sri lanka', 'sudan', 'sweden', 'switzerland', 'syria', 'taiwan',
  'tehran', 'thailand', 'tokyo', 'tunisia', 'turkey', 'u.s', 'uk', 'ukraine', 'united arab emirates',
  'united kingdom', 'united states', 'us', 'uzbekistan', 'venezuela', 'vienna', 'vietnam',
  'washington', 'yemen', 'zimbabwe',
])

export const ORGANIZATION_WORDS =
  /\b(agency|ministry|council|committee|party|institute|institution|university|company|corporation|corp|inc|ltd|group|news|times|post|journal|bank|association|union|nations|commission|department|office|army|navy|kremlin|center|centre|foundation|motor|motors|media)\b/i

export const TITLES = new Set(['mr', 'ms', 'mrs', 'dr', 'prof', 'president', 'leader', 'spokesman', 'spokeswoman', 'minister', 'sen', 'rep', 'gen'])
