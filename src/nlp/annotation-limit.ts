// Its own module so that extraction without annotation (`extract --no-annotate`) can warn about the bound
// without loading the nlp stage's modules and models.

/**
 * Names and attributions are found in at most this many characters of a text (the rest keeps its sentences):
 * a news article is under 100,000, and a hostile 10 MB page must not hold a process for minutes (the name
 * stage costs about 4 µs a character, and identities grow with the mentions of one name).
 */
export const MAX_ANNOTATED_CHARS = 500_000
