import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Attribution } from '../../types.js'
import { findAttributions, modelFrom, readAttributionModelFile } from './index.js'
import { speakerHypotheses, subjectBefore } from './hypotheses.js'
import { SpeakerRanker } from './ranker.js'
import { SpeakerResolver, nameMentions } from './speakers.js'
import { tagTokens } from './tokens.js'

const FIXTURES = new URL('../../../test/fixtures/attributions', import.meta.url).pathname

/** A person's mention at `at` in a test text. */
const person = (name: string, at: number, entityId: string) => ({
  text: name,
  type: 'person' as const,
  start: at,
  end: at + name.length,
  entityId,
})

interface Expected {
  content: string
  speaker: string | null
  kind: Attribution['kind']
}

/** Characters shared by two ranges over the longer one: 1 when they are the same span. */
function agreement(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const shared = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))
  return shared / Math.max(a.end - a.start, b.end - b.start)
}

function checkOffsets(text: string, attributions: Attribution[]): void {
  for (const attribution of attributions)
    for (const range of [attribution.content, attribution.cue, attribution.source]) {
      if (range === null) continue
      expect(range.start).toBeGreaterThanOrEqual(0)
      expect(range.end).toBeLessThanOrEqual(text.length)
      expect(range.end).toBeGreaterThan(range.start)
      expect(text.slice(range.start, range.end).trim()).not.toBe('')
    }
}

describe('findAttributions fixtures (test/fixtures/attributions/<case>)', () => {
  for (const name of readdirSync(FIXTURES).sort())
    it(name, () => {
      const text = readFileSync(join(FIXTURES, name, 'input.txt'), 'utf8')
      const expected = JSON.parse(
        readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8'),
      ) as Expected[]
      const found = findAttributions(text)
      checkOffsets(text, found)
      for (const want of expected) {
        const start = text.indexOf(want.content)
        expect(start, `fixture text holds "${want.content}"`).toBeGreaterThanOrEqual(0)
        const range = { start, end: start + want.content.length }
        const match = found.find((a) => agreement(a.content, range) >= 0.8)
        expect(match, `an attribution for "${want.content}"`).toBeDefined()
        expect({ speaker: match?.speaker, kind: match?.kind }).toEqual({
          speaker: want.speaker,
          kind: want.kind,
        })
      }
    })
})

