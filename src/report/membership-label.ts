import type { StoryReport } from '../types.js'

/** Terms or names quoted per kind of evidence. */
const LISTED = 4

/** Why an article is in its story, in a few words, from its membership evidence (the JSON has it all). */
export function whyInStory(story: StoryReport, articleId: string): string {
  const evidence = story.membership.find((entry) => entry.articleId === articleId)?.evidence ?? []
  const first = (list: string): string => list.split(', ').slice(0, LISTED).join(', ')
  const parts = evidence.flatMap((item): string[] => {
    if (item.kind === 'founded') return ['first article']
    if (item.kind === 'similarity') return [`similarity ${item.text}`]
    if (item.kind === 'shared-terms') return [`words: ${first(item.text)}`]
    if (item.kind === 'shared-names') return [`names: ${first(item.text)}`]
    if (item.kind === 'merged') return ['its story merged in']
    if (item.kind === 'split') return ['split from another story']
    return []
  })
  const passages = evidence.filter((item) => item.kind === 'shared-passage').length
  if (passages > 0) parts.push(`passages shared with ${passages} other${passages === 1 ? '' : 's'}`)
  return parts.join('; ')
}
