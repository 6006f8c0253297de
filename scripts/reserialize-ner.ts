/**
 * Rewrites a name model file in the current format (model.ts serializeModel), weights unchanged: a model
 * built by an older `npm run train:ner` (format /1, all JSON) becomes format /2 (binary weights), which every
 * process and worker thread reads faster. Usage: tsx scripts/reserialize-ner.ts [FILE] (default: the shipped
 * model). Checks that the file reads back to the same features and weights before replacing it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { MODEL_FILE, parseModel, serializeModel } from '../src/nlp/ner/model.js'

const file = process.argv[2] ?? MODEL_FILE.pathname
const before = parseModel(readFileSync(file))
const bytes = serializeModel(before)
const after = parseModel(bytes)
const same =
  before.weights.size === after.weights.size &&
  [...before.weights].every(([feature, row]) => {
    const other = after.weights.get(feature)
    return other !== undefined && row.every((weight, tag) => weight === other[tag])
  }) &&
  described(before) === described(after)
/** Everything of a model but its weights, as text (sets and maps as lists). */
function described(model: typeof before): string {
  return JSON.stringify({ ...model, weights: null, compiled: null }, (_, value: unknown) =>
    value instanceof Set || value instanceof Map ? [...value] : value,
  )
}
if (!same)
  throw new Error(`${file}: the rewritten model does not read back the same; left as it was`)
writeFileSync(file, bytes)
console.log(`${file}: ${before.weights.size} features rewritten (${bytes.length} bytes)`)
