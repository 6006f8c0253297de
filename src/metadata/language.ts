import { franc } from 'franc-min'

// ISO 639-3 → 639-1 for the languages franc-min knows that have a two-letter code (ISO 639-2 tables).
const TWO_LETTER: Record<string, string> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', rus: 'ru', ukr: 'uk', pol: 'pl',
  ces: 'cs', slk: 'sk', swe: 'sv', dan: 'da', nob: 'no', fin: 'fi', hun: 'hu', ron: 'ro', bul: 'bg', srp: 'sr',
  hrv: 'hr', bos: 'bs', slv: 'sl', ell: 'el', tur: 'tr', arb: 'ar', pes: 'fa', heb: 'he', hin: 'hi', ben: 'bn',
  urd: 'ur', tam: 'ta', tel: 'te', mar: 'mr', guj: 'gu', kan: 'kn', mal: 'ml', pan: 'pa', cmn: 'zh', jpn: 'ja',
  kor: 'ko', vie: 'vi', tha: 'th', ind: 'id', zlm: 'ms', tgl: 'tl', swh: 'sw', hau: 'ha', yor: 'yo', ibo: 'ig',
  amh: 'am', som: 'so', uzn: 'uz', azj: 'az', kaz: 'kk', bel: 'be', lit: 'lt', lav: 'lv', est: 'et', cat: 'ca',
  glg: 'gl', eus: 'eu', afr: 'af', zul: 'zu', xho: 'xh', nep: 'ne', sin: 'si', mya: 'my', khm: 'km', ckb: 'ku',
}

/** ISO 639-1 language of a text (franc's trigram model), or null when the text is too short to tell. */
export function detectLanguage(text: string, declared: string | null = null): string | null {
  const sample = text.slice(0, 5000)
  const code = sample.length >= 40 ? franc(sample, { minLength: 40 }) : 'und'
  if (code !== 'und') return TWO_LETTER[code] ?? null
  const fromMarkup = declared?.toLowerCase().match(/^[a-z]{2}/)?.[0]
  return fromMarkup ?? null
}
