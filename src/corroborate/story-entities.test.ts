import { expect, test } from 'vitest'
import { annotateArticle } from '../nlp/annotate.js'
import type { Article, ArticleEntity, EntityType } from '../types.js'
import {
  STORY_JOIN_RULES,
  inTitleCasedLine,
  resolveStoryEntities,
  withStoryEntityIds,
} from './story-entities.js'

/**
 * An article whose entities are given, as the nlp stage leaves them: each mention as written, its type, and the
 * article's name for it (the mention itself unless given), one local entity per name.
 */
function article(id: string, mentions: [string, EntityType, string?][]): Article {
  let text = ''
  const entities: ArticleEntity[] = mentions.map(([form, type, name = form]) => {
    // Each name inside a plain sentence: a line of names alone would read as a title-cased headline.
    const start = text.length + 'We read about '.length
    text += `We read about ${form} in the news today. `
    return {
      text: form,
      type,
      start,
      end: start + form.length,
      entityId: name.toLowerCase(),
      name,
      role: null,
    }
  })
  return { id, text, entities, attributions: [], sentences: [] } as unknown as Article
}

/** The story's entities by canonical name, under the given join rules (all by default). */
const entitiesByName = (articles: Article[], rules?: Parameters<typeof resolveStoryEntities>[1]) =>
  new Map(resolveStoryEntities(articles, rules).entities.map((entity) => [entity.name, entity]))

test('a story joins spellings, surnames, acronyms and a rare slip, and keeps three Kims apart', () => {
  const articles = [
    article('a', [
      ['Kim Jong Un', 'person'],
      ['Kim Yo Jong', 'person'],
      ['Aurus', 'organization'],
      ['Aurus', 'organization'],
      ['Korean Central News Agency', 'organization'],
      ['Dmitry Peskov', 'person'],
    ]),
    article('b', [
      ['Kim Jong-un', 'person'],
      ['Kim Il Sung', 'person'],
      ['Aurus', 'organization'],
      ['Aurus', 'organization'],
      ['KCNA', 'organization'],
      ['Peskov', 'person'],
    ]),
    article('c', [
      ['Anrus', 'organization'],
      ['Aurus', 'organization'],
      ['Aurus', 'organization'],
      ['Kim', 'person'],
    ]),
  ]
  const story = resolveStoryEntities(articles)
  const byName = new Map(story.entities.map((entity) => [entity.name, entity]))
  expect(byName.get('Kim Jong Un')?.aliases).toEqual(['Kim Jong-un'])
  expect(byName.get('Aurus')?.aliases).toEqual(['Anrus'])
  expect(byName.get('Aurus')?.aliasEvidence[0]?.kind).toBe('misspelling')
  expect(byName.get('Korean Central News Agency')?.aliases).toEqual(['KCNA'])
  expect(byName.get('Dmitry Peskov')?.aliases).toEqual(['Peskov'])
  // "Kim" alone in an article that names no Kim could be any of three: it stays apart.
  for (const kim of ['Kim Jong Un', 'Kim Yo Jong', 'Kim Il Sung'])
    expect(byName.get(kim)?.aliases ?? []).not.toContain('Kim')
  const ids = articles.map((item) => withStoryEntityIds(item, story))
  const idOf = (articleIndex: number, text: string) =>
    ids[articleIndex]?.entities.find((entity) => entity.text === text)?.entityId
  expect(idOf(0, 'Kim Jong Un')).toBe(idOf(1, 'Kim Jong-un'))
  expect(idOf(2, 'Anrus')).toBe(idOf(0, 'Aurus'))
  expect(idOf(1, 'KCNA')).toBe(idOf(0, 'Korean Central News Agency'))
  expect(idOf(0, 'Kim Yo Jong')).not.toBe(idOf(1, 'Kim Il Sung'))
})

test('team and company names join by their last words and legal form, not by their first words', () => {
  const articles = [
    article('a', [
      ['Indianapolis Colts', 'organization'],
      ['Microsoft Corp.', 'organization'],
      ['Microsoft Word', 'organization'],
    ]),
    article('b', [
      ['Colts', 'organization'],
      ['Microsoft', 'organization'],
    ]),
  ]
  const byName = entitiesByName(articles)
  expect(byName.get('Indianapolis Colts')?.aliases).toEqual(['Colts'])
  expect(byName.get('Microsoft Corp.')?.aliases).toEqual(['Microsoft'])
  expect(byName.get('Microsoft Word')?.aliases).toEqual([])
  // Without the rules (the CV script's baseline) the team stays split.
  const bare = resolveStoryEntities(articles, [])
  expect(bare.entities.find((entity) => entity.name === 'Indianapolis Colts')?.aliases).toEqual([])
})

