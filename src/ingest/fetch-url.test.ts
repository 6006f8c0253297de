import { expect, test } from 'vitest'
import { fetchUrl, isNonPublicAddress } from './fetch-url.js'
import { DEFAULT_LIMITS } from './limits.js'

test('loopback, private and link-local addresses are not public', () => {
  for (const address of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '0.0.0.0',
  ]) {
    expect(isNonPublicAddress(address), address).toBe(true)
  }
  expect(isNonPublicAddress('93.184.216.34')).toBe(false)
})

test('fetching a loopback URL is refused without --allow-private', async () => {
  const result = await fetchUrl('http://127.0.0.1:9/secret', DEFAULT_LIMITS)
  expect(result).toEqual({ problem: expect.objectContaining({ ruleId: 'fetch-refused' }) })
})
