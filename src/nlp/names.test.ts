import { expect, test } from 'vitest'
import { identityKey, isShortFormOf, nameKey, withoutRunOnWords } from './names.js'

test('the identity key leaves out function words run on before a name and a nickname in quotes', () => {
  expect(identityKey(nameKey('Although Microsoft'))).toBe('microsoft')
  expect(identityKey(nameKey('Then Hansbrough'))).toBe('hansbrough')
  expect(identityKey(nameKey('The Chargers'))).toBe('chargers')
  expect(identityKey(nameKey(`Vincent 'Chin' Gigante`))).toBe('vincent gigante')
  // One word is always kept, and a name that begins with no function word is its key.
  expect(identityKey(nameKey('The'))).toBe('the')
  expect(identityKey(nameKey('New York'))).toBe('new york')
  expect(withoutRunOnWords('Although Microsoft')).toBe('Microsoft')
  expect(withoutRunOnWords('The Hague')).toBe('The Hague')
})

test('a surname of two words with a particle shortens the full name; given names do not', () => {
  expect(isShortFormOf('lo presti', 'gaetano lo presti')).toBe(true)
  expect(isShortFormOf('de niro', 'robert de niro')).toBe(true)
  expect(isShortFormOf('jong un', 'kim jong un')).toBe(false)
})
