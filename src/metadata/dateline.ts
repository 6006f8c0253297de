/** The dateline at the start of a story: "SEOUL, South Korea –", "SEOUL—", "Seoul —", "BERLIN (Reuters) -". */
const DATELINE =
  /^(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,2})(?:,\s*\p{Lu}[\p{L}. ]{1,30}?)?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s*/u

/** The dateline of the first or second paragraph (a standfirst may come first). */
export function findDateline(body: string): string | null {
  for (const paragraph of body.split(/\n\s*\n/, 2)) {
    const place = datelineOf(paragraph)
    if (place !== null) return place
  }
  return null
}

function datelineOf(paragraph: string): string | null {
  const match = DATELINE.exec(paragraph.slice(0, 200))
  const place = match?.[1]
  if (place === undefined || place.length > 40) return null
  return place.toUpperCase()
}
