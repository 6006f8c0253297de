/**
 * Cross-validates the story-entity join rules (src/corroborate/story-entities.ts STORY_JOIN_RULES) and the
 * article rule that organisations are shortened only by their last words (src/nlp/identity.ts) by ECB+
 * topic, on the path a user runs: `analyze` over the scorer's JSONL (text as given) gives the stories and the
 * names; each configuration then re-links those names and is scored by ../shared/tools/score_entities.py.
 * Each fold picks the configuration that scores best on the other folds' topics (scripts/entity-folds.py).
 * Run: nice npx tsx scripts/cv-entity-identity.ts [--gold-mentions]
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
import { analyze } from '../src/index.js'
import { resolveArticleEntities } from '../src/nlp/identity.js'
import { defaultModel } from '../src/nlp/ner/model.js'
import { type NameMention, recognizeNames } from '../src/nlp/ner/recognize.js'
import { tokenize } from '../src/nlp/ner/tokenize.js'
import type { Article } from '../src/types.js'

const SHARED = new URL('../../shared/', import.meta.url).pathname
const ECB = join(SHARED, 'data', 'story-clustering-ecbplus')
const FOLDS = 5

interface Config {
  story: readonly StoryJoinRule[]
  anyWordsShortenNames: boolean
}

/** All rules, none, and all but one (each rule's worth given the others). */
const CONFIGS: Record<string, Config> = {
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
function goldMentions(): Map<string, Omit<NameMention, 'firstToken' | 'lastToken'>[]> {
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

const useGold = process.argv.includes('--gold-mentions')
const directory = mkdtempSync(join(tmpdir(), 'corroborate-cv-entities-'))
try {
  const lines = execFileSync(
    'python3',
    [join(SHARED, 'tools', 'score_entities.py'), 'jsonl', 'ecbplus', ECB],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  )
  const inputs = lines
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; text: string })
  const analysis = await analyze(inputs.map(({ id, text }) => ({ id, text, clean: true })))
  const gold = useGold ? goldMentions() : null
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
  for (const [name, config] of Object.entries(CONFIGS)) {
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
      const entities = resolveStoryEntities(members, config.story)
      return members.map((member) => withStoryEntityIds(member, entities))
    })
    const path = join(directory, `${name}.json`)
    writeFileSync(path, JSON.stringify({ ...analysis, articles }))
    paths.push(`${name}=${path}`)
  }
  const result = JSON.parse(
    execFileSync(
      'python3',
      [new URL('entity-folds.py', import.meta.url).pathname, ECB, String(FOLDS), ...paths],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    ),
  )
  console.log(`mentions: ${useGold ? 'gold name cores' : 'recognised names'}`)
  console.log(JSON.stringify(result, null, 1))
} finally {
  rmSync(directory, { recursive: true, force: true })
}
