import { type BriefMaker, buildStoryReport } from './corroborate/report.js'
import { pinStoryDates } from './corroborate/story-dates.js'
import {
  STORY_JOIN_RULES,
  resolveStoryEntities,
  withStoryEntityIds,
  withStoryNames,
} from './corroborate/story-entities.js'
import { findReuseLinks, type ReuseOptions } from './reuse/links.js'
import {
  type ClusterOptions,
  type StoryCluster,
  type StoryState,
  clusterOf,
} from './stories/cluster.js'
import { type Placement, type StoryPart, storyParts } from './stories/placement.js'
import type { FinishedStory, PlacementUpdate } from './store/store.js'
import type { Article, StoryReport } from './types.js'

/**
 * Stages 3-4 of the one path from articles to stories (src/stories/placement.ts has stages 1-2): each story a
 * placement changed is tested for two events and reported, and what changed is gathered as a store saves it.
 * `analyzeArticles` (state in memory) and `updateStore` (state in a store: ingest, ingest --rebuild,
 * analyze --db, workers) both run them.
 */
export interface ReportedPart extends StoryPart {
  report: StoryReport
}

export interface StoryAnalysisOptions {
  cluster?: Partial<ClusterOptions>
  reuse?: Partial<ReuseOptions>
  /** How each report's brief is made (default `buildBrief`; the CLI's `analyze` may pass a thread's). */
  brief?: BriefMaker
}

/** A changed story's parts after the split test (`members`: all its articles), each with its report. */
export function finishStory(
  placement: Placement,
  part: StoryPart,
  options: StoryAnalysisOptions = {},
): ReportedPart[] {
  return storyParts(placement, part.state, part.members, options.cluster).map((divided) =>
    reportPart(divided, options),
  )
}

/**
 * A story part's report: a function of the part's state and members alone (not of the placement that made it),
 * so that it may be built after the placement is saved, by another process (the workers, src/queue/worker.ts).
 */
export function reportPart(part: StoryPart, options: StoryAnalysisOptions = {}): ReportedPart {
  const cluster = clusterOf(part.state)
  // Reported in the cluster's (id) order, whichever order the members were placed or read back in.
  const byId = new Map(part.members.map((article) => [article.id, article]))
  const ordered = cluster.articleIds.map((id) => byId.get(id) as Article)
  const { report, members } = reportStory(cluster, ordered, options)
  return { state: part.state, members, report }
}

/**
 * One story's report from its members: story dates pinned, reuse found, the report built. Returns the dated
 * members too.
 */
export function reportStory(
  cluster: StoryCluster,
  articles: Article[],
  options: StoryAnalysisOptions = {},
): { report: StoryReport; members: Article[] } {
  // One identity per entity across the story: each article's entity ids become the story's.
  const entities = resolveStoryEntities(articles, STORY_JOIN_RULES, cluster.id)
  const members = pinStoryDates(articles).map((member) => withStoryEntityIds(member, entities))
  const links = findReuseLinks(members, options.reuse)
  return {
    report: buildStoryReport(cluster, members, links, entities, options.brief),
    members: members.map((member) => withStoryNames(member, entities)),
  }
}

/** A changed story as a store saves it (`parts`: its parts after the split test, each with its report). */
export function finishedStory(storyId: string, parts: ReportedPart[]): FinishedStory {
  return {
    parts: parts.map((part) => ({ state: part.state, report: part.report })),
    moved: movedBySplit(storyId, parts),
    analyzedArticles: parts.flatMap((part) => part.members),
  }
}

/**
 * What a placement changed without the stories' reports: the clustering itself (members, states, frequencies,
 * merges, articles moved by a split). `finishedStory` gives a story with its reports; the workers save this and
 * build the reports after (`reportPart`).
 */
export function placementUpdate(
  placement: Placement,
  finished: { storyId: string; parts: { state: StoryState }[] }[],
): PlacementUpdate {
  const update: PlacementUpdate = {
    placed: placement.placed,
    termDocuments: placement.termDocuments,
    states: [],
    merged: placement.merged,
    moved: [],
  }
  for (const { storyId, parts } of finished) {
    update.states.push(...parts.map((part) => part.state))
    update.moved.push(...movedBySplit(storyId, parts))
  }
  // An article placed in a story that then split belongs to the split-off story.
  const movedTo = new Map(update.moved.map((entry) => [entry.articleId, entry.storyId]))
  update.placed = update.placed.map((entry) => ({
    ...entry,
    storyId: movedTo.get(entry.articleId) ?? entry.storyId,
  }))
  return update
}

/** The members of a story's split-off part (a part under another id than the story's), with their new story. */
function movedBySplit(
  storyId: string,
  parts: { state: StoryState }[],
): { articleId: string; storyId: string }[] {
  return parts
    .filter((part) => part.state.id !== storyId)
    .flatMap((part) =>
      part.state.articleIds.map((articleId) => ({ articleId, storyId: part.state.id })),
    )
}