test('a surname joins the person the story names far more often; initials and given-name variants join', () => {
  const articles = [
    article('a', [
      ['Barack Obama', 'person'],
      ['Barack Obama', 'person'],
      ['Barack Obama', 'person'],
      ['Barack Obama', 'person'],
      ['Michelle Obama', 'person'],
      ['W. Mark Felt Sr.', 'person'],
      ['Frederick LaRue', 'person'],
    ]),
    article('b', [
      ['Obama', 'person'],
      ['Mark Felt', 'person'],
      ['Fred LaRue', 'person'],
    ]),
  ]
  const byName = entitiesByName(articles)
  expect(byName.get('Barack Obama')?.aliases).toEqual(['Obama'])
  expect(byName.get('Barack Obama')?.aliasEvidence[0]?.text).toMatch(/far more/)
  expect(byName.get('Michelle Obama')?.aliases).toEqual([])
  expect(byName.get('W. Mark Felt Sr.')?.aliases).toEqual(['Mark Felt'])
  const laRue = [...byName.values()].filter((entity) => entity.name.endsWith('LaRue'))
  expect(laRue.map((entity) => [entity.name, ...entity.aliases].sort())).toEqual([
    ['Fred LaRue', 'Frederick LaRue'],
  ])
})

test('"the North" joins North Korea once the adjective "North Korean" is read as the country it names', () => {
  const articles = [
    article('a', [
      ['North Korea', 'place'],
      ['North Korea', 'place'],
      ['North Korean', 'place'],
      ['North Korean', 'place'],
      ['South Korea', 'place'],
    ]),
    article('b', [
      ['North Korea', 'place'],
      ['North', 'place'],
    ]),
  ]
  const byName = entitiesByName(articles)
  expect(byName.get('North Korea')?.aliases).toEqual(['North', 'North Korean'])
  expect(byName.get('North Korea')?.aliasEvidence.map((item) => item.kind)).toEqual([
    'short-form',
    'adjective',
  ])
  expect(byName.get('South Korea')?.aliases).toEqual([])
  // Without the adjective rule, "North Korean" is a second candidate for "North", and "North" stays apart.
  const without = resolveStoryEntities(
    articles,
    STORY_JOIN_RULES.filter((rule) => rule !== 'demonym'),
  )
  expect(without.entities.map((entity) => entity.name)).toContain('North')
})

test('a name spaced by a no-break or thin space is one alias with the plain one, its spans as written', () => {
  const articles = [
    article('a', [
      ['North\u00a0Korea', 'place'],
      ['North\u00a0Korea', 'place'],
      ['Kim\u2009Jong\u00a0Un', 'person'],
    ]),
    article('b', [
      ['North Korea', 'place'],
      ['Kim Jong Un', 'person'],
      ['Kim Jong-un', 'person'],
    ]),
  ]
  const { entities } = resolveStoryEntities(articles)
  const korea = entities.find((entity) => entity.name === 'North Korea')
  expect(korea?.aliases).toEqual([])
  expect(korea?.mentions).toHaveLength(3)
  expect(entities.find((entity) => entity.name === 'Kim Jong Un')?.aliases).toEqual(['Kim Jong-un'])
  expect(entities.flatMap((entity) => [entity.name, ...entity.aliases])).not.toContainEqual(
    expect.stringMatching(/[^\S ]/u),
  )
  // The spans are the text as the page wrote it: the no-break space is still there.
  const byId = new Map(articles.map((item) => [item.id, item.text]))
  const spans = (korea?.mentions ?? []).map((span) =>
    byId.get(span.articleId)?.slice(span.start, span.end),
  )
  expect(spans).toEqual(['North\u00a0Korea', 'North\u00a0Korea', 'North Korea'])
})

