import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { dataPath } from './data.js'

/** One gold attribution of PolNeAR: content fragments (trimmed), its source and cue, direct or not. */
export interface GoldAttribution {
  frags: [number, number][]
  /** Untrimmed fragments, as annotated (for training labels). */
  rawFrags: [number, number][]
  text: string
  direct: boolean
  source: string | null
  sourceStart: number | null
  sourceFrags: [number, number][]
  cueFrags: [number, number][]
  length: number
}

export interface PolnearArticle {
  stem: string
  text: string
  gold: GoldAttribution[]
}

const DOUBLE_MARKS = /[“”"„«»]/
const TRIM = new Set([...' \t\r\n\u00a0', ...'“”"‘’\'„«»', ...',.;:!?…—–-'])
const CUE_WORDS = new Set('said says told added wrote asked explained noted continued'.split(' '))

/** The articles of one PolNeAR part (`train` or `dev`), gold read as ../shared/tools/score_quotes.py does. */
export function loadPolnear(part: 'train' | 'dev'): PolnearArticle[] {
  const dir = dataPath('quote-attribution-polnear', part)
  const annotations = readdirSync(join(dir, 'attributions')).sort()
  return readdirSync(join(dir, 'text'))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => name.slice(0, -4))
    .sort()
    .map((stem) => {
      const text = readFileSync(join(dir, 'text', `${stem}.txt`), 'utf8')
      // Several annotators on a few articles: the smallest annotator id, as the reference scorer does.
      const file = annotations.find((candidate) =>
        new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_[0-9a-f]+\\.ann$`).test(
          candidate,
        ),
      )
      const gold =
        file === undefined
          ? []
          : readGold(readFileSync(join(dir, 'attributions', file), 'utf8'), text)
      return { stem, text, gold }
    })
}

/** [start, end) with whitespace, quotation marks and punctuation trimmed from both ends. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && TRIM.has(text[start] ?? '')) start++
  while (end > start && TRIM.has(text[end - 1] ?? '')) end--
  return [start, end]
}

function readGold(ann: string, text: string): GoldAttribution[] {
  const spans = new Map<string, { kind: string; frags: [number, number][] }>()
  const relations: Record<string, string>[] = []
  for (const line of ann.split('\n')) {
    const cols = line.split('\t')
    const id = cols[0] ?? ''
    if (id.startsWith('T') && cols.length >= 2) {
      const [kind = '', ...rest] = (cols[1] ?? '').split(' ')
      const frags = rest
        .join(' ')
        .split(';')
        .filter((part) => part.trim() !== '')
        .map((part) => part.trim().split(/\s+/).map(Number) as [number, number])
      spans.set(id, { kind, frags })
    } else if (id.startsWith('E') && cols.length >= 2) {
      relations.push(
        Object.fromEntries(
          (cols[1] ?? '')
            .split(' ')
            .filter((part) => part.includes(':'))
            .map((part) => [part.slice(0, part.indexOf(':')), part.slice(part.indexOf(':') + 1)]),
        ),
      )
    }
  }
  const sourceOf = new Map<string, [number, number][]>()
  const cueOf = new Map<string, [number, number][]>()
  for (const relation of relations) {
    const source = spans.get(relation.Source ?? '')
    const cue = spans.get(relation.Cue ?? '')
    for (const [role, id] of Object.entries(relation)) {
      if (!role.startsWith('Content')) continue
      if (source !== undefined) sourceOf.set(id, source.frags)
      if (cue !== undefined) cueOf.set(id, cue.frags)
    }
  }
  const joined = (frags: [number, number][]): string =>
    frags.map(([s, e]) => text.slice(s, e)).join(' ')
  const units: GoldAttribution[] = []
  for (const [id, span] of spans) {
    if (span.kind !== 'Content') continue
    const unitText = joined(span.frags)
    const sourceFrags = sourceOf.get(id) ?? []
    const cueFrags = cueOf.get(id) ?? []
    let source = sourceFrags.length > 0 ? joined(sourceFrags) : null
    const cue = cueFrags.length > 0 ? joined(cueFrags) : null
    // A few relations have Source and Cue swapped (Source "said", Cue "Hester"): the Cue is the Source.
    if (
      source !== null &&
      cue !== null &&
      CUE_WORDS.has(source.trim().toLowerCase()) &&
      /^\p{Lu}/u.test(cue)
    )
      source = cue
    const frags = span.frags.map(([s, e]) => trimSpan(text, s, e)).filter(([s, e]) => e > s)
    const length = frags.reduce((sum, [s, e]) => sum + e - s, 0)
    if (length === 0) continue
    units.push({
      frags,
      rawFrags: span.frags,
      text: unitText,
      direct: DOUBLE_MARKS.test(unitText),
      source,
      sourceStart: sourceFrags[0]?.[0] ?? null,
      sourceFrags,
      cueFrags,
      length,
    })
  }
  return units
}