describe('findAttributions', () => {
  it('gives entity ids and full names from the caller’s entities', () => {
    const text = 'Andrei Lankov studies the North.\n\n“It will not work,” Lankov said.'
    const found = findAttributions(text, {
      entities: [
        { text: 'Andrei Lankov', type: 'person', start: 0, end: 13, entityId: 'e1' },
        { text: 'Lankov', type: 'person', start: 54, end: 60, entityId: 'e1' },
      ],
    })
    expect(found.map((a) => [a.speaker, a.entityId])).toContainEqual(['Andrei Lankov', 'e1'])
  })

  it('gives a quotation with neither cue nor source no place beside it as its speaker', () => {
    const text =
      'It is not clear how the vehicle was delivered.\n\nA narrow land border connects North Korea with the Russian Far East. A single railway bridge, “The Friendship Bridge,” crosses the border’s Tumen River. Using the line, trains can move onto the Trans-Siberian Express.'
    const place = (name: string, entityId: string) => ({
      text: name,
      type: 'place' as const,
      start: text.indexOf(name),
      end: text.indexOf(name) + name.length,
      entityId,
    })
    const found = findAttributions(text, {
      entities: [
        place('North Korea', 'north-korea'),
        place('Russian Far East', 'russian-far-east'),
        place('Tumen River', 'tumen-river'),
      ],
    })
    expect(found.map((a) => a.speaker)).not.toContain('Tumen River')
  })

  it('reads at most the first 200,000 characters of a very long text', () => {
    const text = '“It will not work,” Lankov said. '.repeat(8000)
    const found = findAttributions(text)
    expect(found.length).toBeGreaterThan(0)
    expect(Math.max(...found.map((a) => a.content.end))).toBeLessThanOrEqual(200_000)
    checkOffsets(text, found)
  })

  it('keeps offsets inside the text on random input', () => {
    let seed = 7
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const alphabet = [
      '“',
      '”',
      '"',
      ' ',
      '\n',
      '.',
      ',',
      'said',
      'He',
      'Kim',
      ':',
      'according to',
      'the',
    ]
    for (let round = 0; round < 50; round++) {
      const text = Array.from(
        { length: 80 },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join(' ')
      checkOffsets(text, findAttributions(text))
    }
  })
})

describe('SpeakerResolver', () => {
  it('cuts a headline name that runs into the cue at the cue (“Ted Cruz Refuses”)', () => {
    const text = 'Ted Cruz Refuses to Disavow Endorsement\n\nSen. Ted Cruz spoke on Monday.'
    const resolver = new SpeakerResolver(text, [
      { text: 'Ted Cruz Refuses', type: 'person', start: 0, end: 16, entityId: 'e1' },
      { text: 'Ted Cruz', type: 'person', start: 46, end: 54, entityId: 'e2' },
    ])
    const source = { start: 0, end: 8 }
    const cue = { start: 9, end: 16 }
    expect(resolver.resolve(source, [], 'mentioned', false, cue)).toMatchObject({
      speaker: 'Ted Cruz',
      entityId: 'e2',
    })
  })

  it('leaves out a headline word the entity’s name ran into (“Obama Says”), not a surname', () => {
    const text =
      'Obama Says Museum Will Tell a Story\n\nMr. Obama said the museum would open. Donald Trump spoke.'
    const obama = { type: 'person' as const, entityId: 'e1', name: 'Obama Says' }
    const resolver = new SpeakerResolver(text, [
      { ...obama, text: 'Obama Says', start: 0, end: 10 },
      { ...obama, text: 'Obama', start: 41, end: 46 },
      { text: 'Donald Trump', type: 'person', start: 75, end: 87, entityId: 'e2' },
    ])
    expect(resolver.resolve({ start: 37, end: 46 }, [])).toMatchObject({ speaker: 'Obama' })
    expect(resolver.resolve({ start: 75, end: 87 }, [])).toMatchObject({ speaker: 'Donald Trump' })
  })

  it('takes the person in apposition, not the possessor that qualifies the head (“Kim’s sister, Yo Jong”)', () => {
    const text = "Kim's powerful sister, Yo Jong, said it. Clinton's campaign said so."
    const resolver = new SpeakerResolver(text, [
      person('Kim', 0, 'e1'),
      person('Yo Jong', 23, 'e2'),
      person('Clinton', text.indexOf('Clinton'), 'e3'),
    ])
    expect(resolver.resolve({ start: 0, end: 30 }, []).speaker).toBe('Yo Jong')
    // Alone, the possessor stands for its campaign as before.
    const campaign = text.indexOf('Clinton')
    expect(resolver.resolve({ start: campaign, end: campaign + 18 }, []).speaker).toBe('Clinton')
  })

  it('cuts a description at its apposition or relative clause and drops the adverbs after its noun', () => {
    const cases: [string, string][] = [
      ['the editorial board recently', 'editorial board'],
      ['a judge last month', 'judge'],
      ['economists who favor consumption', 'economists'],
      ['Others, however', 'Others'],
      ['those surveyed', 'those surveyed'],
    ]
    for (const [written, speaker] of cases) {
      const resolver = new SpeakerResolver(written, [])
      expect(resolver.resolve({ start: 0, end: written.length }, []).speaker).toBe(speaker)
    }
  })

  it('takes no title standing alone for a name (“Rep” cut from “Rep. Jim Clyburn”)', () => {
    const text = 'Rep. Jim Clyburn said the vote was close.'
    const mentions = nameMentions(text, [
      { text: 'Rep', type: 'person', start: 0, end: 3, entityId: 'e1' },
      { text: 'Jim Clyburn', type: 'person', start: 5, end: 16, entityId: 'e2' },
    ])
    expect(mentions.map((m) => m.text)).toEqual(['Jim Clyburn'])
  })
})

describe('speaker hypotheses', () => {
  const tokenRun = (text: string, words: string) => {
    const tokens = tagTokens(text)
    const start = text.indexOf(words)
    const first = tokens.findIndex((t) => t.start === start)
    const last = tokens.findIndex((t) => t.end === start + words.length)
    return { tokens, run: { first, last } }
  }
  const wordsOf = (
    text: string,
    tokens: ReturnType<typeof tagTokens>,
    run: { first: number; last: number } | null,
  ) => (run === null ? null : text.slice(tokens[run.first]!.start, tokens[run.last]!.end))

  it('finds the subject right before a cue, past auxiliaries and adverbs, up to a clause boundary', () => {
    const cases: [string, string, string | null][] = [
      [
        'People briefed on the situation say that the governor will default.',
        'say',
        'People briefed on the situation',
      ],
      [
        'On Friday, families of the victims also urged the senator to apologize.',
        'urged',
        'families of the victims',
      ],
      ['The policy, which officials said will start soon, is new.', 'said', 'officials'],
      ['Mr. Trump has repeatedly said the wall would be built.', 'said', 'Mr. Trump'],
      ['“It is over,” said the senator.', 'said', null],
      [
        "Kim's powerful sister, Yo Jong, said the gift was a sign.",
        'said',
        "Kim's powerful sister, Yo Jong",
      ],
      ['The official, who asked not to be named, said it was over.', 'said', null],
    ]
    for (const [text, cue, subject] of cases) {
      const { tokens, run } = tokenRun(text, cue)
      expect(wordsOf(text, tokens, subjectBefore(tokens, run))).toBe(subject)
    }
  })

  it('offers an untagged subject as a hypothesis and marks where each candidate stands', () => {
    const text = 'Most analysts expected that Kasich would win.'
    const { tokens, run: cue } = tokenRun(text, 'expected')
    const { run: content } = tokenRun(text, 'Kasich would win')
    const resolver = new SpeakerResolver(text, [
      { text: 'Kasich', type: 'person', start: 28, end: 34, entityId: 'e1' },
    ])
    const rule = {
      content: { start: 28, end: 44 },
      cue: { start: 14, end: 22 },
      source: null,
      speaker: null,
      entityId: null,
      kind: 'indirect' as const,
    }
    const hypotheses = speakerHypotheses(
      {
        tokens,
        sources: [],
        names: [],
        resolver,
        named: [],
        resolve: (source, cueRange) => resolver.resolve(source, [], 'mentioned', false, cueRange),
      },
      { run: content, cue, kind: 'indirect', ownCue: true, rule, previous: null },
    )
    const subject = hypotheses.find((h) => h.features[0] === 'subj')
    expect(subject?.resolved.speaker).toBe('Most analysts')
    expect(subject?.features).toContain('subj|left|edge')
    expect(subject?.features).toContain('subj|insubject')
  })
})

describe('speaker ranking', () => {
  it('chooses the best-scoring hypothesis, the rule’s reading (the first) on ties', () => {
    const ranker = new SpeakerRanker({ near: 1, far: -1 })
    const hypothesis = (features: string[]) => ({
      source: null,
      resolved: { speaker: null, entityId: null, person: false },
      features,
    })
    expect(ranker.choose([hypothesis(['far']), hypothesis(['near']), hypothesis([])])).toBe(1)
    expect(ranker.choose([hypothesis(['x']), hypothesis(['y'])])).toBe(0)
    expect(ranker.choose([])).toBe(0)
  })

  it('lists the antecedents a pronoun may stand for, each with its gender agreement', () => {
    const text = 'Laura Whitfield met Tom Reyes. Ms. Whitfield spoke first. She said it.'
    const resolver = new SpeakerResolver(text, [
      person('Laura Whitfield', 0, 'e1'),
      person('Tom Reyes', 20, 'e2'),
      person('Whitfield', text.indexOf('Whitfield spoke'), 'e1'),
    ])
    const candidates = resolver.antecedentCandidates(text.indexOf('She'), [], 'She')
    const whitfield = candidates.find((c) => c.resolved.speaker === 'Laura Whitfield')
    expect(whitfield?.features).toContain('ante|gender|yes')
    expect(whitfield?.features).toContain('ante|person|r0')
    expect(candidates.find((c) => c.resolved.speaker === 'Tom Reyes')?.features).toContain(
      'ante|gender|unknown',
    )
  })

  it('is shipped in the model file, and without it the assembly rule’s reading stands', () => {
    const file = readAttributionModelFile()
    expect(Object.keys(file.speakers ?? {}).length).toBeGreaterThan(100)
    const text = readFileSync(join(FIXTURES, 'split-quote', 'input.txt'), 'utf8')
    const rule = modelFrom({ roles: file.roles, contents: file.contents, assemble: file.assemble })
    const found = findAttributions(text, { model: rule })
    checkOffsets(text, found)
    expect(found.map((a) => a.speaker)).toContain('Tomas Varga')
  })
})
