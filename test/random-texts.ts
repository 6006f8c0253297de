/**
 * Random texts made of given pieces, from a fixed pseudo-random stream (the same texts every run): for tests that
 * check a hand-written reading against the expression it replaced. Each text has `shortest` to `longest` pieces.
 */
export function randomTexts(
  pieces: readonly string[],
  count: number,
  seed: number,
  longest: number,
  shortest = 1,
): string[] {
  let state = seed
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  return Array.from({ length: count }, () =>
    Array.from(
      { length: shortest + Math.floor(next() * (longest - shortest + 1)) },
      () => pieces[Math.floor(next() * pieces.length)],
    ).join(''),
  )
}

/**
 * Characters that tell Unicode classes apart where ASCII does not: accented capitals and lower case, a caseless
 * letter, a combining mark, astral capital, lower-case letter and digit, and the two halves of a surrogate pair
 * alone.
 */
export const BEYOND_ASCII = ['é', 'É', '中', '\u0301', '𝐀', '𝐚', '𝟏', '\uD835', '\uDC00'] as const