test('a surname is not split by fuller forms it begins ("Obama Administration", "Obama Announces")', () => {
  const articles = [
    article('a', [
      ['Barack Obama', 'person'],
      ['Barack Obama', 'person'],
      ['Obama Administration', 'person'],
      ['Obama Administration', 'person'],
    ]),
    article('b', [['Obama Announces', 'person']]),
    article('c', [['Obama', 'person']]),
  ]
  const byName = entitiesByName(articles)
  expect(byName.get('Barack Obama')?.aliases).toEqual(['Obama'])
  expect(byName.get('Obama Administration')?.aliases).toEqual([])
})

test('a headline run-on and a role-prefixed name join the plain full name the story writes more often', () => {
  const articles = [
    // A headline's run-on, copied by several outlets (more than a slip would be).
    ...['a1', 'a2', 'a3', 'a4'].map((id) => article(id, [['Lindsay Lohan Checks', 'person']])),
    ...['b1', 'b2', 'b3', 'b4', 'b5', 'b6'].map((id) =>
      article(id, [
        ['Lindsay Lohan', 'person'],
        ['Lohan', 'person', 'Lindsay Lohan'],
      ]),
    ),
    article('d', [['Coroner Gary Hargrove', 'person']]),
    article('e', [['Gary Hargrove', 'person']]),
    article('f', [['Gary Hargrove', 'person']]),
  ]
  const entities = resolveStoryEntities(articles).entities
  const without = resolveStoryEntities(
    articles,
    STORY_JOIN_RULES.filter(
      (rule) => rule !== 'extCopied' && rule !== 'affix' && rule !== 'givenPart',
    ),
  ).entities
  expect(without).toHaveLength(4)
  const lohan = entities.find((entity) => entity.aliases.includes('Lohan'))
  expect(lohan?.name).toBe('Lindsay Lohan')
  expect(lohan?.aliases).toEqual(['Lindsay Lohan Checks', 'Lohan'])
  expect(entities.find((entity) => entity.name === 'Gary Hargrove')?.aliases).toEqual([
    'Coroner Gary Hargrove',
  ])
})

test('a team the tagger types once as a place and once as an organisation is one team', () => {
  const articles = [
    article('a', [['Kansas City Chiefs', 'place']]),
    article('b', [
      ['Chiefs', 'organization'],
      ['Chiefs', 'organization'],
    ]),
  ]
  const rules = STORY_JOIN_RULES.filter((rule) => rule !== 'looseType')
  expect(resolveStoryEntities(articles).entities).toHaveLength(1)
  expect(resolveStoryEntities(articles, rules).entities).toHaveLength(2)
})

test('a four-letter slip of a frequent word joins it; a different four-letter word does not', () => {
  const articles = [
    article('a', [['Gulf of Aden', 'place']]),
    article('b', [['Gulf of Aden', 'place']]),
    article('c', [['Gulf of Aden', 'place']]),
    article('d', [['Gulf of Eden', 'place']]),
    article('e', [['Gulf of Oman', 'place']]),
  ]
  const byName = entitiesByName(articles)
  expect(byName.get('Gulf of Aden')?.aliases).toEqual(['Gulf of Eden'])
  expect(byName.get('Gulf of Oman')?.aliases).toEqual([])
})

test('a run-on in a title-cased headline joins the name the story writes far more often; in a sentence it does not', () => {
  // The run-on as the tagger leaves it at the start of a title-cased headline.
  const headline = (id: string, form: string): Article => {
    const base = article(id, [[form, 'place']])
    return {
      ...base,
      text: `${form} - Mother And Child Killed In Crash\nThe crash happened on Tuesday morning.`,
      entities: base.entities.map((entity) => ({ ...entity, start: 0, end: form.length })),
    }
  }
  const queens = ['q1', 'q2', 'q3', 'q4'].map((id) =>
    article(id, [
      ['Queens', 'place'],
      ['Queens', 'place'],
    ]),
  )
  const joined = entitiesByName([...queens, headline('h', 'Queens Hit')])
  expect(joined.get('Queens')?.aliases).toEqual(['Queens Hit'])
  // The same form inside a sentence is a name the tagger read whole: it stays apart.
  const apart = entitiesByName([...queens, article('s', [['Queens Hit', 'place']])])
  expect(apart.get('Queens')?.aliases).toEqual([])
  const without = STORY_JOIN_RULES.filter((rule) => rule !== 'headlineRunOn')
  expect(
    entitiesByName([...queens, headline('h', 'Queens Hit')], without).get('Queens')?.aliases,
  ).toEqual([])
})

