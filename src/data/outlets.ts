/**
 * News outlets and wire services, as data: the registrable domain and the name the outlet uses for itself.
 * Sources: the outlets' own sites (mastheads); coverage aims at the largest news outlets per region, not at
 * any test set. Add rows freely; keep one row per outlet.
 */
export const OUTLETS: [domain: string, name: string][] = [
  ['apnews.com', 'Associated Press'],
  ['ap.org', 'Associated Press'],
  ['reuters.com', 'Reuters'],
  ['afp.com', 'AFP'],
  ['bloomberg.com', 'Bloomberg'],
  ['dpa.com', 'dpa'],
  ['xinhuanet.com', 'Xinhua'],
  ['yna.co.kr', 'Yonhap'],
  ['kyodonews.net', 'Kyodo News'],
  ['tass.com', 'TASS'],
  ['tass.ru', 'TASS'],
  ['efe.com', 'EFE'],
  ['ansa.it', 'ANSA'],
  ['nytimes.com', 'The New York Times'],
  ['washingtonpost.com', 'The Washington Post'],
  ['wsj.com', 'The Wall Street Journal'],
  ['washingtontimes.com', 'The Washington Times'],
  ['usatoday.com', 'USA Today'],
  ['latimes.com', 'Los Angeles Times'],
  ['chicagotribune.com', 'Chicago Tribune'],
  ['bostonglobe.com', 'The Boston Globe'],
  ['nypost.com', 'New York Post'],
  ['cnn.com', 'CNN'],
  ['foxnews.com', 'Fox News'],
  ['nbcnews.com', 'NBC News'],
  ['cbsnews.com', 'CBS News'],
  ['abcnews.go.com', 'ABC News'],
  ['npr.org', 'NPR'],
  ['pbs.org', 'PBS'],
  ['politico.com', 'Politico'],
  ['axios.com', 'Axios'],
  ['thehill.com', 'The Hill'],
  ['time.com', 'TIME'],
  ['newsweek.com', 'Newsweek'],
  ['theatlantic.com', 'The Atlantic'],
  ['newyorker.com', 'The New Yorker'],
  ['huffpost.com', 'HuffPost'],
  ['huffingtonpost.com', 'HuffPost'],
  ['businessinsider.com', 'Business Insider'],
  ['cnbc.com', 'CNBC'],
  ['forbes.com', 'Forbes'],
  ['fortune.com', 'Fortune'],
  ['vox.com', 'Vox'],
  ['slate.com', 'Slate'],
  ['theguardian.com', 'The Guardian'],
  ['bbc.co.uk', 'BBC'],
  ['bbc.com', 'BBC'],
  ['independent.co.uk', 'The Independent'],
  ['telegraph.co.uk', 'The Telegraph'],
  ['thetimes.co.uk', 'The Times'],
  ['ft.com', 'Financial Times'],
  ['economist.com', 'The Economist'],
  ['dailymail.co.uk', 'Daily Mail'],
  ['mirror.co.uk', 'Daily Mirror'],
  ['thesun.co.uk', 'The Sun'],
  ['sky.com', 'Sky News'],
  ['news.sky.com', 'Sky News'],
  ['standard.co.uk', 'Evening Standard'],
  ['irishtimes.com', 'The Irish Times'],
  ['lemonde.fr', 'Le Monde'],
  ['lefigaro.fr', 'Le Figaro'],
  ['liberation.fr', 'Libération'],
  ['france24.com', 'France 24'],
  ['spiegel.de', 'Der Spiegel'],
  ['zeit.de', 'Die Zeit'],
  ['faz.net', 'Frankfurter Allgemeine Zeitung'],
  ['sueddeutsche.de', 'Süddeutsche Zeitung'],
  ['welt.de', 'Die Welt'],
  ['tagesschau.de', 'tagesschau'],
  ['dw.com', 'Deutsche Welle'],
  ['elpais.com', 'El País'],
  ['elmundo.es', 'El Mundo'],
  ['corriere.it', 'Corriere della Sera'],
  ['repubblica.it', 'la Repubblica'],
  ['nzz.ch', 'Neue Zürcher Zeitung'],
  ['aljazeera.com', 'Al Jazeera'],
  ['haaretz.com', 'Haaretz'],
  ['timesofisrael.com', 'The Times of Israel'],
  ['scmp.com', 'South China Morning Post'],
  ['japantimes.co.jp', 'The Japan Times'],
  ['asahi.com', 'The Asahi Shimbun'],
  ['nikkei.com', 'Nikkei'],
  ['koreaherald.com', 'The Korea Herald'],
  ['koreatimes.co.kr', 'The Korea Times'],
  ['koreajoongangdaily.joins.com', 'Korea JoongAng Daily'],
  ['chosun.com', 'The Chosun Ilbo'],
  ['nknews.org', 'NK News'],
  ['straitstimes.com', 'The Straits Times'],
  ['thehindu.com', 'The Hindu'],
  ['hindustantimes.com', 'Hindustan Times'],
  ['livemint.com', 'Mint'],
  ['timesofindia.indiatimes.com', 'The Times of India'],
  ['indianexpress.com', 'The Indian Express'],
  ['ndtv.com', 'NDTV'],
  ['smh.com.au', 'The Sydney Morning Herald'],
  ['abc.net.au', 'ABC News (Australia)'],
  ['theaustralian.com.au', 'The Australian'],
  ['cbc.ca', 'CBC News'],
  ['theglobeandmail.com', 'The Globe and Mail'],
  ['thestar.com', 'Toronto Star'],
  ['themoscowtimes.com', 'The Moscow Times'],
  ['rt.com', 'RT'],
  ['kyivindependent.com', 'The Kyiv Independent'],
  ['news24.com', 'News24'],
  ['folha.uol.com.br', 'Folha de S.Paulo'],
  ['clarin.com', 'Clarín'],
  ['eluniversal.com.mx', 'El Universal'],
]

