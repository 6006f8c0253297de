/**
 * How far a rule "the cue word right before a content run is its cue" could reach on PolNeAR train/, out of fold:
 * for each content run of the kept out-of-fold tags (eval/out/, scripts/train-attributions.ts), the word before it
 * (past "that", a comma or a colon) in its sentence, outside quotation marks; counted by whether the run's
 * sentences hold a tagged cue, whether that word is tagged, whether its stem is a cue stem (CUE_STEMS), and how
 * often the gold cue of the unit the run matches covers it. Session 20 read it before trying such a rule.
 *   nice npx tsx scripts/cue-before-content.ts [--rows 40]
 * Reads only train/; dev/ is the report, not a guide.
 */
import { numberArgument } from './arguments.js'
import { loadPolnear } from '../eval/polnear.js'
import { matchedUnit, readOutOfFold } from './speaker-ranker-data.js'
import { CUE_STEMS, cueStem } from '../src/data/reporting.js'
import { rangeOf, runsOf } from '../src/nlp/attributions/runs.js'
import { type TagToken, tagTokens } from '../src/nlp/attributions/tokens.js'

const ROWS = numberArgument('rows', 40)
const LINKS = new Set(['that', ',', ':'])

const kept = readOutOfFold()
const texts = new Map(loadPolnear('train').map((a) => [a.stem, a]))
/** Per class and stem: content runs, and those whose gold cue covers the word before them. */
const table = new Map<string, { runs: number; goldCue: number }>()
for (const tags of kept.articles) {
  const article = texts.get(tags.stem)
  if (article === undefined) continue
  const tokens = tagTokens(article.text)
  const sentence = (i: number): number => (tokens[i] as TagToken).sentence
  const cues = runsOf(tags.roles, 'CUE')
  for (const run of runsOf(tags.contents, 'CON')) {
    const content = rangeOf(tokens, run)
    if (content === null) continue
    const [first, last] = [sentence(run.first), sentence(run.last)]
    const ownCue = cues.some((cue) => sentence(cue.last) >= first && sentence(cue.first) <= last)
    let k = run.first - 1
    while (k >= 0 && LINKS.has((tokens[k] as TagToken).lower)) k--
    const word = tokens[k]
    if (word === undefined || word.sentence !== first || word.inQuote) continue
    const tagged = (tags.roles[k] ?? 'O').endsWith('CUE')
    const stem = cueStem(word.lower)
    const unit = matchedUnit(article.text, content, article.gold)
    const goldCue = unit?.cueFrags.some(([s, e]) => word.start < e && word.end > s) ?? false
    const where = !ownCue ? 'no cue in its sentences' : tagged ? 'word tagged' : 'word untagged'
    const key = `${where} | ${CUE_STEMS.has(stem) ? 'cue stem' : 'other'} | ${stem}`
    const row = table.get(key) ?? { runs: 0, goldCue: 0 }
    row.runs++
    if (goldCue) row.goldCue++
    table.set(key, row)
  }
}
const totals = new Map<string, { runs: number; goldCue: number }>()
for (const [key, row] of table) {
  const group = key.split(' | ').slice(0, 2).join(' | ')
  const total = totals.get(group) ?? { runs: 0, goldCue: 0 }
  totals.set(group, { runs: total.runs + row.runs, goldCue: total.goldCue + row.goldCue })
}
console.log('content runs by the word before them: runs, of which the gold cue covers the word')
for (const [group, { runs, goldCue }] of totals) console.log(`  ${runs} ${goldCue}  ${group}`)
console.log('\nuntagged cue stems before content (the rule would add these):')
for (const [key, { runs, goldCue }] of [...table]
  .filter(([key]) => !key.startsWith('word tagged') && key.includes('| cue stem |'))
  .sort((a, b) => b[1].runs - a[1].runs)
  .slice(0, ROWS))
  console.log(`  ${runs} ${goldCue}  ${key}`)
