/** Words that are never a person's name in a byline (roles, desks, placeholders). */
const NOT_A_PERSON =
  /\b(staff|editor|editors|editorial|desk|team|newsroom|reporter|correspondent|contributor|email|e-mail|the author|author|admin|administrator|news|press|agency|agencies|associated|reuters|updated|published|share|follow|comments?|photo|images?|opinion)\b/i
/** Roles other than the writer's named before a name ("Übersetzung A", "Fotos: B"): credits, not authors. */
const OTHER_ROLE =
  /(?<!\p{L})(übersetzung|übersetzt|translation|translated|traducción|traduction|traduzione|vertaling|foto|fotos|fotograf\p{L}*|illustration|grafik)(?!\p{L})/iu
// A capital may follow an apostrophe or Mc/Mac inside a surname ("O'Mahony", "D’Angelo", "McDonald").
const NAME_TOKEN =
  /^((?:\p{Lu}['’]|Ma?c)?\p{Lu}[\p{Ll}'’]*(?:-\p{L}[\p{Ll}'’]*)*[\p{L}]|\p{Lu}\.|\p{Lu}{2,}|van|von|de|da|del|der|bin|al|le|la|di|du|dos)$/u

/** Whether a string looks like one person's name: 2–4 name words, no role or outlet word, no digits. */
export function isPersonName(text: string): boolean {
  const tokens = text.trim().split(/\s+/)
  if (
    tokens.length < 2 ||
    tokens.length > 4 ||
    /\d|@|:/.test(text) ||
    NOT_A_PERSON.test(text) ||
    OTHER_ROLE.test(text)
  )
    return false
  return tokens.every((token) => NAME_TOKEN.test(token)) && /\p{Ll}/u.test(text)
}

/** Splits "A, B and C" or "A & B" into names and keeps the ones that look like people. */
export function splitNames(text: string): string[] {
  return text
    .replace(/^\s*(by|von|par|por|di|door)\s+/i, '')
    .split(/\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/i)
    .map((name) =>
      name
        .replace(/\s+/g, ' ')
        .replace(/[.,;]+$/, '')
        .trim(),
    )
    .filter(isPersonName)
}

/** Names from "Write to X at …", "X can be reached at …", "By X". */
export function namesInContactLine(line: string): string[] {
  const names: string[] = []
  const addressed = /(?:write to|contact|e-?mail)\s+(.+)$/i.exec(line)?.[1] ?? ''
  // "Write to A at a@x.com and B at b@x.com": each name stands before its own address.
  for (const match of addressed.matchAll(/(?:^|\band\s+|,\s*)([^,@]+?)\s+at\s+\S+@\S+/gi))
    names.push(...splitNames(match[1] ?? ''))
  const reached = /^[•·*\s-]*(.+?)\s+can be reached at\b/i.exec(line)
  if (reached?.[1] !== undefined) names.push(...splitNames(reached[1]))
  return names
}

/** Names from "X and Y contributed to this article" / "Additional reporting by X". */
export function namesInContributorLine(line: string): string[] {
  const contributed = /^(.+?)\s+contributed\b/i.exec(line)?.[1]
  const additional = /additional reporting by\s+(.+?)\.?$/i.exec(line)?.[1]
  return splitNames(contributed ?? additional ?? '')
}

export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>()
  return names.filter((name) => {
    const key = name.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
