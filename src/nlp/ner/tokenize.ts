/** A word or punctuation token with its offsets in the text: `text.slice(start, end) === text`. */
export interface Token {
  text: string
  start: number
  end: number
  /** Sentence index within the text. */
  sentence: number
}

// Initialisms keep their dots ("U.S.", "U.N."), and so does a middle initial ("Raj K. Chohan"); words keep inner hyphens, dots of initials and apostrophes
// followed by two or more letters ("Jong-un", "O'Brien"), so that the possessive "'s" is a token of its own.
// A hyphen before an initialism ends the word ("then-U.S. President" is then, -, U.S., President): read as one
// word, "then-U" took the initialism's first letter, its dot ended a sentence, and the role read "S. President".
const TOKEN =
  /\p{Lu}(?:\.\p{Lu})+\.?|\p{Lu}\.(?=\s+\p{Lu}\p{Ll})|[\p{L}\p{M}\p{N}]+(?:(?:[-‐'’&][\p{L}\p{M}\p{N}]{2,}|[-‐](?!\p{Lu}\.\p{Lu})[\p{L}\p{M}\p{N}]+))*|['’]s\b|\S/gu

// A sentence ends after . ! ? (and closing quotes) when the next token starts with a capital or a quote, and
// at every line break; short capitalised words before a dot ("Mr.", "Gen.", "St.") are abbreviations.
const ABBREVIATION =
  /^(?:\p{Lu}|Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Rep|Sen|Gov|St|Jr|Sr|No|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|Gov|Rev|Capt|Maj|Adm|Cmdr)$/u

/** Closing marks and brackets: a sentence that ended before them still ends after them. */
const CLOSERS = '"”’\')]'

/** Tokens of a text, with sentence indices (a new sentence after a line break or a sentence-final stop). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let sentence = 0
  let endsSentence = false
  // The first line break after the previous token, found again only once passed (linear in the text).
  let nextBreak = text.indexOf('\n')
  // exec over the shared pattern, not matchAll (which clones it and builds an iterator per call); nothing
  // runs between lastIndex's reset and the loop's end.
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const word = match[0]
    const start = match.index
    if (tokens.length > 0) {
      const lineBreak = nextBreak >= 0 && nextBreak < start
      if (lineBreak || (endsSentence && /^[\p{Lu}\p{N}"“‘'(]/u.test(word))) sentence++
    }
    const previous = tokens.at(-1)
    if (word === '.' || word === '!' || word === '?')
      endsSentence = !(word === '.' && previous !== undefined && ABBREVIATION.test(previous.text))
    else if (!(word.length === 1 && CLOSERS.includes(word))) endsSentence = false
    const end = start + word.length
    tokens.push({ text: word, start, end, sentence })
    if (nextBreak >= 0 && nextBreak < end) nextBreak = text.indexOf('\n', end)
  }
  return tokens
}
