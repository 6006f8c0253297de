import { expect, test } from 'vitest'
import { isUnreachable, whenReachable } from './reachable.js'

const failure = (message: string, code?: string): Error =>
  Object.assign(new Error(message), code === undefined ? {} : { code })

test('a database down or restarting is unreachable; a failing statement is not', () => {
  expect(isUnreachable(failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true)
  expect(
    isUnreachable(failure('terminating connection due to administrator command', '57P01')),
  ).toBe(true)
  expect(isUnreachable(failure('the database system is starting up', '57P03'))).toBe(true)
  expect(isUnreachable(failure('connection failure', '08006'))).toBe(true)
  expect(isUnreachable(failure('Connection terminated unexpectedly'))).toBe(true)
  expect(isUnreachable(failure('syntax error at or near "SELEC"', '42601'))).toBe(false)
  expect(isUnreachable(failure('duplicate key value violates unique constraint', '23505'))).toBe(
    false,
  )
  expect(isUnreachable('ECONNREFUSED')).toBe(false)
})

test('whenReachable tries again while the database is unreachable, and throws any other error at once', async () => {
  let calls = 0
  const lines: string[] = []
  const value = await whenReachable(
    async () => {
      calls++
      if (calls === 1) throw failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')
      return 'stored'
    },
    (line) => lines.push(line),
    undefined,
  )
  expect(value).toBe('stored')
  expect(calls).toBe(2)
  expect(lines).toHaveLength(1)
  let tries = 0
  await expect(
    whenReachable(
      async () => {
        tries++
        throw failure('syntax error', '42601')
      },
      () => {},
      undefined,
    ),
  ).rejects.toThrow('syntax error')
  expect(tries).toBe(1)
})
