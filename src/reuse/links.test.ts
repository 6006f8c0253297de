import { expect, test } from 'vitest'
import { extract } from '../pipeline.js'
import type { Article } from '../types.js'
import { alignPassages } from './align.js'
import { findReuseLinks, independentGroups } from './links.js'
import { minhashSignature, estimateJaccard, resemblance, shingleHashes } from './minhash.js'
import { words } from '../text/tokens.js'

const PARAGRAPHS = [
  'The city council approved a plan on Monday to rebuild the old harbour bridge, which has been closed to traffic since a barge struck one of its pillars in March.',
  'Engineers said the new bridge would carry two lanes for cars, a separate track for trams and a wide path for cyclists, and that work could begin next spring.',
  'The project is expected to cost about 240 million euros, most of it paid by the regional government, according to documents presented to the council.',
  'Residents of the northern districts, who have faced long detours for months, welcomed the vote but asked for a temporary ferry until the bridge reopens.',
  'Opposition members criticised the timetable as optimistic and pointed to delays on two earlier projects in the same port area.',
]
const ORIGINAL = PARAGRAPHS.join('\n\n')

const article = (id: string, text: string, published: string | null = null): Article => ({
  ...extract({ text: `Harbour bridge\n\n${text}` }),
  id,
  published,
})

/** Light rewriting: some words replaced, one sentence reordered: the passages must still align. */
function rewrite(text: string): string {
  return text
    .replace(/approved/g, 'backed')
    .replace(/Engineers said/g, 'According to engineers,')
    .replace(/welcomed the vote/g, 'praised the decision')
}

test('a copy, a truncated copy and a rewrite are linked; an unrelated text is not', () => {
  const original = article('a-original', ORIGINAL, '2024-03-01')
  const copy = article('b-copy', ORIGINAL, '2024-03-02')
  const truncated = article('c-truncated', PARAGRAPHS.slice(0, 2).join('\n\n'), '2024-03-02')
  const rewritten = article('d-rewrite', rewrite(ORIGINAL), '2024-03-03')
  const unrelated = article(
    'e-other',
    'A storm cut power to thousands of homes along the coast overnight, and crews worked through the morning to restore lines while schools stayed closed.',
  )
  const links = findReuseLinks([original, copy, truncated, rewritten, unrelated])
  const kindOf = (from: string, to: string): string | undefined =>
    links.find((link) => link.from === from && link.to === to)?.kind
  expect(kindOf('a-original', 'b-copy')).toBe('copy')
  expect(kindOf('a-original', 'c-truncated')).toBe('copy')
  expect(['copy', 'rewrite']).toContain(kindOf('a-original', 'd-rewrite'))
  expect(links.some((link) => link.from === 'e-other' || link.to === 'e-other')).toBe(false)
  const groups = independentGroups(
    ['a-original', 'b-copy', 'c-truncated', 'd-rewrite', 'e-other'],
    links,
  )
  expect(new Set(groups.values()).size).toBe(2)
})

test('aligned passages slice back to the shared words in both texts, whichever comes first', () => {
  const a = ORIGINAL
  const b = `An introduction of our own.\n\n${rewrite(PARAGRAPHS.slice(1, 4).join('\n\n'))}`
  const forward = alignPassages(a, b)
  const backward = alignPassages(b, a)
  expect(forward.length).toBeGreaterThan(0)
  expect(forward.map((passage) => [passage.a, passage.b, passage.similarity])).toEqual(
    backward.map((passage) => [passage.b, passage.a, passage.similarity]),
  )
  for (const passage of forward) {
    const left = a.slice(passage.a.start, passage.a.end)
    const right = b.slice(passage.b.start, passage.b.end)
    expect(left.split(/\s+/)[0]).toBe(right.split(/\s+/)[0])
    expect(left.split(/\s+/).at(-1)).toBe(right.split(/\s+/).at(-1))
  }
})

test('a quotation both articles carry is a shared quote, not a copy', () => {
  const quote =
    '“We will rebuild the bridge faster than anyone expects, and we will do it without raising taxes for the people of this city,”'
  const first = article(
    'q1',
    `${quote} the mayor said on Monday. Critics on the council doubt the plan and want an independent review of its costs before any contract is signed.`,
  )
  const second = article(
    'q2',
    `Speaking to reporters, the mayor promised: ${quote} Shipping companies asked how long the port would stay closed during the works, which were not yet scheduled.`,
  )
  expect(findReuseLinks([first, second]).map((link) => link.kind)).toEqual(['shared-quote'])
})

test('MinHash estimates resemblance symmetrically and close to the exact value', () => {
  const a = shingleHashes(words(ORIGINAL))
  const b = shingleHashes(words(rewrite(ORIGINAL)))
  const exact = resemblance(a, b).jaccard
  const estimate = estimateJaccard(minhashSignature(a), minhashSignature(b))
  expect(estimate).toBe(estimateJaccard(minhashSignature(b), minhashSignature(a)))
  expect(Math.abs(estimate - exact)).toBeLessThan(0.15)
})

test('texts equal once case, spacing and punctuation are normalised are an exact copy, the whole text one passage', () => {
  const original = article('x-first', ORIGINAL, '2024-03-01')
  const respaced = article(
    'y-second',
    ORIGINAL.replace(/ the /g, '  THE ').replace(/,/g, ' ,').replace(/\.$/, '!'),
    '2024-03-02',
  )
  const [link] = findReuseLinks([original, respaced])
  expect(link).toMatchObject({ from: 'x-first', to: 'y-second', kind: 'copy', directed: true })
  expect(link?.evidence.map((evidence) => evidence.kind)).toContain('identical-text')
  const passage = link?.passages[0]
  expect(original.text.slice(passage?.from.start, passage?.from.end)).toBe(original.text.trim())
  expect(respaced.text.slice(passage?.to.start, passage?.to.end)).toBe(respaced.text.trim())
})
