import { expect, test } from 'vitest'
import { updateStore } from '../incremental.js'
import { extract } from '../pipeline.js'
import { openStore } from '../store/index.js'
import type { Article } from '../types.js'
import { clusterStories } from './placement.js'
import { DEFAULT_SPLIT_LIMITS, splitByNames } from './split.js'

// Eight different texts about checking into rehab: each event's reports share its names, not their wording.
const OPENINGS = [
  (person: string, place: string) =>
    `${person} has checked into the ${place} treatment centre, a spokesman said on Tuesday, asking for privacy.`,
  (person: string, place: string) =>
    `Hollywood actress ${person} entered rehab at ${place} this week after what friends called a difficult year.`,
  (person: string, place: string) =>
    `Representatives confirmed that ${person} is now a patient at ${place}, where stays usually last a month.`,
  (person: string, place: string) =>
    `Fans were told on social media that ${person} would spend several weeks at ${place} to recover.`,
  (person: string, place: string) =>
    `The star ${person} began treatment at ${place} on Monday morning, her publicist announced.`,
  (person: string, place: string) =>
    `According to a statement from her team, ${person} checked herself into ${place} voluntarily.`,
  (person: string, place: string) =>
    `${person} is receiving care at ${place}, the clinic confirmed, declining to say for how long.`,
  (person: string, place: string) =>
    `Sources close to ${person} said the actress chose ${place} after weeks of talks with her family.`,
]
const rehab = (
  id: string,
  variant: number,
  person: string,
  place: string,
  detail: string,
): Article => ({
  ...extract({
    text: `Actress checks into rehab\n\n${(OPENINGS[variant] as (p: string, q: string) => string)(person, place)} ${detail}`,
  }),
  id,
  published: null,
})
const reid = [
  rehab('r1', 0, 'Tara Reid', 'Promises', 'Reid thanked her fans in Malibu.'),
  rehab('r2', 1, 'Tara Reid', 'Promises', 'Reid was photographed in Malibu last week.'),
  rehab('r3', 2, 'Tara Reid', 'Promises', 'Reid plans a film after the clinic in Malibu.'),
  rehab('r4', 3, 'Tara Reid', 'Promises', 'Reid had a busy summer in Malibu.'),
]
const lohan = [
  rehab(
    'l1',
    4,
    'Lindsay Lohan',
    'Betty Ford',
    'Lohan must stay ninety days, Judge Sautner ruled.',
  ),
  rehab('l2', 5, 'Lindsay Lohan', 'Betty Ford', 'Lohan arrived in Palm Springs with her lawyer.'),
  rehab('l3', 6, 'Lindsay Lohan', 'Betty Ford', 'Lohan was sentenced by Judge Sautner in March.'),
  rehab('l4', 7, 'Lindsay Lohan', 'Betty Ford', 'Lohan left for Palm Springs by car.'),
]

test('a story whose articles name two different sets of people splits in two; one event does not', () => {
  const split = splitByNames([...reid, ...lohan], 'r1')
  expect(split?.kept.sort()).toEqual(['r1', 'r2', 'r3', 'r4'])
  expect(split?.split.sort()).toEqual(['l1', 'l2', 'l3', 'l4'])
  expect(
    splitByNames([...reid, ...reid.map((article) => ({ ...article, id: `${article.id}b` }))], 'r1'),
  ).toBeNull()
  expect(splitByNames(reid, 'r1')).toBeNull() // too few articles to tell two events
  // Eight different reports of one event, naming the same people: one story.
  const moreReid = [4, 5, 6, 7].map((variant) =>
    rehab(`r${variant + 1}`, variant, 'Tara Reid', 'Promises', 'Reid spoke to friends in Malibu.'),
  )
  expect(splitByNames([...reid, ...moreReid], 'r1')).toBeNull()
})