/** Wire services as they are credited in copy: the credit as written, and the service's name. */
export const WIRE_CREDITS: [credit: RegExp, name: string][] = [
  [/^(AP|Associated Press)$/i, 'Associated Press'],
  [/^Reuters$/i, 'Reuters'],
  [/^(AFP|Agence France-Presse)$/i, 'AFP'],
  [/^(dpa|Deutsche Presse-Agentur)$/i, 'dpa'],
  [/^Xinhua$/i, 'Xinhua'],
  [/^Yonhap$/i, 'Yonhap'],
  [/^Kyodo( News)?$/i, 'Kyodo News'],
  [/^(TASS|ITAR-TASS)$/i, 'TASS'],
  [/^Bloomberg$/i, 'Bloomberg'],
  [/^(PA|Press Association)$/i, 'PA Media'],
  [/^(EFE|ANSA|UPI|CNA)$/i, ''],
]

const BY_DOMAIN = new Map(OUTLETS)

/** The outlet of a host name or e-mail domain ("www.wsj.com", "news.example.co.uk"), or null. */
export function outletOfDomain(host: string): string | null {
  const parts = host
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.')
  for (let start = 0; start < parts.length - 1; start++) {
    const name = BY_DOMAIN.get(parts.slice(start).join('.'))
    if (name !== undefined) return name
  }
  return null
}

const OUTLET_NAMES = [...new Set(OUTLETS.map(([, name]) => name))]
/** Every outlet name in one pattern, longest first (so "The New York Times" wins over a shorter name). */
let outletNamePattern: RegExp | null = null

/** The outlet named most often in some lines (names from the table, as written), or null. */
export function outletNamedIn(lines: string[]): string | null {
  const text = lines.join('\n')
  if (text.trim() === '') return null
  outletNamePattern ??= new RegExp(
    `(?<![\\p{L}])(${[...OUTLET_NAMES]
      .sort((a, b) => b.length - a.length)
      .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})(?![\\p{L}])`,
    'gu',
  )
  const counts = new Map<string, number>()
  for (const match of text.matchAll(outletNamePattern))
    counts.set(match[1] as string, (counts.get(match[1] as string) ?? 0) + 1)
  let best: { name: string; count: number } | null = null
  // Ties go to the name first in the table, as before.
  for (const name of OUTLET_NAMES) {
    const count = counts.get(name) ?? 0
    if (count > 0 && (best === null || count > best.count)) best = { name, count }
  }
  return best?.name ?? null
}

export function wireServiceOf(credit: string): string | null {
  const found = WIRE_CREDITS.find(([pattern]) => pattern.test(credit.trim()))
  if (found === undefined) return null
  return found[1] === '' ? credit.trim() : found[1]
}
