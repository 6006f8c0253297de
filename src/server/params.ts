import { badRequest } from './errors.js'

/** A whole number from a query parameter within bounds; absent gives the fallback; anything else is a 400. */
export function intParam(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback
  if (!/^\d{1,9}$/.test(value)) throw badRequest(`"${name}" must be a whole number`)
  const parsed = Number(value)
  if (parsed < min || parsed > max) throw badRequest(`"${name}" must be between ${min} and ${max}`)
  return parsed
}

/** A text query parameter bounded in length; absent is ''. */
export function textParam(value: string | undefined, name: string, max: number): string {
  const text = (value ?? '').trim()
  if (text.length > max) throw badRequest(`"${name}" is longer than ${max} characters`)
  return text
}
