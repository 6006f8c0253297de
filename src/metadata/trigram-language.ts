/**
 * franc-min's answer, `franc(text)`, computed from franc-min's own data with fewer operations. Why: franc scores
 * a text against every language of its script by looking each of the text's trigrams up in each language's
 * table (44 tables for Latin script) and sorts the text's trigrams first; on the 91 ScrapingHub pages that was
 * a tenth of extraction's CPU, plus building all 66 tables when the module loads. Here each script's tables are
 * merged once, on first use, into one row of ranks per trigram, so a trigram is looked up once for all the
 * languages; the trigram counts need no sorting, as franc's distance is a sum over them.
 *
 * Same answer as franc (test/trigram-language.test.ts compares them on the dev pages and random texts): the
 * script chosen as franc does, the distance franc defines (|count − rank − 1| for a trigram the language
 * ranks, 300 for one it does not), and the first language in franc-min's data order among equal distances
 * (franc's stable sort keeps that order).
 */
import { data } from 'franc-min/data.js'
import { expressions } from 'franc-min/expressions.js'

/** franc's penalty for a trigram that a language's table lacks. */
const MAX_DIFFERENCE = 300
/** franc's default minimum length; `detectLanguage` calls with 40. */
const MIN_LENGTH = 40
/** franc reads at most this many characters. */
const MAX_LENGTH = 2048

interface ScriptTable {
  languages: string[]
  /** Per trigram, its rank in each language's table (index as `languages`), -1 where a table lacks it. */
  ranks: Map<string, Int16Array>
}

const tables = new Map<string, ScriptTable>()

function tableOf(script: string, models: Record<string, string>): ScriptTable {
  let table = tables.get(script)
  if (table !== undefined) return table
  const languages = Object.keys(models)
  const ranks = new Map<string, Int16Array>()
  languages.forEach((language, index) => {
    const trigrams = (models[language] as string).split('|')
    // franc fills its table from the last trigram to the first: a repeated trigram keeps its first rank.
    for (let rank = trigrams.length - 1; rank >= 0; rank--) {
      const trigram = trigrams[rank] as string
      let row = ranks.get(trigram)
      if (row === undefined) {
        row = new Int16Array(languages.length).fill(-1)
        ranks.set(trigram, row)
      }
      row[index] = rank
    }
  })
  table = { languages, ranks }
  tables.set(script, table)
  return table
}

/** The script whose characters occur most (franc's `getTopScript`: the first of equal counts). */
function topScript(value: string): [script: string | undefined, share: number] {
  let topCount = -1
  let top: string | undefined
  for (const [script, expression] of Object.entries(expressions)) {
    const count = (value.match(expression)?.length ?? 0) / value.length || 0
    if (count > topCount) {
      topCount = count
      top = script
    }
  }
  return [top, topCount]
}

/** How often each trigram occurs in the text, padded and cleaned as trigram-utils does for franc. */
function trigramCounts(value: string): Map<string, number> {
  const cleaned = ` ${value
    .replace(/[\u0021-\u0040]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()} `
  const counts = new Map<string, number>()
  for (let index = 0; index + 3 <= cleaned.length; index++) {
    const trigram = cleaned.slice(index, index + 3)
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1)
  }
  return counts
}

/** ISO 639-3 code of the text's language as `franc(text, { minLength: 40 })` gives it, or 'und'. */
export function francLanguage(text: string): string {
  if (text.length < MIN_LENGTH) return 'und'
  const value = text.slice(0, MAX_LENGTH)
  const [script, share] = topScript(value)
  const models = script === undefined ? undefined : data[script]
  if (script === undefined || models === undefined)
    return script === undefined || share === 0 ? 'und' : script
  const { languages, ranks } = tableOf(script, models)
  const distances = new Float64Array(languages.length)
  for (const [trigram, count] of trigramCounts(value)) {
    // A trigram no language ranks adds the same 300 to every distance: it cannot change which is least.
    const row = ranks.get(trigram)
    if (row === undefined) continue
    for (let index = 0; index < row.length; index++) {
      const rank = row[index] as number
      distances[index] =
        (distances[index] as number) + (rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1))
    }
  }
  let best = 0
  for (let index = 1; index < languages.length; index++)
    if ((distances[index] as number) < (distances[best] as number)) best = index
  return languages.length === 0 ? 'und' : (languages[best] as string)
}
