import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from 'vitest'
import { type Resolver, fetchUrl, guardedLookup, isNonPublicAddress } from './fetch-url.js'
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

test('every special-purpose IPv4 and IPv6 range counts as non-public, embedded IPv4 included', () => {
  for (const address of [
    '::ffff:7f00:1', // how the URL parser writes [::ffff:127.0.0.1]
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254', // cloud metadata, IPv4-mapped
    '64:ff9b::7f00:1', // NAT64 of loopback
    '64:ff9b::a9fe:a9fe', // NAT64 of cloud metadata
    '2002:7f00:1::', // 6to4 of loopback
    'fec0::1', // site-local
    'fe80::1', // link-local
    'ff02::1', // multicast
    '::', // unspecified
    '100.64.0.1', // CGNAT
    '224.0.0.1', // multicast
    '255.255.255.255', // broadcast
    '192.0.0.8', // IETF protocol assignments
    '198.18.0.1', // benchmarking
    '192.0.2.1', // documentation
  ]) {
    expect(isNonPublicAddress(address), address).toBe(true)
  }
  for (const address of ['8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
    expect(isNonPublicAddress(address), address).toBe(false)
})

test('IPv4-mapped and NAT64 loopback URLs are refused before any connection', async () => {
  for (const url of [
    'http://[::ffff:127.0.0.1]:9/',
    'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
    'http://[64:ff9b::7f00:1]:9/',
    'http://[fec0::1]:9/',
  ]) {
    const result = await fetchUrl(url, DEFAULT_LIMITS)
    expect(result, url).toEqual({ problem: expect.objectContaining({ ruleId: 'fetch-refused' }) })
  }
})

test('a host name is resolved once, by the connection, and every address it gets is checked', async () => {
  // A name that answers with a public address to a first lookup and loopback to the next (DNS rebinding)
  // must not reach loopback: the address checked is the one the connection uses.
  const answers = ['93.184.216.34', '127.0.0.1']
  const resolver: Resolver = async () => [{ address: answers.shift() ?? '127.0.0.1', family: 4 }]
  const lookup = guardedLookup(false, resolver)
  const connected = await new Promise<unknown>((resolve) =>
    lookup('rebind.example', { all: true }, (error, addresses) => resolve(error ?? addresses)),
  )
  expect(connected).toEqual([{ address: '93.184.216.34', family: 4 }])
  const second = await new Promise<unknown>((resolve) =>
    lookup('rebind.example', { all: true }, (error, addresses) => resolve(error ?? addresses)),
  )
  expect(second).toBeInstanceOf(Error)
  expect(String(second)).toMatch(/127\.0\.0\.1 is not a public address/)
  expect(answers).toHaveLength(0)
})

test('a name that resolves to loopback is refused, with the reason', async () => {
  const result = await fetchUrl('http://localhost:65500/', DEFAULT_LIMITS)
  expect(result).toEqual({
    problem: expect.objectContaining({
      ruleId: 'fetch-refused',
      reason: expect.stringMatching(/not a public address/),
    }),
  })
})

test('with --allow-private a loopback server is fetched, redirects followed through the same guard', async () => {
  const server = createServer((request, response) => {
    if (request.url === '/moved') response.writeHead(302, { location: '/page' }).end()
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>hello</p>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  try {
    const result = await fetchUrl(`http://localhost:${port}/moved`, {
      ...DEFAULT_LIMITS,
      allowPrivateNetwork: true,
    })
    expect(result).toMatchObject({ bytes: expect.anything(), charset: 'utf-8' })
    expect(Buffer.from((result as { bytes: Uint8Array }).bytes).toString()).toBe('<p>hello</p>')
    const refused = await fetchUrl(`http://localhost:${port}/moved`, DEFAULT_LIMITS)
    expect(refused).toEqual({ problem: expect.objectContaining({ ruleId: 'fetch-refused' }) })
  } finally {
    server.close()
  }
})
