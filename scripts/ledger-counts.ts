/**
 * Every ledger setting's join counts per group (eval/ledger-alignment.ts's groups and grid), written as JSON so
 * that model selection rules can be studied without rebuilding the ledgers (scripts/ledger-selection-study.ts).
 * The expensive part (extracting ECB+ and building 24 ledgers per group) runs once per model state.
 *   nice npx tsx scripts/ledger-counts.ts --out /tmp/ledger-counts.json
 */
import { writeFileSync } from 'node:fs'
import {
  ALIGNMENT_GRID,
  countJoins,
  ecbGroups,
  emergentGroups,
  joinedPairs,
  type GoldGroup,
} from '../eval/ledger-alignment.js'
import { ecbPresent } from '../eval/ecb-events.js'

const at = (flag: string): string | undefined => {
  const k = process.argv.indexOf(flag)
  return k === -1 ? undefined : process.argv[k + 1]
}
const out = at('--out') ?? '/tmp/ledger-counts.json'
const corpora: [string, () => GoldGroup[]][] = [['Emergent', emergentGroups]]
if (ecbPresent()) corpora.push(['ECB+', ecbGroups])
const result: Record<string, unknown> = { settings: ALIGNMENT_GRID }
for (const [corpus, load] of corpora) {
  const groups = load()
  result[corpus] = {
    groups: groups.map((group) => group.name),
    counts: ALIGNMENT_GRID.map((setting) =>
      groups.map((group) => countJoins(group, joinedPairs(group, setting))),
    ),
  }
  console.error(`${corpus}: ${groups.length} groups`)
}
writeFileSync(out, JSON.stringify(result))
