/**
 * A corpus whose stories depend on how its placement is cut into rounds: events that share words, names and
 * places with their neighbours, reported in copies that borrow sentences of other events (as the scale bench's
 * mutated copies do). Online placement of it gives other stories when the rounds are cut elsewhere, which is
 * what the workers test needs to tell rounds cut by input position from rounds cut by timing. Seeded: the same
 * lines every run.
 */

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ten',
  'sar',
  'vu',
  'dor',
  'pel',
  'qui',
  'nas',
  'ber',
  'fo',
  'zim',
  'ra',
]
const FILLER = ['the', 'a', 'of', 'in', 'and', 'was', 'said', 'after', 'with', 'on', 'to', 'by']

let state = 1234
const random = (): number => (state = (state * 48271) % 2147483647) / 2147483647
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T

function word(syllables = 3): string {
  return Array.from({ length: syllables }, () => pick(SYLLABLES)).join('')
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

interface CorpusEvent {
  words: string[]
  names: string[]
  day: number
}

function sentence(event: CorpusEvent): string {
  const length = 8 + Math.floor(random() * 6)
  const parts = Array.from({ length }, () => {
    const roll = random()
    if (roll < 0.45) return pick(event.words)
    if (roll < 0.6) return pick(event.names)
    return pick(FILLER)
  })
  return `${capitalised(parts.join(' '))}.`
}

/** JSONL lines: `events × reports` reports, interleaved across events as a crawl would be. */
export function roundsCorpus(events = 16, reports = 12, overlap = 4): string[] {
  state = 1234
  const own = Array.from({ length: events }, () => Array.from({ length: 10 }, () => word()))
  const names = Array.from({ length: events }, () => [
    `${capitalised(word(2))} ${capitalised(word(3))}`,
    capitalised(word(3)),
  ])
  // Each event shares `overlap` of its words and one name with the next one.
  const list: CorpusEvent[] = own.map((words, index) => {
    const next = (index + 1) % events
    return {
      words: [...words, ...(own[next] as string[]).slice(0, overlap)],
      names: [...(names[index] as string[]), (names[next] as string[])[1] as string],
      day: 1 + Math.floor(index / 2),
    }
  })
  const lines: string[] = []
  for (let report = 0; report < reports; report++)
    list.forEach((event, index) => {
      const count = 4 + Math.floor(random() * 4)
      const text = Array.from({ length: count }, () =>
        sentence(random() < 0.2 ? pick(list) : event),
      ).join(' ')
      lines.push(
        JSON.stringify({
          id: `round-event${index}-report${report}`,
          title: null,
          published: `2024-05-${String(event.day).padStart(2, '0')}`,
          text,
        }),
      )
    })
  return lines
}
