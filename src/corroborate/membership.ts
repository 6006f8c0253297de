import type { Article, Evidence, ReuseLink, Span, StoryEntity } from '../types.js'

type Membership = { articleId: string; evidence: Evidence[] }[]

/** Names listed per article, the most widely shared first. */
const MAX_NAMES = 6
/** Passages listed per article: its longest shared passage with each of this many other articles. */
const MAX_PASSAGES = 2
/** A passage longer than this is quoted by its start. */
const PASSAGE_CHARS = 160

/**
 * Why each article belongs to its story, beyond the terms the clusterer matched: the names it shares with the
 * story's other reports (from the story's entities) and the passages it shares with them (from its reuse
 * links), each passage with its offsets in the article. Returns new entries; the clusterer's come first.
 */
export function explainMembership(
  membership: Membership,
  articles: Article[],
  entities: StoryEntity[],
  links: ReuseLink[],
): Membership {
  const textOf = new Map(articles.map((article) => [article.id, article.text]))
  const mentionedIn = entities.map((entity) => ({
    name: entity.name,
    articles: new Set(entity.mentions.map((mention) => mention.articleId)),
  }))
  return membership.map((entry) => {
    const names = sharedNames(entry.articleId, mentionedIn)
    const passages = sharedPassages(entry.articleId, links, textOf.get(entry.articleId) ?? '')
    const evidence: Evidence[] = [...entry.evidence]
    if (names.length > 0) evidence.push({ kind: 'shared-names', text: names.join(', ') })
    evidence.push(...passages)
    return { articleId: entry.articleId, evidence }
  })
}

/** The story's names this article mentions that at least one other article mentions too. */
function sharedNames(
  articleId: string,
  mentionedIn: { name: string; articles: Set<string> }[],
): string[] {
  return mentionedIn
    .filter(({ articles }) => articles.has(articleId) && articles.size > 1)
    .sort((a, b) => b.articles.size - a.articles.size)
    .slice(0, MAX_NAMES)
    .map(({ name }) => name)
}

function sharedPassages(articleId: string, links: ReuseLink[], text: string): Evidence[] {
  return links
    .filter((link) => link.from === articleId || link.to === articleId)
    .map((link) => {
      const here = link.from === articleId ? 'from' : 'to'
      const other = here === 'from' ? link.to : link.from
      const longest = link.passages
        .map((passage) => passage[here])
        .reduce<Span | null>(
          (best, span) =>
            best === null || span.end - span.start > best.end - best.start ? span : best,
          null,
        )
      return { link, other, span: longest }
    })
    .filter((found): found is typeof found & { span: Span } => found.span !== null)
    .sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start))
    .slice(0, MAX_PASSAGES)
    .map(({ link, other, span }) => {
      const passage = text.slice(span.start, span.end)
      const quoted =
        passage.length > PASSAGE_CHARS ? `${passage.slice(0, PASSAGE_CHARS).trimEnd()}…` : passage
      return {
        kind: 'shared-passage',
        text: `"${quoted}" (${link.kind}, also in article ${other})`,
        start: span.start,
        end: span.end,
      }
    })
}
