/** An input that produced no document, with a message naming it and the problem. */
export interface InputProblem {
  input: string
  ruleId: string
  reason: string
}

export function describeProblem(problem: InputProblem): string {
  return `${problem.input}: ${problem.reason} [${problem.ruleId}]`
}
