import type { Attribution } from '../../types.js'
import type { NameMention, SpeakerResolver } from './speakers.js'

// A line opening with a speaker label: "PENCE: Well, look…", "Bernie Sanders: …" (one to four name words);
// a transcript quoted whole may open each line with a quotation mark.
const LABEL_LINE =
  /^[ \t]*["“]?(\p{Lu}[\p{L}.'’-]*(?:[ \t]+\p{Lu}[\p{L}.'’-]*){0,3})(:)[ \t]+(\S[^\n]*)$/gmu

// Capitalised line labels that head a section, not a speaker's words.
const NOT_SPEAKERS = new Set(
  'update correction byline breaking note editor photo photos video watch read related source sources contributing poll report the latest transcript'.split(
    ' ',
  ),
)

/**
 * Transcript labels: a line "NAME: words" is an attribution of the words to NAME when NAME's last word is the
 * surname of a person the text names elsewhere, or, in a transcript (two or more lines with capital-letter
 * labels such as "WALLACE:" and "PENCE:"), when the label is in capitals. "Update:", "Poll:" or "BYLINE:" never
 * count.
 */
export function transcriptAttributions(
  text: string,
  mentions: NameMention[],
  resolver: SpeakerResolver,
): Attribution[] {
  const surname = (name: string): string => name.split(/\s+/).at(-1)?.toLowerCase() ?? ''
  const found: Attribution[] = []
  const lines = [...text.matchAll(LABEL_LINE)].filter(
    (line) => !NOT_SPEAKERS.has((line[1] ?? '').toLowerCase().split(/\s+/)[0] ?? ''),
  )
  const capitals = (label: string): boolean => /^[\p{Lu}.'’ -]{2,}$/u.test(label)
  const transcript = new Set(lines.map((line) => line[1] ?? '').filter(capitals)).size >= 2
  const persons = personsBySurname(mentions, surname)
  for (const line of lines) {
    const label = line[1] ?? ''
    const sourceStart = line.index + line[0].indexOf(label)
    const colon = sourceStart + label.length
    // The person named elsewhere (the longest such mention), not the label itself.
    const person = persons
      .get(surname(label))
      ?.find((m) => m.end <= sourceStart || m.start >= colon)
    if (person === undefined && !(transcript && capitals(label))) continue
    const contentStart = line.index + line[0].length - (line[3] ?? '').length
    const content = { start: contentStart, end: line.index + line[0].trimEnd().length }
    if (content.end <= content.start) continue
    const resolved =
      person === undefined
        ? { speaker: titleCase(label), entityId: null }
        : resolver.canonical(person)
    found.push({
      content,
      cue: { start: colon, end: colon + 1 },
      source: { start: sourceStart, end: colon },
      speaker: resolved.speaker,
      entityId: resolved.entityId,
      // Words after a label are the speaker's own, as a quotation is.
      kind: 'direct',
    })
  }
  return found
}

/**
 * The person mentions of each surname, longest first (text order among equals). Grouped once, not filtered
 * per label line: a transcript of n lines naming its speakers n times cost n² (issue 16's hostile inputs).
 */
function personsBySurname(
  mentions: NameMention[],
  surname: (name: string) => string,
): Map<string, NameMention[]> {
  const groups = new Map<string, NameMention[]>()
  for (const mention of mentions) {
    if (mention.type !== 'person') continue
    const key = surname(mention.text)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [mention])
    else group.push(mention)
  }
  for (const group of groups.values()) group.sort((a, b) => b.text.length - a.text.length)
  return groups
}

/** "WALLACE" → "Wallace", "MR. PESKOV" → "Mr. Peskov". */
function titleCase(label: string): string {
  return label
    .toLowerCase()
    .replace(
      /(^|[\s'’-])(\p{Ll})/gu,
      (_, before: string, letter: string) => before + letter.toUpperCase(),
    )
}
