/**
 * Cross-validation by ECB+ topic of the identity rules: the story-entity join rules
 * (src/corroborate/story-entities.ts STORY_JOIN_RULES) and the article rule that organisations are shortened
 * only by their last words (src/nlp/identity.ts). Given `analyze` output over the scorer's JSONL (its stories
 * and texts, the path a user runs), each configuration re-links the names and is scored by
 * ../shared/tools/score_entities.py's pairing and metrics, ids read run-wide as CONTRACT-EXTENSIONS.md (session 17)
 * has them; each fold of topics picks the configuration that
 * scores best on the other folds' topics and is scored on its own (scripts/entity-folds.py). Used by
 * `npm run eval` (the entity table's CV figure) and scripts/cv-entity-identity.ts (every configuration's figure).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  STORY_JOIN_RULES,
  resolveStoryEntities,
  type StoryJoinRule,
  withStoryEntityIds,
} from '../src/corroborate/story-entities.js'
import { resolveArticleEntities } from '../src/nlp/identity.js'
import { defaultModel } from '../src/nlp/ner/model.js'
import { type NameMention, recognizeNames } from '../src/nlp/ner/recognize.js'
import { tokenize } from '../src/nlp/ner/tokenize.js'
import type { Analysis, Article } from '../src/types.js'

const SHARED = new URL('../../shared/', import.meta.url).pathname
export const ECB = join(SHARED, 'data', 'story-clustering-ecbplus')
const FOLDS = 5
const FOLDS_SCRIPT = new URL('../scripts/entity-folds.py', import.meta.url).pathname

interface Config {
  story: readonly StoryJoinRule[]
  anyWordsShortenNames: boolean
}

/** All rules, none, and all but one (each rule's worth given the others). */
export const CONFIGS: Record<string, Config> = {
  none: { story: [], anyWordsShortenNames: true },
  all: { story: STORY_JOIN_RULES, anyWordsShortenNames: false },
  'all-but-article-tail': { story: STORY_JOIN_RULES, anyWordsShortenNames: true },
  ...Object.fromEntries(
    STORY_JOIN_RULES.map((rule) => [
      `all-but-${rule}`,
      { story: STORY_JOIN_RULES.filter((other) => other !== rule), anyWordsShortenNames: false },
    ]),
  ),
}

/** Gold name cores of the judged text as name mentions (linking measured apart from name finding). */
export function goldMentions(): Map<string, Omit<NameMention, 'firstToken' | 'lastToken'>[]> {
  const byDoc = new Map<string, Omit<NameMention, 'firstToken' | 'lastToken'>[]>()
  for (const line of readFileSync(join(ECB, 'entities.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)) {
    const doc = JSON.parse(line) as {
      id: string
      mentions: {
        named: boolean
        judged: boolean
        type: string
        coreStart: number
        coreEnd: number
        coreText: string
      }[]
    }
    byDoc.set(
      doc.id,
      doc.mentions
        .filter((mention) => mention.named && mention.judged)
        .map((mention) => ({
          text: mention.coreText,
          type: mention.type as NameMention['type'],
          start: mention.coreStart,
          end: mention.coreEnd,
        }))
        .sort((a, b) => a.start - b.start),
    )
  }
  return byDoc
}

export interface IdentityCv {
  /** CoNLL-F1 within topic of each configuration on all topics (in-sample). */
  dev: Record<string, number>
  folds: { chosen: string; heldOut: number; heldOutNone: number }[]
  /** Held-out CoNLL-F1 of the configuration each fold chose: mean and sd over the folds. */
  mean: number
  sd: number
  noneMean: number
  noneSd: number
}

export interface IdentityCvOptions {
  /** Link the gold name cores instead of the recognised names (the linking ceiling). */
  goldMentions: boolean
  /** Score only these configurations (and 'none', the folds' baseline) (default: all). */
  configs: string[] | null
  /** Keep each configuration's analysis in a folder and return its path (default: false). */
  keep: boolean
}

export function crossValidateIdentity(
  analysis: Analysis,
  options: Partial<IdentityCvOptions> = {},
): IdentityCv & { keptIn: string | null } {
  const directory = mkdtempSync(join(tmpdir(), 'corroborate-cv-entities-'))
  try {
    const gold = options.goldMentions === true ? goldMentions() : null
    const roles = defaultModel().gazetteer.roles
    const named = analysis.articles.map((article) => {
      const tokens = tokenize(article.text)
      const mentions: NameMention[] =
        gold === null
          ? recognizeNames(article.text, defaultModel(), tokens)
          : (gold.get(article.id) ?? []).map((mention) => {
              const first = tokens.findIndex((token) => token.end > mention.start)
              let last = first
              while (
                last + 1 < tokens.length &&
                (tokens[last + 1] as { start: number }).start < mention.end
              )
                last++
              return { ...mention, firstToken: first, lastToken: last }
            })
      return { article, tokens, mentions }
    })
    const paths: string[] = []
    const only = options.configs ?? null
    const chosen = Object.entries(CONFIGS).filter(
      ([name]) => only === null || name === 'none' || only.includes(name),
    )
    for (const [name, config] of chosen) {
      const byId = new Map<string, Article>(
        named.map(({ article, tokens, mentions }) => [
          article.id,
          {
            ...article,
            entities: resolveArticleEntities(
              article.text,
              mentions,
              tokens,
              roles,
              config.anyWordsShortenNames,
            ),
            attributions: [],
          },
        ]),
      )
      const articles = analysis.stories.flatMap((story) => {
        const members = story.articleIds.map((id) => byId.get(id) as Article)
        const entities = resolveStoryEntities(members, config.story, story.id)
        return members.map((member) => withStoryEntityIds(member, entities))
      })
      const path = join(directory, `${name}.json`)
      writeFileSync(path, JSON.stringify({ ...analysis, articles }))
      paths.push(`${name}=${path}`)
    }
    const result = JSON.parse(
      execFileSync('python3', [FOLDS_SCRIPT, ECB, String(FOLDS), '--global-ids', ...paths], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    )
    return { ...(result as IdentityCv), keptIn: options.keep === true ? directory : null }
  } finally {
    if (options.keep !== true) rmSync(directory, { recursive: true, force: true })
  }
}
