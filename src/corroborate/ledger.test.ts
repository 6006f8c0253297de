import { expect, test } from 'vitest'
import { extract } from '../extract-input.js'
import type { Article, EntityType } from '../types.js'
import { ALIGNMENT, buildLedger } from './ledger.js'

/**
 * Sentences of other matters, each article its own: in a story of two sentences every word is in half its
 * clauses and weighs nothing (UBIQUITOUS in ledger.ts).
 */
const ASIDES: Record<string, string> = {
  a: 'Rain is forecast for the capital until Thursday. The museum reopens its northern wing next spring. A choir from the river town toured three cities in May.',
  b: 'Ticket prices for the railway rose by a tenth in January. Volunteers planted six hundred trees along the canal. The old stadium will host a concert festival.',
}

/** An article whose names are the ones given (as a tagger might have typed them), not re-derived. */
function withNames(id: string, lead: string, names: [string, EntityType][]): Article {
  const text = `${lead} ${ASIDES[id] ?? ''}`
  const article = extract({ id, text, published: '2024-02-20', clean: true })
  const entities = names.map(([name, type], index) => {
    const start = text.indexOf(name)
    return {
      text: name,
      type,
      start,
      end: start + name.length,
      entityId: `${id}-${index}`,
      name,
      role: null,
    }
  })
  return { ...article, entities }
}

const joinedArticles = (articles: Article[], needle: string): string[] => {
  const claim = buildLedger(articles, (id) => id, []).find((candidate) =>
    candidate.members.some((member) => member.text.includes(needle)),
  )
  return [...new Set(claim?.members.map((member) => member.articleId) ?? [])].sort()
}

test('one name typed an organisation in one article and a person in another still anchors the claim', () => {
  const articles = [
    withNames(
      'a',
      'The armoured limousine was received on Sunday by the leader’s sister Yo Jong at the border station.',
      [['Yo Jong', 'organization']],
    ),
    withNames(
      'b',
      'The leader’s sister Yo Jong received the armoured limousine on Sunday at the border station.',
      [['Yo Jong', 'person']],
    ),
  ]
  expect(ALIGNMENT.anchorTypes).toBe('any')
  expect(joinedArticles(articles, 'limousine')).toEqual(['a', 'b'])
})

test('the agency an outlet cites is not what a claim is about: two clauses citing it stay apart', () => {
  const articles = [
    withNames(
      'a',
      'The leader inspected a new fishing harbour on the east coast, the Korean Central News Agency said.',
      [['Korean Central News Agency', 'organization']],
    ),
    withNames(
      'b',
      'The leader praised the farmers of the western provinces for the harvest, the Korean Central News Agency said.',
      [['Korean Central News Agency', 'organization']],
    ),
  ]
  expect(joinedArticles(articles, 'fishing')).toEqual(['a'])
})

test('a name written as a plain word in another article meets it (nameWords: shared)', () => {
  const articles = [
    withNames(
      'a',
      'Engineers patched a flaw in the Internet Explorer browser that let attackers take over computers.',
      [['Internet Explorer', 'other']],
    ),
    withNames(
      'b',
      'A flaw in the internet explorer browser let attackers take over computers until engineers patched it.',
      [],
    ),
  ]
  expect(ALIGNMENT.nameWords).toBe('shared')
  expect(joinedArticles(articles, 'flaw')).toEqual(['a', 'b'])
})

test('two statements of one speaker share who speaks, not what is said: they stay apart', () => {
  const names: [string, EntityType][] = [
    ['Kremlin', 'organization'],
    ['Dmitry Peskov', 'person'],
    ['Aurus Senat', 'other'],
  ]
  const said =
    'Kremlin spokesperson Dmitry Peskov said the decision to offer the gift came after the leader praised the Aurus Senat.'
  const articles = [
    withNames('a', said, names),
    withNames(
      'b',
      'Asked about it, Kremlin spokesperson Dmitry Peskov indicated that it was a version of the Aurus Senat that the president rides in.',
      names,
    ),
  ]
  expect(joinedArticles(articles, 'decision')).toEqual(['a'])
  // One statement of that speaker in two outlets is still one claim.
  const same = [
    withNames('a', said, names),
    withNames(
      'b',
      'The decision to offer the gift came after the leader praised the Aurus Senat, Kremlin spokesperson Dmitry Peskov said.',
      names,
    ),
  ]
  expect(joinedArticles(same, 'decision')).toEqual(['a', 'b'])
})

test('a claim is disputed on each thing once, however many contradictions of that name its spans give sides of', () => {
  const article = extract({
    id: 'a',
    text: 'The company paid $3.5 million for the plant, its chief said on Monday.',
    published: '2024-02-20',
    clean: true,
  })
  const [claim] = buildLedger([article], (id) => id, [])
  const span = claim?.spans[0]
  if (span === undefined) throw new Error('expected a claim')
  // Two groups of figures with no subject words are both "amount" (numberConflicts: kind, then subject).
  const contradiction = (value: string) => ({
    about: 'amount',
    subject: '',
    kind: 'contradiction' as const,
    values: [
      { value, qualifier: null, spans: [span] },
      { value: '1', qualifier: null, spans: [{ articleId: 'b', start: 0, end: 1 }] },
    ],
  })
  const disputed = buildLedger([article], (id) => id, [
    contradiction('3.5 million'),
    contradiction('3.5'),
  ]).find((candidate) => candidate.text === claim?.text)
  expect(disputed?.status).toBe('disputed')
  expect(disputed?.disputedOn).toEqual(['amount'])
})
