/**
 * A database URL without its password, for messages. Its own module: every command prints store names, and
 * importing it must not load the job queue's drivers.
 */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}
