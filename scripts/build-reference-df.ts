/**
 * Rebuilds models/reference-df.json.gz: the document frequencies of the reference corpus (see
 * scripts/reference-corpus.ts and models/README.md). Usage: npx tsx scripts/build-reference-df.ts
 */
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { referenceFrequencies } from '../src/stories/reference.js'
import { ecbReferenceTexts, nerTrainReferenceTexts } from './reference-corpus.js'

const texts = [...ecbReferenceTexts(), ...nerTrainReferenceTexts()]
const table = referenceFrequencies(texts.map((entry) => entry.text))
const target = new URL('../models/reference-df.json.gz', import.meta.url)
writeFileSync(target, gzipSync(JSON.stringify(table), { level: 9 }))
console.log(
  `${table.documents} documents, ${Object.keys(table.terms).length} terms -> ${target.pathname}`,
)
