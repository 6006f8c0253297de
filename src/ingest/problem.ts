/** An input that produced no document, with a message naming it and the problem. */
export interface InputProblem {
  input: string
  ruleId: string
  reason: string
}

export function describeProblem(problem: InputProblem): string {
  return `${quoteName(problem.input)}: ${problem.reason} [${problem.ruleId}]`
}

/**
 * A file name or URL as it may be printed on one line: names with line breaks or other control characters
 * (which could forge a message line or drive the terminal) are printed as a JSON string.
 */
export function quoteName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(name) ? JSON.stringify(name) : name
}