test('a title-cased line is a headline; a sentence with capitalised names is not', () => {
  const text =
    'Microsoft Rushes Emergency Fix\nMicrosoft said on Tuesday that the flaw was being fixed.'
  expect(inTitleCasedLine(text, 0)).toBe(true)
  expect(inTitleCasedLine(text, text.indexOf('said'))).toBe(false)
  // A line longer than any headline is body text, however it is cased (and is not read to its ends).
  const long = 'Microsoft Rushes Emergency Fix '.repeat(40)
  expect(inTitleCasedLine(long, long.length / 2)).toBe(false)
})

test('a surname joins a full name the tagger typed an organisation in one article and a person in most', () => {
  const articles = [
    article('a', [['Wladimir Klitschko', 'organization']]),
    article('b', [['Wladimir Klitschko', 'person']]),
    article('c', [['Wladimir Klitschko', 'person']]),
    article('d', [['Klitschko', 'person']]),
  ]
  // Which article's form stands for the name depends on order: put the organisation first.
  expect(entitiesByName(articles).get('Wladimir Klitschko')?.aliases).toEqual(['Klitschko'])
  // personPart would join a one-word person to the organisation's last word as well: left out here.
  const without = STORY_JOIN_RULES.filter((rule) => rule !== 'storyType' && rule !== 'personPart')
  expect(entitiesByName(articles, without).get('Wladimir Klitschko')?.aliases).toEqual([])
})

test("a dateline's capitals do not name the entity when the story writes the name in mixed case", () => {
  const articles = [
    article('a', [
      ['SEOUL', 'place'],
      ['SEOUL', 'place'],
    ]),
    article('b', [['Seoul', 'place']]),
    article('c', [['NATO', 'organization']]),
  ]
  const names = [...entitiesByName(articles).keys()].sort()
  // Two SEOUL mentions against one Seoul: the mixed case still names it; an acronym alone stays as written.
  expect(names).toEqual(['NATO', 'Seoul'])
})

test("every mention of a story entity carries the story's type, the vote of all its mentions", () => {
  // The tagger types one name differently from article to article ("Yo Jong" an organisation in one seed
  // article, a person in the others); the claim ledger's anchors read the type of each mention.
  const articles = [
    article('a', [['Kim Yo Jong', 'person']]),
    article('b', [['Kim Yo Jong', 'person']]),
    article('c', [['Kim Yo Jong', 'organization']]),
  ]
  const story = resolveStoryEntities(articles)
  const typed = articles.map((item) => withStoryEntityIds(item, story))
  expect(typed.map((item) => item.entities[0]?.type)).toEqual(['person', 'person', 'person'])
  expect(story.typeOf(typed[2]?.entities[0]?.entityId ?? '')).toBe('person')
  // Ids alone, as before: each article keeps its tagger's type.
  const idsOnly = articles.map((item) => withStoryEntityIds(item, story, false))
  expect(idsOnly[2]?.entities[0]?.type).toBe('organization')
})

test('a full name has one id in every story of a run; a surname alone and a second name of a slug carry the story', () => {
  const story = (storyId: string | null) =>
    resolveStoryEntities(
      [
        article('a', [
          ['Barack Obama', 'person'],
          ['Smith', 'person'],
          ['Germany', 'place'],
        ]),
      ],
      STORY_JOIN_RULES,
      storyId,
    ).entities
  const idOf = (entities: ReturnType<typeof story>, name: string): string | undefined =>
    entities.find((entity) => entity.name === name)?.id
  const [one, two, alone] = [story('story-1'), story('story-2'), story(null)]
  expect(idOf(one, 'Barack Obama')).toBe('barack-obama')
  expect(idOf(two, 'Barack Obama')).toBe('barack-obama')
  expect(idOf(one, 'Germany')).toBe(idOf(two, 'Germany'))
  expect(idOf(one, 'Smith')).toBe('story-1:smith')
  expect(idOf(two, 'Smith')).toBe('story-2:smith')
  expect(idOf(alone, 'Smith')).toBe('smith')
})

