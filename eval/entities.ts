/**
 * Named entities: CoNLL-2003 test (PER/ORG/LOC exact-span F1) and the ECB+ entity layer (named mentions, and
 * cross-document entity coreference within a topic), each scored by the project's reference scorer in
 * ../shared/tools (score_ner.py, score_entities.py) over `analyze` output, on the input path a user runs:
 * JSONL lines with `"clean": true`, the text as given. The name model never saw either corpus (models/README.md),
 * so these figures are held-out figures, not in-sample ones.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyze } from '../src/index.js'
import type { Analysis, ArticleInput } from '../src/types.js'
import { crossValidateIdentity, type IdentityCv } from './entity-identity-cv.js'
import { dataPath, DATA_DIR } from './data.js'

const TOOLS = new URL('../../shared/tools/', import.meta.url).pathname
/** The reference scorers print JSON of this size (ECB+: every mention): allow it. */
const MAX_OUTPUT = 256 * 1024 * 1024

interface Prf {
  P: number
  R: number
  F1: number
}

export interface EntityFigures {
  conll: { perOrgLoc: Prf; fourTypes: Prf; perType: Record<string, number>; seconds: number }
  ecb: {
    untyped: Prf
    typed: Prf
    coref: Record<'topic' | 'story' | 'doc', { conll: number; mentions: number }>
    /** CoNLL-F1 within topic with ids read per story (an entity = story id + entityId), as before s17. */
    topicPerStory: number
    seconds: number
  }
  /** The identity rules chosen by 5-fold CV over ECB+ topics (eval/entity-identity-cv.ts). */
  identityCv: IdentityCv & { seconds: number; cpuSeconds: number }
}

function python(script: string, args: string[]): string {
  return execFileSync('python3', [join(TOOLS, script), ...args], {
    encoding: 'utf8',
    maxBuffer: MAX_OUTPUT,
  })
}

/** Runs analyze over the scorer's own JSONL (text as given) and returns the analysis and its file's path. */
async function analysisOf(
  lines: string,
  directory: string,
  name: string,
): Promise<{ path: string; analysis: Analysis }> {
  const inputs: ArticleInput[] = lines
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; text: string })
    .map(({ id, text }) => ({ id, text, clean: true }))
  const analysis = await analyze(inputs)
  const path = join(directory, `${name}.json`)
  writeFileSync(path, JSON.stringify(analysis))
  return { path, analysis }
}

export async function evaluateEntities(): Promise<EntityFigures> {
  const directory = mkdtempSync(join(tmpdir(), 'corroborate-entities-'))
  try {
    let started = Date.now()
    const conllFile = dataPath('conll2003', 'eng.testb')
    const { path: conllAnalysis } = await analysisOf(
      python('score_ner.py', ['jsonl', conllFile]),
      directory,
      'conll',
    )
    const conll = JSON.parse(python('score_ner.py', ['score', conllFile, conllAnalysis, '--json']))
      .corroborate.all
    const conllSeconds = (Date.now() - started) / 1000
    started = Date.now()
    const ecbDir = join(DATA_DIR, 'story-clustering-ecbplus')
    const { path: ecbAnalysis, analysis: ecbOutput } = await analysisOf(
      python('score_entities.py', ['jsonl', 'ecbplus', ecbDir]),
      directory,
      'ecb',
    )
    // entityId names one entity in every story of the run (CONTRACT.md), so the scorer reads it run-wide;
    // read per story (the pair story id, entityId) it gives what the stories' identities reach alone.
    const ecb = JSON.parse(
      python('score_entities.py', [
        'score',
        'ecbplus',
        ecbDir,
        ecbAnalysis,
        '--json',
        '--global-ids',
      ]),
    )
    const perStory = JSON.parse(
      python('score_entities.py', ['score', 'ecbplus', ecbDir, ecbAnalysis, '--json']),
    ).coref.topic.conll as number
    const ecbSeconds = (Date.now() - started) / 1000
    started = Date.now()
    const cpu = process.cpuUsage()
    const identityCv = crossValidateIdentity(ecbOutput)
    const cpuUsed = process.cpuUsage(cpu)
    return {
      identityCv: {
        ...identityCv,
        seconds: (Date.now() - started) / 1000,
        cpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
      },
      conll: {
        perOrgLoc: conll['PER/ORG/LOC'].micro,
        fourTypes: conll['4types'].micro,
        perType: Object.fromEntries(
          ['PER', 'ORG', 'LOC', 'MISC'].map((type) => [type, conll['4types'][type].F1 as number]),
        ),
        seconds: conllSeconds,
      },
      ecb: {
        untyped: ecb.untyped,
        typed: ecb.typed,
        coref: ecb.coref,
        topicPerStory: perStory,
        seconds: ecbSeconds,
      },
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

/** Published or measured anchors on the same sets (../shared/data READMEs). */
export const ENTITY_ANCHORS = {
  conll: [
    { name: 'MITIE (4 types, trained on CoNLL train)', f1: 0.88 },
    { name: 'compromise', f1: 0.49 },
  ],
  ecbMentions: [{ name: 'compromise 14.17 (untyped)', f1: 0.758 }],
  ecbCoref: [
    { name: 'exact-string ids on all gold names', f1: 0.772 },
    { name: 'compromise mentions + exact-string ids', f1: 0.761 },
    { name: 'before s13 (rules of round 12), dev', f1: 0.797 },
    { name: 'before s14 (rules of round 13), dev', f1: 0.816 },
    { name: 'before s17 (ids read per story), dev', f1: 0.825 },
    { name: 'before s18 (run-on words, types by form, teams typed people), dev', f1: 0.84 },
  ],
}