test('two events that read alike become two stories, in one pass and in a store; the founder keeps its id', async () => {
  const articles = [...reid, ...lohan]
  // A low threshold makes the online pass join them; the names then split them.
  const stories = clusterStories(articles, { threshold: 0.05 })
  expect(stories.map((story) => [...story.articleIds].sort().join(',')).sort()).toEqual([
    'l1,l2,l3,l4',
    'r1,r2,r3,r4',
  ])
  const store = await openStore(':memory:')
  await updateStore(store, reid, { cluster: { threshold: 0.05 } })
  const [founded] = await store.listStories()
  const result = await updateStore(store, lohan, { cluster: { threshold: 0.05 } })
  expect(result.changedStories).toHaveLength(2)
  const after = await store.listStories()
  expect(after).toHaveLength(2)
  expect(after.find((story) => story.id === founded?.id)?.articleIds.sort()).toEqual([
    'r1',
    'r2',
    'r3',
    'r4',
  ])
  const other = after.find((story) => story.id !== founded?.id)
  expect(other?.articleIds.sort()).toEqual(['l1', 'l2', 'l3', 'l4'])
  const report = await store.getStory(other?.id ?? '')
  expect(
    report?.membership.flatMap((entry) => entry.evidence.map((evidence) => evidence.kind)),
  ).toContain('split')
  expect((await store.search('Lohan')).stories.map((story) => story.id)).toEqual([other?.id])
  await store.close()
})

// Two title fights of one champion: the champion, the referee's trade, a watching legend are in both groups.
const FIGHT_OPENINGS = [
  (opponent: string, city: string) =>
    `Wladimir Klitschko beat ${opponent} in ${city} on Saturday night to keep his heavyweight titles.`,
  (opponent: string, city: string) =>
    `The champion needed seven rounds to stop ${opponent}, and the crowd in ${city} cheered him.`,
  (opponent: string, city: string) =>
    `${opponent} was down twice before the referee waved the fight off in ${city}.`,
  (opponent: string, city: string) =>
    `In front of forty thousand fans in ${city}, the Ukrainian outclassed ${opponent} from the first bell.`,
  (opponent: string, city: string) =>
    `Klitschko said ${opponent} had been brave, speaking to reporters in ${city} after midnight.`,
  (opponent: string, city: string) =>
    `Bookmakers had made ${opponent} a heavy underdog, and the bout in ${city} went as they expected.`,
  (opponent: string, city: string) =>
    `A left hook in the sixth round finished ${opponent}, ending a one-sided night in ${city}.`,
  (opponent: string, city: string) =>
    `Television audiences watched ${opponent} take a beating for six rounds in ${city}.`,
]
const fight = (id: string, variant: number, opponent: string, city: string, aside: string) => ({
  ...extract({
    text: `Klitschko keeps his belts\n\n${(FIGHT_OPENINGS[variant] as (o: string, c: string) => string)(opponent, city)} ${aside}`,
  }),
  id,
  published: null,
})

test('two events that share names still split when each has a name all its reports carry', () => {
  const rahman = [
    fight(
      'a0',
      0,
      'Hasim Rahman',
      'Mannheim',
      'Referee Eddie Cotton stopped it; Lennox Lewis watched.',
    ),
    fight('a1', 1, 'Hasim Rahman', 'Mannheim', 'Referee Eddie Cotton had warned both men.'),
    fight('a2', 2, 'Hasim Rahman', 'Mannheim', 'Promoter Don King was not there.'),
    fight(
      'a3',
      3,
      'Hasim Rahman',
      'Mannheim',
      'Don King called it; trainer Emanuel Steward smiled.',
    ),
  ]
  const thompson = [
    fight('b0', 4, 'Tony Thompson', 'Bern', 'Referee Tony Weeks stopped it; Lennox Lewis watched.'),
    fight('b1', 5, 'Tony Thompson', 'Bern', 'Referee Tony Weeks had warned both men.'),
    fight('b2', 6, 'Tony Thompson', 'Bern', 'Manager Shelly Finkel was not there.'),
    fight(
      'b3',
      7,
      'Tony Thompson',
      'Bern',
      'Shelly Finkel agreed; trainer Emanuel Steward smiled.',
    ),
  ]
  const split = splitByNames([...rahman, ...thompson], 'a0')
  expect(split?.kept.sort()).toEqual(['a0', 'a1', 'a2', 'a3'])
  expect(split?.split.sort()).toEqual(['b0', 'b1', 'b2', 'b3'])
  // More overlap than names alone allow: the opponent and the city of each fight decided.
  expect(split?.crossSimilarity).toBeGreaterThan(DEFAULT_SPLIT_LIMITS.maxCrossSimilarity)
})