test('a person is shown by the full form the article writes most; the fullest form stays the identity', () => {
  const text =
    'Russian President Vladimir Vladimirovich Putin arrived in Minsk on Monday.\n\nVladimir Putin met the Belarusian leader there. Putin said the talks went well, and Vladimir Putin left on Tuesday.'
  const annotated = { id: 'a', text, ...annotateArticle({ text }) } as unknown as Article
  const people = annotated.entities.filter((entity) => entity.type === 'person')
  expect(new Set(people.map((entity) => entity.entityId)).size).toBe(1)
  expect(new Set(people.map((entity) => entity.name))).toEqual(new Set(['Vladimir Putin']))
  const [putin] = resolveStoryEntities([annotated]).entities.filter(
    (entity) => entity.type === 'person',
  )
  expect(putin?.name).toBe('Vladimir Putin')
  expect(putin?.aliases).toContain('Vladimir Vladimirovich Putin')
  expect(
    putin?.aliasEvidence.find((evidence) => evidence.alias === 'Vladimir Vladimirovich Putin')
      ?.kind,
  ).toBe('full-form')
})

test('stories that write "Microsoft Corp.", "Microsoft" or a run-on "Although Microsoft" give it one id', () => {
  const idsOf = (storyId: string, forms: string[]) =>
    resolveStoryEntities(
      [
        article(
          'a',
          forms.map((form) => [form, 'organization'] as [string, EntityType]),
        ),
      ],
      STORY_JOIN_RULES,
      storyId,
    ).entities.map((entity) => entity.id)
  expect(idsOf('story-1', ['Microsoft Corp.', 'Microsoft'])).toEqual(['microsoft'])
  expect(idsOf('story-2', ['Although Microsoft'])).toEqual(['microsoft'])
  expect(idsOf('story-3', ['Mt Cook'])).toEqual(idsOf('story-4', ['Mount Cook']))
  // An article is no function word: "The Hague" keeps its name, and its id is the place's.
  const hague = resolveStoryEntities([article('a', [['The Hague', 'place']])]).entities
  expect(hague.map((entity) => [entity.name, entity.id])).toEqual([['The Hague', 'hague']])
})

test('a headline run-on whose article also writes the plain name in its body joins the plain name', () => {
  // "Creighton Returns" in the headline, "Creighton" in the body: the article's one entity, read by its
  // fullest form, is still a headline run-on.
  const runOn: Article = (() => {
    const text = 'Creighton Returns Home After Long Road Trip\nCreighton won the game on Tuesday.'
    const body = text.indexOf('Creighton won')
    const mention = (start: number, form: string): ArticleEntity => ({
      text: form,
      type: 'organization',
      start,
      end: start + form.length,
      entityId: 'creighton-returns',
      name: 'Creighton Returns',
      role: null,
    })
    return {
      ...article('h', []),
      text,
      entities: [mention(0, 'Creighton Returns'), mention(body, 'Creighton')],
    }
  })()
  const plain = ['p1', 'p2', 'p3'].map((id) =>
    article(id, [
      ['Creighton', 'organization'],
      ['Creighton', 'organization'],
    ]),
  )
  expect(entitiesByName([...plain, runOn]).get('Creighton')?.aliases).toEqual(['Creighton Returns'])
})

test('a surname another article types a place joins the person the story writes it for (formTypes)', () => {
  const articles = [
    article('a', [
      ['Vincent Jackson', 'person'],
      ['Jackson', 'person', 'Vincent Jackson'],
      ['Jackson', 'person', 'Vincent Jackson'],
    ]),
    article('b', [['Jackson', 'place']]),
  ]
  expect(entitiesByName(articles).has('Jackson')).toBe(false)
  const without = STORY_JOIN_RULES.filter((rule) => rule !== 'formTypes')
  expect(entitiesByName(articles, without).get('Jackson')?.type).toBe('place')
})

test('a team the tagger typed a person where the story writes it alone joins the team (personPart)', () => {
  const articles = [
    article('a', [['Kansas City Chiefs', 'organization']]),
    article('b', [
      ['Chiefs', 'person'],
      ['Chiefs', 'person'],
    ]),
  ]
  expect(entitiesByName(articles).get('Kansas City Chiefs')?.aliases).toEqual(['Chiefs'])
  const without = STORY_JOIN_RULES.filter((rule) => rule !== 'personPart')
  expect(entitiesByName(articles, without).has('Chiefs')).toBe(true)
})
