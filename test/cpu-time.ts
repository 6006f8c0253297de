/**
 * CPU milliseconds a call takes in this process, for the tests that guard against quadratic paths on hostile
 * text. They compare against a bound far below what the quadratic version took and far above what the linear one
 * takes; CPU time rather than wall time, so a loaded machine (CI, parallel test files) does not stretch it.
 */
export function cpuMillisOf<T>(run: () => T): { value: T; millis: number } {
  const started = process.cpuUsage()
  const value = run()
  const used = process.cpuUsage(started)
  return { value, millis: (used.user + used.system) / 1000 }
}
