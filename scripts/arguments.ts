/** A numeric command-line option of a script (`--name VALUE`), or the fallback. */
export const numberArgument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(process.argv[at + 1])
}
